"""Per case and side, the mean over seeds, with its 95% Student t interval
(the seeds are independent replicates, docs/model.md §14), of what `dilemma
tournament` wrote to results.json: restraint and payoff against the other
side and inside, and the share of defections that were spirals (provoked by a
misperceived restraint)."""
import csv
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

runs = Path(sys.argv[1])
table = defaultdict(lambda: defaultdict(list))
for folder in sorted(runs.iterdir()):
    case, seed = folder.name.rsplit("-", 1)
    results = json.loads((folder / "results.json").read_text())
    for group in results["groups"]["summary"]:
        causes = group["defection_causes"]
        row = table[(case, group["group"])]
        row["restraint_across"].append(group["out_group_cooperation"])
        row["restraint_inside"].append(group["in_group_cooperation"])
        row["payoff_across"].append(group["out_group_payoff"])
        row["payoff_inside"].append(group["in_group_payoff"])
        row["spiral_share"].append(causes[2] / max(1, sum(causes)))



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


out = csv.writer(sys.stdout, lineterminator="\n")
measures = ["restraint_across", "restraint_inside", "payoff_across", "payoff_inside", "spiral_share"]
header = ["case", "side", "seeds"]
for m in measures:
    header += [f"{m}_mean", f"{m}_ci_low", f"{m}_ci_high"]
out.writerow(header)
for (case, side), row in sorted(table.items()):
    line = [case, side, len(row["spiral_share"])]
    for m in measures:
        line += [f"{x:.4f}" for x in interval(row[m])]
    out.writerow(line)
