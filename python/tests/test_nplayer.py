"""n-player games from Python: the catalogue, `.nfg` files and numpy
arrays in and out, the alliance stage game, and every n-player method of
`dilemma solve` giving exactly the command line's numbers."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest

import dilemma
from dilemma import _dilemma
from conftest import cli


def cli_json(*args: str):
    return json.loads(cli(*args, "--format", "json").stdout)


def three_player_game() -> dilemma.Game:
    """A 3-player game with 2, 3 and 2 actions and integer payoffs drawn
    from a fixed seed."""
    rng = np.random.default_rng(20)
    payoffs = rng.integers(0, 10, size=(3, 2, 3, 2)).astype(float)
    return dilemma.Game.from_payoffs(
        payoffs, name="three", players=["Ann", "Bob", "Cy"], actions=[["a", "b"], ["x", "y", "z"], ["u", "v"]]
    )


def same_report(python: dict, command_line: dict) -> None:
    """Every field of the command line's JSON report, equal in Python's
    (floats compared exactly)."""
    for key, value in command_line.items():
        assert python[key] == value, key


def test_catalogue_and_arrays():
    g = dilemma.Game.catalogue("public_goods", n=5, r=3)
    assert not g.is_two_player and g.num_players == 5 and g.shape == (2,) * 5
    assert g.payoffs.shape == (5, 2, 2, 2, 2, 2)
    # Everyone contributes: r c - c = 2 each.
    assert np.all(g.payoffs[(slice(None),) + (0,) * 5] == 2.0)
    assert "public_goods" in list(dilemma.catalogue()["name"])
    g2 = dilemma.Game.from_payoffs(g.payoffs, name="copy")
    assert np.array_equal(g2.payoffs, g.payoffs)
    assert g.is_symmetric()
    with pytest.raises(ValueError, match="needs a two-player game"):
        g.row_payoffs
    with pytest.raises(ValueError, match=r"expected \(n, a1, ..., an\)"):
        dilemma.Game.from_payoffs(np.zeros((2, 2, 2, 2)))


def test_nfg_in_and_out_equal_the_command_line(tmp_path):
    g = three_player_game()
    path = tmp_path / "three.nfg"
    g.write_nfg(path)
    shown = cli("game", "show", str(path), "--format", "nfg").stdout
    assert shown == g.to_nfg()
    back = dilemma.Game.read_nfg(path)
    assert back == g and back.players == ["Ann", "Bob", "Cy"] and back.actions[1] == ["x", "y", "z"]
    assert dilemma.Game.from_nfg(g.to_nfg()) == g


@pytest.mark.parametrize(
    "method, options, flags",
    [
        ("all", {}, []),
        ("pure", {}, []),
        ("simpdiv", {}, []),
        ("liap", {"starts": 6, "seed": 3}, ["--starts", "6", "--seed", "3"]),
        ("gnm", {"rays": 3, "seed": 4}, ["--rays", "3", "--seed", "4"]),
        ("gnm", {"perturbation": [1, "y", 0]}, ["--perturbation", "2,y,1"]),
    ],
)
def test_nplayer_methods_equal_the_command_line(tmp_path, method, options, flags):
    g = three_player_game()
    path = tmp_path / "three.nfg"
    g.write_nfg(path)
    expected = cli_json("solve", str(path), "--method", method, *flags)
    solution = dilemma.solve(g, method, **options)
    assert isinstance(solution, dilemma.NPlayerSolution)
    assert len(solution) == len(expected["equilibria"]) >= 1
    for eq, ref in zip(solution, expected["equilibria"]):
        assert [s.tolist() for s in eq.strategies] == ref["strategies"]
        assert eq.payoffs.tolist() == ref["payoffs"]
        assert eq.max_regret == ref["max_regret"]
        if ref["exact"] is not None:
            assert eq.exact.strategies == [[Fraction(x) for x in s] for s in ref["exact"]["strategies"]]
    assert solution.computation == expected["computation"]
    assert solution.complete == expected["complete"]
    # The native layer's report is the command line's, field for field.
    native = json.loads(
        _dilemma.solve_nplayer(
            g, method, options.get("starts", 20), options.get("seed", 1), options.get("rays", 1),
            options.get("perturbation"),
        )
    )
    same_report(native, expected)


def test_catalogue_game_and_two_player_simpdiv_equal_the_command_line():
    expected = cli_json("solve", "volunteers_dilemma", "--param", "n=4", "--method", "all")
    solution = dilemma.solve(dilemma.Game.catalogue("volunteers_dilemma", n=4))
    assert [[s.tolist() for s in e.strategies] for e in solution] == [e["strategies"] for e in expected["equilibria"]]
    # A two-player game through the n-player solvers, as on the command line.
    expected = cli_json("solve", "stag_hunt", "--method", "gnm", "--rays", "2")
    solution = dilemma.solve(dilemma.Game.catalogue("stag_hunt"), "gnm", rays=2)
    assert [[s.tolist() for s in e.strategies] for e in solution] == [e["strategies"] for e in expected["equilibria"]]


def test_logit_equals_the_command_line(tmp_path):
    g = three_player_game()
    path = tmp_path / "three.nfg"
    g.write_nfg(path)
    trace = tmp_path / "trace.csv"
    expected = cli_json("solve", str(path), "--method", "logit", "--lambda", "0.5,3", "--trace", str(trace))
    solution = dilemma.solve(g, "logit", lambdas=[0.5, 3])
    assert isinstance(solution, dilemma.LogitSolution)
    assert [[s.tolist() for s in p.strategies] for p in solution.points] == [p["strategies"] for p in expected["points"]]
    assert [s.tolist() for s in solution.limit.strategies] == expected["limit"]["strategies"]
    assert solution.end_lambda == expected["end_lambda"] and solution.steps == expected["steps"]
    assert solution.trace.to_csv(index=False, lineterminator="\n").splitlines()[0] == trace.read_text().splitlines()[0]
    reference = np.loadtxt(trace, delimiter=",", skiprows=1)
    assert np.array_equal(solution.trace.to_numpy(), reference)
    # Two players: the two-player tracer, as on the command line.
    expected = cli_json("solve", "matching_pennies", "--method", "logit")
    solution = dilemma.solve(dilemma.Game.catalogue("matching_pennies"), "logit")
    assert solution.limit.row.tolist() == expected["limit"]["row"]
    assert [[s.tolist() for s in p.strategies] for p in solution.points] == [p["strategies"] for p in expected["points"]]


def test_alliance_game_equals_the_groups_stage_game(tmp_path):
    g = dilemma.alliance_game(
        {"us": {"power": 0.5}, "uk": {}, "ussr": {"offence": 0.8}}, blocs={"west": ["us", "uk"]}, commitment=0.5,
        offence=0.6,
    )
    assert g.num_players == 3 and g.players == ["us", "uk", "ussr"]
    path = tmp_path / "alliance.nfg"
    g.write_nfg(path)
    expected = cli_json("solve", str(path), "--method", "pure")
    solution = dilemma.solve(g, "pure")
    assert [[s.tolist() for s in e.strategies] for e in solution] == [e["strategies"] for e in expected["equilibria"]]
    with pytest.raises(ValueError, match="blocs"):
        dilemma.alliance_game(3, blocs={"west": ["1", "9"]})


def test_nplayer_errors():
    g = dilemma.Game.catalogue("volunteers_dilemma")
    with pytest.raises(ValueError, match=r"method `support` applies to two-player games; this game has 3 player\(s\)"):
        dilemma.solve(g, "support")
    with pytest.raises(ValueError, match="starts applies only with method liap"):
        dilemma.solve(g, "gnm", starts=3)
    with pytest.raises(ValueError, match="seed applies only with method liap or gnm"):
        dilemma.solve(g, "simpdiv", seed=3)
    with pytest.raises(ValueError, match="rays 0: follow at least one ray"):
        dilemma.solve(g, "gnm", rays=0)
    with pytest.raises(ValueError, match="perturbation: give one action per player"):
        dilemma.solve(g, "gnm", perturbation=[0, 1])
    with pytest.raises(ValueError, match="`W` is not an action of Player 2"):
        dilemma.solve(g, "gnm", perturbation=[0, "W", 1])
    with pytest.raises(ValueError, match="unknown method `bogus`"):
        dilemma.solve(g, "bogus")
