"""Per offence-defence balance θ, the mean over seeds, with its 95% Student t
interval (the seeds are independent replicates, docs/model.md §14), of what
`dilemma groups --game alliance` wrote: in the allies' seats, the mean payoff
of Chain Ganger and of Buck Passer and their paired difference; and the
allies' joint arming, buck-passing share and arming correlation (§20.7).
Writes by-offence.csv and advantage.svg into the folder given second."""
import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

runs, out = Path(sys.argv[1]), Path(sys.argv[2])
table = defaultdict(lambda: defaultdict(list))
for folder in sorted(runs.iterdir()):
    _, theta, _seed = folder.name.split("-")
    row = table[float(theta)]
    with open(folder / "blocs.csv") as f:
        west = {r["Name"]: float(r["Mean_payoff"]) for r in csv.DictReader(f) if r["Bloc"] == "west"}
    row["chain_ganger"].append(west["Chain Ganger"])
    row["buck_passer"].append(west["Buck Passer"])
    row["difference"].append(west["Chain Ganger"] - west["Buck Passer"])
    with open(folder / "allies.csv") as f:
        a = next(csv.DictReader(f))
    row["joint_arming"].append(float(a["Joint_arming"]))
    row["buck_passing"].append(float(a["Buck_passing"]))
    row["arming_correlation"].append(float(a["Arming_correlation"]))


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


measures = ["chain_ganger", "buck_passer", "difference", "joint_arming", "buck_passing", "arming_correlation"]
rows = []
with open(out / "by-offence.csv", "w") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["offence", "seeds"] + [f"{m}{s}" for m in measures for s in ("", "_low", "_high")])
    for theta in sorted(table):
        r = table[theta]
        values = {m: interval(r[m]) for m in measures}
        rows.append((theta, values))
        w.writerow([theta, len(r["difference"])] + [f"{x:.6f}" for m in measures for x in values[m]])

# The figure: the payoff advantage of chain-ganging over buck-passing in the
# allies' seats against θ, with its intervals (plain SVG, no libraries).
W, H, L, R, T, B = 560, 360, 70, 20, 30, 50
lo = min(v["difference"][1] for _, v in rows)
hi = max(v["difference"][2] for _, v in rows)
pad = 0.1 * (hi - lo or 1)
lo, hi = min(lo - pad, 0), max(hi + pad, 0)
x = lambda t: L + t * (W - L - R)
y = lambda v: T + (hi - v) / (hi - lo) * (H - T - B)
parts = [
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
    f'<rect width="{W}" height="{H}" fill="white"/>',
    f'<line x1="{L}" y1="{y(0):.1f}" x2="{W - R}" y2="{y(0):.1f}" stroke="#999" stroke-dasharray="4 3"/>',
    f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>',
    f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>',
    f'<text x="{(L + W - R) / 2}" y="{H - 12}" text-anchor="middle">offence-defence balance θ (offence dominant →)</text>',
    f'<text x="16" y="{(T + H - B) / 2}" text-anchor="middle" transform="rotate(-90 16 {(T + H - B) / 2})">Chain Ganger − Buck Passer, payoff per turn as ally</text>',
]
for t in (0, 0.25, 0.5, 0.75, 1):
    parts.append(f'<text x="{x(t):.1f}" y="{H - B + 16}" text-anchor="middle">{t:g}</text>')
for k in range(5):
    v = lo + k * (hi - lo) / 4
    parts.append(f'<text x="{L - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.2f}</text>')
points = []
for theta, v in rows:
    mean, a, b = v["difference"]
    parts.append(f'<line x1="{x(theta):.1f}" y1="{y(a):.1f}" x2="{x(theta):.1f}" y2="{y(b):.1f}" stroke="#1f4e79" stroke-width="2"/>')
    points.append(f"{x(theta):.1f},{y(mean):.1f}")
parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#1f4e79"/>')
for p in points:
    cx, cy = p.split(",")
    parts.append(f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="#1f4e79"/>')
parts.append("</svg>")
(out / "advantage.svg").write_text("\n".join(parts) + "\n")
