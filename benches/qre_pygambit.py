"""Times pygambit's logit_solve (the principal logit QRE branch to its limit)
on the reference timing games of tests/fixtures/timing_games.json, for
comparison with `cargo bench --features bench --bench equilibria -- logit_qre`.

Needs `pip install pygambit` (it brings numpy). Run from the repository root:
    python3 benches/qre_pygambit.py [REPEATS]
Prints, per game, the median and best wall time of REPEATS runs (default 20).
"""
import json
import statistics
import sys
import time

import numpy as np
import pygambit as gbt


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    data = json.load(open("tests/fixtures/timing_games.json"))
    print(f"pygambit {gbt.__version__}")
    for g in data["games"]:
        a, b = np.array(g["A"]), np.array(g["B"])
        # pygambit 17 builds tables with StrategicGame; 16.x with Game.
        maker = getattr(gbt, "StrategicGame", gbt.Game)
        game = maker.from_arrays(a, b)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            gbt.nash.logit_solve(game)
            times.append(time.perf_counter() - start)
        print(
            f"{g['size']}: logit_solve median {statistics.median(times) * 1e3:.2f} ms, "
            f"best {min(times) * 1e3:.2f} ms"
        )


main()
