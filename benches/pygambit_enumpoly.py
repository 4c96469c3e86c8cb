#!/usr/bin/env python3
"""Times pygambit's enumpoly_solve (all equilibria) and dilemma's support
enumeration on the same n-player reference games, and prints the ratio.

Needs `pip install pygambit` (16.7 was the reference) and a release build
(`cargo build --release`). Usage: python3 benches/pygambit_enumpoly.py
"""
import json
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
GAMES = ["nplayer_3x3x3_seed5004", "nplayer_3x3x3_seed5005"]
REPEATS = 10


def best_of(f):
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    try:
        import pygambit as gbt
    except ImportError:
        sys.exit("pygambit is not installed: pip install pygambit")
    binary = ROOT / "target" / "release" / "dilemma"
    for name in GAMES:
        path = ROOT / "tests" / "fixtures" / "nplayer" / f"{name}.nfg"
        game = gbt.read_nfg(str(path))
        gambit_s = best_of(lambda: gbt.nash.enumpoly_solve(game))
        found = len(gbt.nash.enumpoly_solve(game).equilibria)
        # The command's own report of its solve, without process start-up:
        # time the whole command and subtract an empty run's time.
        run = lambda: subprocess.run(
            [binary, "solve", str(path), "--format", "json"],
            check=True, capture_output=True)
        empty = lambda: subprocess.run(
            [binary, "game", "show", str(path), "--format", "json"],
            check=True, capture_output=True)
        ours_s = max(best_of(run) - best_of(empty), 0.0)
        ours = json.loads(run().stdout)
        print(f"{name}: pygambit enumpoly {gambit_s * 1e3:.1f} ms ({found} equilibria); "
              f"dilemma support enumeration {ours_s * 1e3:.1f} ms "
              f"({len(ours['equilibria'])} equilibria, complete: {ours['complete']})")


if __name__ == "__main__":
    main()
