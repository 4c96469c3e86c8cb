#!/usr/bin/env python3
"""Times pygambit's gnm_solve (global Newton method) and dilemma's
`solve --method gnm` on the n-player reference games, and prints what each
found.

Needs `pip install pygambit` (16.7 was the reference) and a release build
(`cargo build --release`). Usage: python3 benches/pygambit_gnm.py
"""
import json
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
GAMES = [
    "nplayer_2x2x2_seed5001",
    "nplayer_3x3x3_seed5004",
    "nplayer_3x3x3_seed5005",
    "nplayer_2x2x2x2_seed5006",
    "nplayer_2x2x2x2x2_seed5009",
]
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
        gambit_s = best_of(lambda: gbt.nash.gnm_solve(game))
        found = len(gbt.nash.gnm_solve(game).equilibria)
        # The command's own solve, without process start-up: time the whole
        # command and subtract an empty run's time.
        run = lambda: subprocess.run(
            [binary, "solve", str(path), "--method", "gnm", "--format", "json"],
            check=True, capture_output=True)
        empty = lambda: subprocess.run(
            [binary, "game", "show", str(path), "--format", "json"],
            check=True, capture_output=True)
        ours_s = max(best_of(run) - best_of(empty), 0.0)
        ours = json.loads(run().stdout)
        print(f"{name}: pygambit gnm {gambit_s * 1e3:.2f} ms ({found} equilibria); "
              f"dilemma gnm {ours_s * 1e3:.2f} ms ({len(ours['equilibria'])} equilibria, "
              f"max regret {ours['max_regret']:.1e})")


if __name__ == "__main__":
    main()
