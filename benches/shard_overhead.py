#!/usr/bin/env python3
"""Sharding overhead: the summed wall time of a sweep's 8 shards (separate
processes, as a Slurm array runs them) against one process running the whole
sweep, on the default 21 x 21 Jervis sweep.

Usage: python3 benches/shard_overhead.py [--rounds 5] [--threads 1] [--shards 8]
(builds nothing: run `cargo build --release` first). Rounds are interleaved
(whole run, then the shards, then the merge) and the median of each is
reported with the best runs (the least disturbed), since the development
machine is shared and has slow spells.
"""
import argparse
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "dilemma"
SWEEP = ["sweep", "--axis", "offence=0:1:21", "--axis", "differentiation=0:1:21", "--no-figures"]


CPU = []


def timed(args, cwd):
    """Runs the binary; returns its wall time and appends its CPU time
    (user + system) to CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(BIN), *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--threads", default="1")
    p.add_argument("--shards", type=int, default=8)
    a = p.parse_args()
    threads = ["--threads", a.threads]
    whole, shards, merge = [], [], []
    whole_cpu, shards_cpu = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(a.rounds):
            whole.append(timed([*SWEEP, *threads, "--out", f"whole{r}"], tmp))
            whole_cpu.append(CPU[-1])
            shards.append(sum(
                timed([*SWEEP, *threads, "--out", f"sharded{r}", "--shard", f"{i}/{a.shards}"], tmp)
                for i in range(a.shards)))
            shards_cpu.append(sum(CPU[-a.shards:]))
            merge.append(timed(["merge", f"sharded{r}", "--no-figures"], tmp))
            same = (Path(tmp, f"whole{r}", "sweep.csv").read_bytes()
                    == Path(tmp, f"sharded{r}", "sweep.csv").read_bytes())
            assert same, "the merged sweep.csv differs from the single run's"
            shutil.rmtree(Path(tmp, f"whole{r}"))
            shutil.rmtree(Path(tmp, f"sharded{r}"))
    w, s, m = (statistics.median(x) for x in (whole, shards, merge))
    print(f"21 x 21 Jervis sweep, {a.threads} thread(s), median of {a.rounds} rounds:")
    print(f"  one process:            {w:.3f} s   (runs: {', '.join(f'{x:.3f}' for x in whole)})")
    print(f"  {a.shards} shards, summed:       {s:.3f} s   (runs: {', '.join(f'{x:.3f}' for x in shards)})")
    print(f"  merge:                  {m:.3f} s")
    print(f"  overhead of the shards: {100 * (s / w - 1):+.1f} %;"
          f" with the merge: {100 * ((s + m) / w - 1):+.1f} %")
    print(f"  best runs: one process {min(whole):.3f} s, {a.shards} shards summed {min(shards):.3f} s"
          f" ({100 * (min(shards) / min(whole) - 1):+.1f} %)")
    wc, sc = statistics.median(whole_cpu), statistics.median(shards_cpu)
    print(f"  CPU time (user + system): one process {wc:.3f} s, {a.shards} shards {sc:.3f} s"
          f" ({100 * (sc / wc - 1):+.1f} %)")


if __name__ == "__main__":
    main()
