"""What a notebook runs with the Python package (``import dilemma``): a
tournament and its tables, the security dilemma's game and equilibria,
evolution on the tournament's payoffs, a small Jervis sweep and figures.

Run it as a script (``python examples/notebook.py [OUT_DIR]``) or cell by
cell in Jupyter, where the figures display inline. CI runs it
(python/ci.sh); it writes its figures into OUT_DIR (default: a temporary
folder).
"""

import sys
import tempfile
from pathlib import Path

import dilemma

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="dilemma-notebook-"))
out.mkdir(parents=True, exist_ok=True)

# %% The default tournament: 20 well-known strategies, 200 turns, 10 repetitions.
results = dilemma.Tournament(seed=0).run()
print(results.summary[["Rank", "Name", "Median_score", "Cooperation_rating", "Wins"]].head(10).to_string(index=False))
print("\nbest against worst:", results.payoff_matrix.loc[results.ranking[0], results.ranking[-1]])

# %% A security dilemma: offence dominant, postures hard to tell apart
# (Jervis's "doubly dangerous" world), and its equilibria.
game = dilemma.Game.security(offence=0.8, differentiation=0.1)
print(f"\n{game!r}: {game.classify()}, {game.jervis_world()}")
for eq in dilemma.solve(game):
    print("  equilibrium", eq.row, eq.col, "payoffs", eq.row_payoff, eq.col_payoff)
mixed = dilemma.solve(dilemma.Game.catalogue("chicken"))
print("chicken, exact:", [e.exact.row for e in mixed if e.exact is not None])

# %% Two sides with their own parameters play the security game between them.
sided = dilemma.Tournament(
    [{"strategy": "Tit For Tat", "side": "weak"}, {"strategy": "Grudger", "side": "weak"},
     {"strategy": "Defector", "side": "strong"}, {"strategy": "Win-Stay Lose-Shift", "side": "strong"}],
    game="security", params={"offence": 0.6, "differentiation": 0.4},
    sides={"weak": {"power": 0.3}, "strong": {"power": 0.7}}, turns=100, repetitions=5, seed=1,
).run()
print("\n", sided.sides[["side", "in_group_cooperation", "out_group_cooperation", "spiral_share"]].to_string(index=False))

# %% A strategy defined as data (a memory-one four-vector), in a tournament.
gtft = {"name": "Forgiving Four-Vector", "kind": "memory_one", "four_vector": [1, 0.3, 1, 0.3], "first": "C",
        "description": "Tit For Tat forgiving 30% of defections.", "source": "Nowak and Sigmund (1992)"}
noisy = dilemma.Tournament(["Forgiving Four-Vector", "Tit For Tat", "Defector", "Grudger"], noise=0.05,
                           strategies=[gtft], seed=2).run()
print("\nunder 5% noise:", noisy.ranking)

# %% Evolution on the default tournament's payoffs.
evolution = results.evolve(generations=500, moran=[{"mutant": "Tit For Tat", "resident": "Defector"}])
print("\nafter 500 generations:", evolution.ecological.iloc[-1].nlargest(3).round(4).to_dict())
print(evolution.moran[["mutant", "resident", "exact_fixation_probability", "simulated_fixation_probability"]]
      .to_string(index=False))

# %% One match.
match = dilemma.play("Tit For Tat", "Suspicious Tit For Tat", turns=12, noise=0.1, seed=3)
print("\n" + str(match))

# %% A small Jervis sweep (5 x 5 points) and its maps.
table = dilemma.sweep([{"parameter": "offence", "from": 0, "to": 1, "steps": 5},
                       {"parameter": "differentiation", "from": 0, "to": 1, "steps": 5}],
                      players=["Tit For Tat", "Defector", "Grudger", "Win-Stay Lose-Shift"], turns=50,
                      repetitions=2)
print("\nfield restraint by differentiation (misperception falls as it rises):\n", table.groupby("differentiation")["field_cooperation"].mean().round(4).to_string())

# %% Three states, two of them allied: the alliance stage game and its
# equilibria; the n-player volunteer's dilemma by the global Newton method.
alliance = dilemma.alliance_game({"us": {"power": 0.5}, "uk": {}, "ussr": {"offence": 0.8}},
                                 blocs={"west": ["us", "uk"]}, commitment=0.5)
for eq in dilemma.solve(alliance, "pure"):
    print("\nalliance equilibrium:", [alliance.actions[i][int(s.argmax())] for i, s in enumerate(eq.strategies)])
volunteers = dilemma.solve(dilemma.Game.catalogue("volunteers_dilemma", n=4), "gnm", rays=3, seed=1)
print("volunteer's dilemma (4 players), gnm:", [[round(float(s[0]), 4) for s in e.strategies] for e in volunteers])

# %% Learning: stochastic fictitious play on the stag hunt; a groups
# tournament on the n-player prisoner's dilemma; a small sensitivity run.
learning = dilemma.learn(dilemma.Game.catalogue("stag_hunt"), "stochastic-fictitious", iterations=500, seed=1)
print("\nstochastic fictitious play, final:", learning.summary["final"])
groups = dilemma.Groups(["Cooperator", "Defector", "TFT (all)", "Grim", "Threshold(2)"], group_size=3,
                        turns=50, repetitions=2).run()
print(groups.summary[["Rank", "Name", "Mean_payoff", "Cooperation_rating"]].to_string(index=False))
sens = dilemma.sensitivity({"stakes": (2, 6), "offence": (0.2, 0.8)}, morris=2,
                           players=["Tit For Tat", "Defector", "Grudger"], turns=20, repetitions=1)
print("\n", sens.one_at_a_time.to_string(index=False))

# %% Figures: in Jupyter, a Figure displays itself (_repr_svg_).
figures = (results.figures() + evolution.figures() + dilemma.sweep_figures(table) + learning.figures
           + sens.figures)
for f in figures:
    f.save(out / f"{f.name}.svg")
figures[0].save(out / f"{figures[0].name}.png", dpi=100)
print(f"\n{len(figures)} figures written to {out}")
