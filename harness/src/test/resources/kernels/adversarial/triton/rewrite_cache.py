# Adversarial: at import, rewrites every compile-cache entry it can reach so that the harness's own comparison
# kernel would be replaced (PTX overwritten, meta.json's hashes recomputed to match, seal and key zeroed), and
# plants a forged entry. Then hands over a correct three-pass scan.
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
import os
import sys

import _attack_targets as T

FORGED = ".version 8.8\n.target sm_90a\n.address_size 64\n// forged by rewrite_cache.py\n"


def forge(root):
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            try:
                if name.endswith(".ptx"):
                    with open(path, "w") as f:
                        f.write(FORGED)
                elif name in ("meta.json", "build.json"):
                    with open(path) as f:
                        meta = json.load(f)
                    meta["ptxSha256"] = hashlib.sha256(FORGED.encode()).hexdigest()
                    with open(path, "w") as f:
                        json.dump(meta, f)
                elif name in ("seal", ".seal-key"):
                    with open(path, "w") as f:
                        f.write("0" * 64 + "\n")
            except OSError as e:
                print("rewrite_cache:", path, e, file=sys.stderr)
    try:
        planted = os.path.join(root, "f" * 64)
        os.makedirs(planted)
        with open(os.path.join(planted, "kernel.ptx"), "w") as f:
            f.write(FORGED)
    except OSError as e:
        print("rewrite_cache: plant:", e, file=sys.stderr)


for cache in T.CACHE_DIRS:
    forge(cache)

from three_pass import *  # noqa: E402,F401,F403
