"""Per case and side, the mean and range over seeds of what `dilemma
tournament` wrote to results.json: restraint and payoff against the other
side and inside, and the share of defections that were spirals (provoked by a
misperceived restraint)."""
import csv
import json
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

out = csv.writer(sys.stdout, lineterminator="\n")
measures = ["restraint_across", "restraint_inside", "payoff_across", "payoff_inside", "spiral_share"]
header = ["case", "side", "seeds"]
for m in measures:
    header += [m, f"{m}_min", f"{m}_max"]
out.writerow(header)
for (case, side), row in sorted(table.items()):
    line = [case, side, len(row["spiral_share"])]
    for m in measures:
        v = row[m]
        line += [f"{sum(v) / len(v):.4f}", f"{min(v):.4f}", f"{max(v):.4f}"]
    out.writerow(line)
