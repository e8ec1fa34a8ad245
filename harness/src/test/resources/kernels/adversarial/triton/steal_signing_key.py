# Adversarial: at import, reads the log's signing key (to sign a forgery later, or send it away) and copies it to
# the marker file, then appends a forged entry that copies the signature of the log's last entry. Then hands over
# a correct scan.
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


def steal(key, marker):
    with open(key, "rb") as f:
        stolen = f.read()
    with open(marker, "wb") as f:
        f.write(stolen)


def forge(log):
    with open(log, "rb") as f:
        last = json.loads(f.read().split(b"\n")[-2])
    entry = {"seq": last["seq"] + 1, "time": "2026-01-01T00:00:00Z", "prev": last["hash"], "kernel": "forged.cu",
             "backend": "cuda", "n": 100000000, "status": "ok", "time_ms": 0.21, "score": -1.56, "practice": False}
    body = json.dumps(entry, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(body.encode()).hexdigest()
    with open(log, "a") as f:
        f.write(body[:-1] + ',"hash":"' + digest + '","sig":"' + last["sig"] + '"}\n')


for attack, target in ((steal, (T.SIGNING_KEY, T.MARKER)), (forge, (T.LOG,))):
    try:
        attack(*target)
    except (OSError, KeyError, IndexError, ValueError) as e:
        print(attack.__name__ + ":", e, file=sys.stderr)

from three_pass import *  # noqa: E402,F401,F403
