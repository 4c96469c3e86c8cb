"""Per offence-defence balance θ, the mean over seeds, with its 95% Student t
interval (independent replicates, docs/model.md §14), of what `dilemma groups
--evolve fixation` wrote (§20.8): each strategy's long-run share in the
small-mutation limit (`stationary.csv`), the paired difference Chain Ganger −
Buck Passer, and the fixation probability of one Chain Ganger among Buck
Passers and of the reverse (`fixation.csv`, neutral 1/50 = 0.02).
Writes evolution-by-offence.csv into the folder given second."""
import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

runs, out = Path(sys.argv[1]), Path(sys.argv[2])
table = defaultdict(lambda: defaultdict(list))
names = []
for folder in sorted(runs.iterdir()):
    _, theta, _seed = folder.name.split("-")
    row = table[float(theta)]
    with open(folder / "stationary.csv") as f:
        shares = {r["Strategy"]: float(r["Stationary_share"]) for r in csv.DictReader(f)}
    names = list(shares)
    for name, share in shares.items():
        row[name].append(share)
    row["Chain Ganger - Buck Passer"].append(shares["Chain Ganger"] - shares["Buck Passer"])
    with open(folder / "fixation.csv") as f:
        rho = {(r["Resident"], r["Invader"]): float(r["Fixation_probability"]) for r in csv.DictReader(f)}
    row["rho Chain Ganger into Buck Passer"].append(rho[("Buck Passer", "Chain Ganger")])
    row["rho Buck Passer into Chain Ganger"].append(rho[("Chain Ganger", "Buck Passer")])


def t_quantile(p, df):
    """The p-quantile of Student's t with df degrees of freedom: bisection on
    the CDF, integrated from the density by Simpson's rule."""
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)

    def cdf(t):
        n = 2000
        h = t / n
        f = lambda x: c * (1 + x * x / df) ** (-(df + 1) / 2)
        area = f(0) + f(t) + sum((4 if k % 2 else 2) * f(k * h) for k in range(1, n))
        return 0.5 + area * h / 3

    lo, hi = 0.0, 50.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
    return (lo + hi) / 2


def interval(v):
    """Mean and the ends of its 95% t interval."""
    n = len(v)
    mean = sum(v) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in v) / (n - 1))
    half = t_quantile(0.975, n - 1) * sd / math.sqrt(n)
    return mean, mean - half, mean + half


quantities = names + [
    "Chain Ganger - Buck Passer",
    "rho Chain Ganger into Buck Passer",
    "rho Buck Passer into Chain Ganger",
]
with open(out / "evolution-by-offence.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["offence", "quantity", "mean", "low", "high"])
    for theta in sorted(table):
        for q in quantities:
            m, lo, hi = interval(table[theta][q])
            w.writerow([theta, q, f"{m:.6f}", f"{lo:.6f}", f"{hi:.6f}"])
