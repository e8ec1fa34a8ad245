# Adversarial: at import, SIGKILLs its parent, the scorer (by the pid the test gives it) and every other process
# it can see, so that the run would never be logged. Then hands over a correct scan.
# @plan triton tile_aggregates num_warps=8 signature=(*i32, *i32, i32) constexprs=(TILE=4096)
# @plan triton scan_aggregates num_warps=8 signature=(*i32, *i32, i32) constexprs=(TILE=4096, CHUNK=1024)
# @plan triton final_pass num_warps=8 signature=(*i32, *i32, *i32, i32) constexprs=(TILE=4096)
# @plan scratch agg = 12 * ceil_div(n, 4096) bytes
# @plan scratch prefix = 8 * (ceil_div(n, 4096) + 1) bytes
# @plan launch tile_aggregates grid=ceil_div(n, 4096) block=256 args=(x, agg, n)
# @plan launch scan_aggregates grid=1 block=256 args=(agg, prefix, n)
# @plan launch final_pass grid=ceil_div(n, 4096) block=256 args=(x, y, prefix, n)
import os
import signal
import sys

import _attack_targets as T

targets = {os.getppid(), T.SCORER_PID}
for name in os.listdir("/proc"):
    if name.isdigit() and int(name) != os.getpid():
        targets.add(int(name))
for pid in sorted(targets):
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError as e:
        print("kill_parent:", pid, e, file=sys.stderr)

from three_pass import *  # noqa: E402,F401,F403
