# Adversarial: at import, appends a forged entry (a 0.21 ms CUDA time, status ok) to the score log, with a
# correct hash chain and head file, as a log with an unkeyed chain would accept. Then hands over a correct scan.
# @plan triton tile_aggregates num_warps=8 signature=(*i32, *i32, i32) constexprs=(TILE=4096)
# @plan triton scan_aggregates num_warps=8 signature=(*i32, *i32, i32) constexprs=(TILE=4096, CHUNK=1024)
# @plan triton final_pass num_warps=8 signature=(*i32, *i32, *i32, i32) constexprs=(TILE=4096)
# @plan scratch agg = 12 * ceil_div(n, 4096) bytes
# @plan scratch prefix = 8 * (ceil_div(n, 4096) + 1) bytes
# @plan launch tile_aggregates grid=ceil_div(n, 4096) block=256 args=(x, agg, n)
# @plan launch scan_aggregates grid=1 block=256 args=(agg, prefix, n)
# @plan launch final_pass grid=ceil_div(n, 4096) block=256 args=(x, y, prefix, n)
import hashlib
import json
import sys

import _attack_targets as T


def forge(log):
    prev, seq = "0" * 64, 0
    try:
        with open(log, "rb") as f:
            lines = f.read().split(b"\n")[:-1]
        if lines:
            last = json.loads(lines[-1])
            prev, seq = last["hash"], last["seq"] + 1
    except OSError:
        pass
    entry = {"seq": seq, "time": "2026-01-01T00:00:00Z", "prev": prev, "kernel": "forged.cu", "backend": "cuda",
             "n": 100000000, "status": "ok", "time_ms": 0.21, "score": -1.56, "practice": False}
    body = json.dumps(entry, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(body.encode()).hexdigest()
    line = body[:-1] + ',"hash":"' + digest + '"}\n'
    with open(log, "a") as f:
        f.write(line)
    with open(log + ".head", "w") as f:
        json.dump({"count": seq + 1, "hash": digest}, f)


try:
    forge(T.LOG)
except OSError as e:
    print("append_log:", e, file=sys.stderr)

from three_pass import *  # noqa: E402,F401,F403
