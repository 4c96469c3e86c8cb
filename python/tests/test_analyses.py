"""`learn`, `fit_qre`, `sensitivity` and `Groups` give the command line's
files, byte for byte, for the same configuration and seed."""

from __future__ import annotations

import json

import numpy as np
import pytest

import dilemma
from conftest import cli, cli_error, read_files


@pytest.mark.parametrize(
    "dynamic, options, flags",
    [
        ("fictitious", {"start": [[1, 0], [0, 2]]}, ["--start", "1,0;0,2"]),
        ("stochastic-fictitious", {"seed": 3, "intensity": 5.0}, ["--seed", "3", "--intensity", "5"]),
        ("regret-matching", {"seed": 4, "inertia": 20.0}, ["--seed", "4", "--inertia", "20"]),
        ("best-response", {"step": 0.05}, ["--step", "0.05"]),
        ("replicator-mutator", {"start": [0.3, 0.7], "mutation": 0.02}, ["--start", "0.3,0.7", "--mutation", "0.02"]),
        ("two-population", {"start": [[0.2, 0.8], [0.6, 0.4]]}, ["--start", "0.2,0.8;0.6,0.4"]),
        ("fermi", {"seed": 5, "population": 20, "start": [0.5, 0.5]}, ["--seed", "5", "--population", "20", "--start", "0.5,0.5"]),
    ],
)
def test_learn_equals_the_command_line(tmp_path, dynamic, options, flags):
    out = tmp_path / "cli"
    done = cli("learn", "stag_hunt", "--dynamic", dynamic, "--iterations", "700", "--record-every", "3",
               *flags, "--out", str(out), "--no-figures", "--format", "json")
    run = dilemma.learn(dilemma.Game.catalogue("stag_hunt"), dynamic, iterations=700, record_every=3, **options)
    assert run.csv == (out / "trajectory.csv").read_text(encoding="utf-8")
    assert run.summary == json.loads(done.stdout)
    assert run.trajectory.columns[0] in ("iteration", "time", "step")
    assert len(run.trajectory) == run.summary["rows"]
    assert [f.name for f in run.figures][0] == "learning_time_series"


def test_learn_security_game_and_errors():
    g = dilemma.Game.security(offence=0.7)
    run = dilemma.learn(g, "fictitious", iterations=50, figures=False)
    assert run.figures == [] and len(run.trajectory) == 51
    with pytest.raises(ValueError, match="inertia does not apply to dynamic fictitious; it takes start"):
        dilemma.learn(g, "fictitious", inertia=2.0)
    with pytest.raises(ValueError, match="unknown dynamic `bogus`"):
        dilemma.learn(g, "bogus")
    with pytest.raises(ValueError, match="learning dynamics take a two-player game; this one has 3 players"):
        dilemma.learn(dilemma.Game.catalogue("volunteers_dilemma"), "fictitious")
    with pytest.raises(ValueError, match="record_every 0"):
        dilemma.learn(g, "fictitious", record_every=0)


def test_fit_qre_equals_the_command_line(tmp_path):
    expected = json.loads(cli("fit-qre", "stag_hunt", "--counts", "30,70;55,45", "--format", "json").stdout)
    g = dilemma.Game.catalogue("stag_hunt")
    for counts in ([[30, 70], [55, 45]], "30,70;55,45"):
        fit = dilemma.fit_qre(g, counts)
        assert fit.precision == expected["fit"]["lambda"]
        assert fit.log_likelihood == expected["fit"]["log_likelihood"]
        assert [s.tolist() for s in fit.strategies] == expected["fit"]["strategies"]
        assert fit.counts == expected["counts"]
    with pytest.raises(ValueError, match="every count is zero"):
        dilemma.fit_qre(g, [[0, 0], [0, 0]])
    with pytest.raises(ValueError, match="give the observations with counts or data"):
        dilemma.fit_qre(g)


def test_sensitivity_equals_the_command_line(tmp_path):
    out = tmp_path / "cli"
    cli("sensitivity", "--range", "stakes=2:6", "--range", "offence=0.2:0.8", "--param", "differentiation=0.3",
        "--morris", "2", "--levels", "4", "--design-seed", "3",
        "--players", "Tit For Tat,Defector,Grudger", "--turns", "20", "--repetitions", "1", "--seed", "2",
        "--out", str(out), "--no-figures")
    result = dilemma.sensitivity(
        {"stakes": (2, 6), "offence": (0.2, 0.8)}, params={"differentiation": 0.3}, morris=2, levels=4,
        design_seed=3, players=["Tit For Tat", "Defector", "Grudger"], turns=20, repetitions=1, seed=2, threads=2,
    )
    names = ["one_at_a_time.csv", "morris.csv", "sensitivity.json", "manifest.json"]
    assert {n: result.files[n] for n in names} == read_files(out, names)
    assert list(result.one_at_a_time.iloc[:, 0]) == ["stakes", "offence"]
    assert result.morris is not None and len(result.morris) == 2
    assert [f.name for f in result.figures] == ["sensitivity_tornado", "sensitivity_morris"]


def test_sensitivity_errors():
    message = cli_error("sensitivity", "--range", "bogus=0:1", "--morris", "0")
    with pytest.raises(ValueError) as e:
        dilemma.sensitivity({"bogus": (0, 1)}, morris=0)
    assert str(e.value) in message


GROUP_FILES = ["summary.csv", "manifest.json"]


def test_groups_equal_the_command_line(tmp_path):
    out = tmp_path / "cli"
    players = ["Cooperator", "Defector", "Grim", "TFT (all)", "Threshold(2)"]
    cli("groups", "--players", ",".join(players), "--group-size", "3", "--turns", "30", "--repetitions", "2",
        "--noise", "0.05", "--seed", "9", "--out", str(out))
    results = dilemma.Groups(players, group_size=3, turns=30, repetitions=2, noise=0.05, seed=9).run(threads=2)
    assert {n: results.files[n] for n in GROUP_FILES} == read_files(out, GROUP_FILES)
    assert results.blocs is None and len(results.summary) == 5
    again = dilemma.Groups.from_manifest(out / "manifest.json").run(threads=1)
    assert again.files == results.files


def test_alliance_groups_equal_the_command_line(tmp_path):
    out = tmp_path / "cli"
    players = ["Bloc Reciprocator", "Chain Ganger", "Buck Passer", "Defector"]
    cli("groups", "--game", "alliance", "--players", ",".join(players), "--group-size", "3",
        "--param", "offence=0.7", "--state", "us:power=0.4", "--state", "uk", "--state", "ussr:offence=0.8",
        "--bloc", "west=us,uk", "--commitment", "0.5", "--turns", "20", "--repetitions", "1", "--seed", "4",
        "--out", str(out))
    results = dilemma.Groups(
        players, group_size=3, game="alliance", params={"offence": 0.7},
        states={"us": {"power": 0.4}, "uk": {}, "ussr": {"offence": 0.8}}, blocs={"west": ["us", "uk"]},
        commitment=0.5, turns=20, repetitions=1, seed=4,
    ).run()
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert sorted(results.files) == names
    assert results.files == read_files(out, names)
    assert results.blocs is not None and results.allies is not None


def test_groups_errors():
    message = cli_error("groups", "--players", "Cooperator,Defector", "--group-size", "3")
    with pytest.raises(ValueError) as e:
        dilemma.Groups(["Cooperator", "Defector"], group_size=3).run()
    assert str(e.value) in message
    with pytest.raises(ValueError, match="describe the alliance game"):
        dilemma.Groups(blocs={"a": ["1"]}).run()
