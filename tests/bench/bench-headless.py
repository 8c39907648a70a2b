#!/usr/bin/env python3
# bench-headless.py — the clustering, speed and memory figures of a default
# headless run: ACC / NMI / ARI per seed with their median, wall time, and
# peak resident memory, each run measured by the kernel (wait4's ru_maxrss).
#
# usage: bench-headless.py BUILD_DIR [--seeds 1,2,3] [-- extra latent-space options]
import json
import os
import statistics
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit("usage: bench-headless.py BUILD_DIR [--seeds 1,2,3] [-- options]")
    build = args.pop(0)
    seeds = [1, 2, 3]
    extra = []
    while args:
        a = args.pop(0)
        if a == "--seeds":
            seeds = [int(s) for s in args.pop(0).split(",")]
        elif a == "--":
            extra, args = args, []
    exe = os.path.join(build, "src", "latent-space")

    rows = []
    for seed in seeds:
        start = time.monotonic()
        proc = subprocess.Popen([exe, "--headless", "--json", "--quiet", "--seed", str(seed)] + extra,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out = proc.stdout.read()
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        if status != 0:
            sys.exit(f"bench-headless: seed {seed} failed: {err.decode().strip()}")
        result = json.loads(out)
        result["wall"] = wall
        result["rss_mb"] = usage.ru_maxrss / 1024.0
        rows.append(result)
        print(f"seed {seed}: ACC {result['acc']:.3f}  NMI {result['nmi']:.3f}  ARI {result['ari']:.3f}  "
              f"{result['epochs']} epochs  {wall:.1f} s wall  "
              f"{result['samples_per_second']:.0f} samples/s  {result['gflops']:.1f} GFLOP/s  "
              f"peak RSS {result['rss_mb']:.0f} MB", flush=True)

    def med(key):
        return statistics.median(r[key] for r in rows)

    print(f"median: ACC {med('acc'):.3f}  NMI {med('nmi'):.3f}  ARI {med('ari'):.3f}  "
          f"wall {med('wall'):.1f} s (limit 60)  peak RSS {max(r['rss_mb'] for r in rows):.0f} MB "
          f"(limit 150)")


if __name__ == "__main__":
    main()
