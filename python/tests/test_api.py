"""The rest of the API: games from arrays, equilibria as arrays and
fractions, figures, evolution, help texts."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd

import dilemma


def test_game_from_arrays_and_back():
    a = np.array([[3.0, 0.0], [5.0, 1.0]])
    g = dilemma.Game(a, name="pd", row_actions=["C", "D"], col_actions=["C", "D"])
    assert g.shape == (2, 2) and g.is_symmetric()
    assert np.array_equal(g.col_payoffs, a.T)
    assert g.classify() == dilemma.Game.catalogue("prisoners_dilemma").classify()
    assert dilemma.Game.from_nfg(g.to_nfg()) == g


def test_security_game_keeps_its_model(tmp_path):
    g = dilemma.Game.security(offence=0.8, differentiation=0.1)
    params = g.model_parameters()
    assert params["offence"] == 0.8 and params["differentiation"] == 0.1
    assert "paranoia_row" in params
    assert g.jervis_world() is not None
    path = tmp_path / "g.nfg"
    g.write_nfg(path)
    assert np.array_equal(dilemma.Game.read_nfg(path).row_payoffs, g.row_payoffs)
    assert dilemma.Game.security(three_action=True).shape == (3, 3)


def test_matching_pennies_equilibrium_is_exact():
    s = dilemma.solve(dilemma.Game.catalogue("matching_pennies"))
    assert len(s) == 1 and s.complete
    e = s[0]
    assert isinstance(e.row, np.ndarray)
    assert e.exact.row == [Fraction(1, 2), Fraction(1, 2)]
    assert e.exact.row_payoff == 0
    lh = dilemma.solve(dilemma.Game.catalogue("matching_pennies"), "lemke-howson", labels="all")
    assert np.allclose(lh[0].row, [0.5, 0.5])
    ce = dilemma.solve(dilemma.Game.catalogue("chicken"), "correlated")
    assert ce.distribution.shape == (2, 2) and abs(ce.distribution.sum() - 1) < 1e-9


def test_figures_display_inline_and_render_png():
    results = dilemma.Tournament(["Tit For Tat", "Defector", "Grudger"], turns=20, repetitions=2).run()
    figures = results.figures()
    assert figures
    f = figures[0]
    assert f._repr_svg_().lstrip().startswith("<")
    assert f.png(dpi=50)[:8] == b"\x89PNG\r\n\x1a\n"
    assert dilemma.game_figures(dilemma.Game.catalogue("stag_hunt"))


def test_ecological_simulation_on_a_payoff_frame():
    results = dilemma.Tournament(["Tit For Tat", "Defector", "Cooperator"], turns=50, repetitions=1).run()
    shares = dilemma.ecological(results.payoff_matrix, generations=200)
    assert list(shares.columns) == results.players
    assert np.allclose(shares.sum(axis=1), 1.0)
    assert shares.iloc[0].tolist() == [1 / 3] * 3
    # Defector exploits Cooperator first, then starves: Tit For Tat wins.
    assert shares.iloc[-1].idxmax() == "Tit For Tat"


def test_replicator_and_moran():
    hd = dilemma.Game.catalogue("hawk_dove")
    traj = dilemma.replicator(hd, [0.9, 0.1], dt=0.05, steps=400)
    assert list(traj.columns) == ["time"] + hd.row_actions
    v, c = 2.0, 4.0  # the catalogue's defaults: the mixed ESS plays Hawk with V / C
    params = dict(dilemma.catalogue().set_index("name").loc["hawk_dove", "parameters"])
    v, c = params.get("V", v), params.get("C", c)
    assert abs(traj.iloc[-1, 1] - v / c) < 1e-3
    m = dilemma.moran(np.array([[3.0, 0.0], [5.0, 1.0]]), mutant=1, resident=0, population=6, runs=200, seed=1)
    assert 0 <= m["probability"] <= 1 and m["runs"] == 200


def test_tables_are_dataframes_and_help_renders():
    results = dilemma.Tournament(["Tit For Tat", "Defector"], turns=10, repetitions=1).run()
    for table in [results.summary, results.payoff_matrix, results.pairs, results.players_table]:
        assert isinstance(table, pd.DataFrame)
    assert results.groups is None and results.replicates is None
    assert "Tit For Tat" in results._repr_html_()
    assert "round-robin" in dilemma.Tournament.__doc__
    assert dilemma.Game.catalogue.__doc__ and dilemma.solve.__doc__
    assert len(dilemma.catalogue()) > 5 and len(dilemma.security_parameters()) > 10


def test_numpy_numbers_are_accepted():
    t = dilemma.Tournament(["Tit For Tat", "Defector"], turns=np.int64(20), repetitions=np.int32(2),
                           noise=np.float64(0.0), seed=np.uint8(1))
    assert t.config["turns"] == 20 and isinstance(t.config["turns"], int)
    assert t.run().files == dilemma.Tournament(["Tit For Tat", "Defector"], turns=20, repetitions=2,
                                               seed=1).run().files


def test_the_readme_example_runs():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## From Python"):]
    code = section[section.index("```python") + len("```python"):]
    code = code[:code.index("```")]
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert isinstance(namespace["results"], dilemma.TournamentResults)
