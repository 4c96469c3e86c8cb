"""The package's results are the command line's, byte for byte, for the
same configuration and seed: tournaments (two-action, security with sides,
three-action, replicates), single matches, sweeps, games and equilibria."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

import dilemma
from conftest import ROOT, cli, read_files

FILES = ["summary.csv", "payoff_matrix.csv", "results.json", "manifest.json"]


def test_default_field_tournament_equals_the_command_line(tmp_path):
    out = tmp_path / "cli"
    cli("tournament", "--turns", "50", "--repetitions", "3", "--noise", "0.05", "--seed", "7",
        "--out", str(out), "--no-figures")
    results = dilemma.Tournament(turns=50, repetitions=3, noise=0.05, seed=7).run(threads=2)
    assert results.files == read_files(out, FILES)
    assert list(results.summary.columns[:5]) == ["Rank", "Name", "Median_score", "Cooperation_rating", "Wins"]
    assert len(results.summary) == 20


def test_security_tournament_with_sides_equals_the_command_line(tmp_path):
    out = tmp_path / "cli"
    cli("tournament", "--game", "security", "--param", "offence=0.7", "--param", "differentiation=0.3",
        "--side", "weak:power=0.3,paranoia=0.1", "--side", "strong:power=0.7",
        "--players", "weak=Tit For Tat,Grudger", "--players", "strong=Defector,Win-Stay Lose-Shift",
        "--turns", "40", "--repetitions", "4", "--noise", "0.02", "--seed", "11",
        "--out", str(out), "--no-figures")
    players = [{"strategy": s, "side": side} for side, names in
               [("weak", ["Tit For Tat", "Grudger"]), ("strong", ["Defector", "Win-Stay Lose-Shift"])]
               for s in names]
    results = dilemma.Tournament(
        players, game="security", params={"offence": 0.7, "differentiation": 0.3},
        sides={"weak": {"power": 0.3, "paranoia": 0.1}, "strong": {"power": 0.7}},
        turns=40, repetitions=4, noise=0.02, seed=11,
    ).run()
    assert results.files == read_files(out, FILES)
    assert list(results.sides["side"]) == ["weak", "strong"]
    assert list(results.groups["side"]) == ["weak", "weak", "strong", "strong"]


def test_three_action_tournament_equals_the_command_line(tmp_path):
    out = tmp_path / "cli"
    cli("tournament", "--game", "security", "--three-action",
        "--players", "Tit For Tat,Non-Offensive Defender,Always Defend,Defector",
        "--turns", "30", "--repetitions", "2", "--noise", "0.01", "--seed", "5",
        "--out", str(out), "--no-figures")
    results = dilemma.Tournament(
        ["Tit For Tat", "Non-Offensive Defender", "Always Defend", "Defector"],
        game="security", three_action=True, turns=30, repetitions=2, noise=0.01, seed=5,
    ).run()
    assert results.files == read_files(out, FILES)
    assert [f.name for f in results.figures()]


def test_replicated_tournament_equals_the_command_line(tmp_path):
    out = tmp_path / "cli"
    cli("tournament", "--players", "Tit For Tat,Defector,Random", "--turns", "20", "--repetitions", "2",
        "--replicates", "3", "--seed", "3", "--out", str(out), "--no-figures")
    results = dilemma.Tournament(["Tit For Tat", "Defector", "Random"], turns=20, repetitions=2,
                                 replicates=3, seed=3).run()
    names = FILES + ["replicates.csv", "intervals.csv", "differences.csv"]
    assert results.files == read_files(out, names)
    assert len(results.intervals) > 0


def test_a_manifest_is_played_again_bit_for_bit(tmp_path):
    results = dilemma.Tournament(["Tit For Tat", "Random", "Grudger"], turns=25, repetitions=3, noise=0.02,
                                 seed=12, strategies=[{"name": "Mostly C", "kind": "memory_one",
                                                       "four_vector": [0.9, 0.9, 0.9, 0.9], "first": "C",
                                                       "description": "d", "source": "s"}]).run()
    path = tmp_path / "manifest.json"
    path.write_text(results.files["manifest.json"], encoding="utf-8")
    assert dilemma.Tournament.from_manifest(path).run().files == results.files
    out = tmp_path / "cli"
    cli("tournament", "--manifest", str(path), "--out", str(out), "--no-figures")
    assert read_files(out, FILES) == results.files


def test_results_do_not_depend_on_threads():
    t = dilemma.Tournament(["Tit For Tat", "Random", "Grudger", "Alternator"], turns=30, repetitions=5,
                           noise=0.1, seed=9)
    assert t.run(threads=1).files == t.run(threads=2).files


def test_strategies_from_dicts_equal_a_strategy_file(tmp_path):
    definition = {"name": "Generous TFT 0.3", "kind": "memory_one", "four_vector": [1, 0.3, 1, 0.3],
                  "first": "C", "description": "Tit For Tat that forgives 30% of defections.",
                  "source": "Nowak and Sigmund (1992)"}
    toml = tmp_path / "gtft.toml"
    toml.write_text(
        '[[strategy]]\nname = "Generous TFT 0.3"\nkind = "memory_one"\nfour_vector = [1, 0.3, 1, 0.3]\n'
        'first = "C"\ndescription = "Tit For Tat that forgives 30% of defections."\n'
        'source = "Nowak and Sigmund (1992)"\n', encoding="utf-8")
    out = tmp_path / "cli"
    cli("tournament", "--strategies", str(toml), "--players", "Generous TFT 0.3,Defector,Tit For Tat",
        "--turns", "30", "--repetitions", "3", "--noise", "0.05", "--seed", "2", "--out", str(out),
        "--no-figures")
    from_dict = dilemma.Tournament(["Generous TFT 0.3", "Defector", "Tit For Tat"], turns=30,
                                   repetitions=3, noise=0.05, seed=2, strategies=[definition]).run()
    from_file = dilemma.Tournament(["Generous TFT 0.3", "Defector", "Tit For Tat"], turns=30,
                                   repetitions=3, noise=0.05, seed=2, strategies=str(toml)).run()
    cli_files = read_files(out, FILES)
    assert from_file.files == cli_files
    for name in ["summary.csv", "payoff_matrix.csv", "results.json"]:
        assert from_dict.files[name] == cli_files[name]


@pytest.mark.parametrize("args,kwargs", [
    ([], {}),
    (["--noise", "0.1", "--seed", "4", "--turns", "50"], {"noise": 0.1, "seed": 4, "turns": 50}),
    (["--security", "--param", "differentiation=0.2", "--seed", "8"],
     {"security": {"differentiation": 0.2}, "seed": 8}),
    (["--payoffs", "4", "0", "6", "1", "--continuation", "0.99", "--seed", "1"],
     {"payoffs": (4, 0, 6, 1), "continuation": 0.99, "seed": 1}),
])
def test_play_equals_the_command_line(args, kwargs):
    want = json.loads(cli("play", "Tit For Tat", "Random", "--format", "json", *args).stdout)
    got = dilemma.play("Tit For Tat", "Random", **kwargs)
    assert list(got.players) == want["players"]
    assert got.turns == want["turns"]
    assert list(got.moves) == want["moves"]
    assert list(got.scores) == want["scores"]
    assert list(got.mean_scores) == want["mean_scores"]
    assert got.states == want["states"]
    assert got.config == want["config"]


def test_three_action_play_equals_the_command_line():
    want = json.loads(cli("play", "Non-Offensive Defender", "Tit For Tat", "--three-action", "--param",
                          "differentiation=0.4", "--noise", "0.05", "--turns", "60", "--seed", "2",
                          "--format", "json").stdout)
    got = dilemma.play("Non-Offensive Defender", "Tit For Tat", three_action=True,
                       security={"differentiation": 0.4}, noise=0.05, turns=60, seed=2)
    assert list(got.moves) == want["moves"] and list(got.perceived) == want["perceived"]
    assert list(got.scores) == want["scores"]
    assert [list(p) for p in got.postures] == want["postures"]
    assert [list(c) for c in got.arming_causes] == want["arming_causes"]
    assert got.config == want["config"] and got.game == want["game"]


def test_sweep_equals_the_command_line(tmp_path):
    out = tmp_path / "cli"
    cli("sweep", "--axis", "offence=0:1:3", "--axis", "differentiation=0.2,0.8", "--players",
        "Tit For Tat,Defector,Grudger", "--turns", "30", "--repetitions", "2", "--ecological", "50",
        "--seed", "6", "--out", str(out), "--no-figures")
    table = dilemma.sweep(
        [{"parameter": "offence", "from": 0, "to": 1, "steps": 3},
         {"parameter": "differentiation", "values": [0.2, 0.8]}],
        players=["Tit For Tat", "Defector", "Grudger"], turns=30, repetitions=2, ecological=50, seed=6,
    )
    assert table.attrs["files"]["sweep.csv"] == (out / "sweep.csv").read_text(encoding="utf-8")
    assert len(table) == 3 * 2 * 3
    assert json.loads(table.attrs["files"]["manifest.json"]) == json.loads(
        (out / "manifest.json").read_text(encoding="utf-8"))


def test_game_nfg_equals_the_command_line():
    want = cli("game", "show", "prisoners_dilemma", "--param", "T=6", "--format", "nfg").stdout
    game = dilemma.Game.catalogue("prisoners_dilemma", T=6)
    assert game.to_nfg().strip() == want.strip()
    again = dilemma.Game.from_nfg(game.to_nfg())
    assert np.array_equal(again.row_payoffs, game.row_payoffs)
    assert np.array_equal(again.col_payoffs, game.col_payoffs)


def test_solve_equals_the_command_line():
    report = json.loads(cli("solve", "battle_of_the_sexes", "--format", "json").stdout)
    want = report["equilibria"] if "equilibria" in report else report["games"][0]["equilibria"]
    got = dilemma.solve(dilemma.Game.catalogue("battle_of_the_sexes"))
    assert len(got) == len(want) == 3
    for g, w in zip(got, want):
        assert list(g.row) == w["row"] and list(g.col) == w["col"]
        assert g.exact is not None
        assert [str(x) for x in g.exact.row] == w["exact"]["row"]
    mixed = [e for e in got if not e.is_pure][0]
    assert all(isinstance(x, Fraction) for x in mixed.exact.row)
    assert sum(mixed.exact.row) == 1


def test_evolution_equals_the_command_line(tmp_path):
    experiment = tmp_path / "e.toml"
    experiment.write_text(
        '[tournament]\nplayers = ["Tit For Tat", "Defector", "Grudger", "Alternator"]\nturns = 50\n'
        'repetitions = 2\nseed = 4\n\n[evolution]\ngenerations = 100\n\n[[evolution.moran]]\n'
        'mutant = "Tit For Tat"\nresident = "Defector"\npopulation = 8\nruns = 200\nseed = 3\n',
        encoding="utf-8")
    out = tmp_path / "cli"
    cli("run", str(experiment), "--out", str(out), "--no-figures")
    results = dilemma.Tournament(["Tit For Tat", "Defector", "Grudger", "Alternator"], turns=50,
                                 repetitions=2, seed=4).run()
    assert results.files["summary.csv"] == (out / "summary.csv").read_text(encoding="utf-8")
    evo = results.evolve(generations=100, moran=[
        {"mutant": "Tit For Tat", "resident": "Defector", "population": 8, "runs": 200, "seed": 3}])
    from dilemma.tournaments import read_csv
    want = read_csv((out / "ecological.csv").read_text(encoding="utf-8"))
    got = evo.ecological
    assert got.shape[0] == 101
    assert np.array_equal(got.to_numpy(), want[list(got.columns)].to_numpy())
    moran = json.loads((out / "moran.json").read_text(encoding="utf-8"))
    assert evo.moran["exact_fixation_probability"][0] == moran[0]["exact_fixation_probability"]
    assert evo.moran["simulated_fixation_probability"][0] == moran[0]["simulated"]["probability"]


def test_strategy_maps_name_players_as_the_table_does(tmp_path):
    axes = [{"parameter": "offence", "values": [0.2, 0.8]}, {"parameter": "differentiation", "values": [0.2, 0.8]}]
    table = dilemma.sweep(axes, players=["Tit For Tat", "Defector"], turns=10, repetitions=1, ecological=10,
                          strategy_maps=["tit for tat"])
    assert json.loads(table.attrs["files"]["manifest.json"])["sweep"]["strategy_maps"] == ["Tit For Tat"]
    names = [f.name for f in dilemma.sweep_figures(table)]
    assert any("tit_for_tat" in n.lower() for n in names), names
    with pytest.raises(ValueError) as e:
        dilemma.sweep(axes, players=["Tit For Tat", "Defector"], turns=10, repetitions=1, strategy_maps=["Nobody"])
    from conftest import cli_error
    assert cli_error("sweep", "--axis", "offence=0.2,0.8", "--players", "Tit For Tat,Defector", "--turns", "10",
                     "--strategy-map", "Nobody", "--out", str(tmp_path / "x")) == f"error: {e.value}"
