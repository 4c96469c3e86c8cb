"""Bad input raises ValueError (or TypeError) with the library's one-line
message, the one the command line prints."""

from __future__ import annotations

import pytest

import dilemma
from conftest import cli_error


def one_line(e: BaseException) -> str:
    text = str(e)
    assert "\n" not in text
    return text


def test_unknown_strategy_has_the_command_lines_message():
    with pytest.raises(ValueError) as e:
        dilemma.Tournament(["Tit For Tat", "No Such Strategy"]).run()
    message = one_line(e.value)
    assert "No Such Strategy" in message
    assert cli_error("tournament", "--players", "Tit For Tat,No Such Strategy", "--no-figures",
                     "--out", "/nonexistent/never-written") == f"error: {message}"


def test_unknown_security_parameter_has_the_library_message():
    with pytest.raises(ValueError) as e:
        dilemma.Game.security(offense=0.5)
    message = one_line(e.value)
    assert message.startswith("unknown security-dilemma parameter `offense`")
    assert cli_error("tournament", "--game", "security", "--param", "offense=0.5", "--no-figures",
                     "--out", "/nonexistent/never-written") == f"error: {message}"
    with pytest.raises(ValueError) as e:
        dilemma.Tournament(game="security", params={"offense": 0.5})
    assert str(e.value) == message


def test_out_of_range_parameter():
    with pytest.raises(ValueError, match="differentiation"):
        dilemma.Game.security(differentiation=1.5)


def test_unknown_catalogue_game():
    with pytest.raises(ValueError, match="unknown"):
        dilemma.Game.catalogue("no_such_game")


def test_bad_nfg_names_the_line():
    with pytest.raises(ValueError, match="mine.nfg:"):
        dilemma.Game.from_nfg('NFG 1 R "x" { "a" "b" } { 2 2 }\n1 2 3\n', source="mine.nfg")


def test_mismatched_arrays():
    import numpy as np

    with pytest.raises(ValueError, match="shape"):
        dilemma.Game(np.zeros((2, 2)), np.zeros((2, 3)))


def test_wrong_types_raise_type_error():
    with pytest.raises(TypeError):
        dilemma.Tournament(turns="many").run()
    with pytest.raises(TypeError):
        dilemma.solve("prisoners_dilemma")
    with pytest.raises(TypeError):
        dilemma.Tournament("Tit For Tat")


def test_invalid_strategy_definition_names_the_field():
    with pytest.raises(ValueError) as e:
        dilemma.strategies([{"name": "Broken", "kind": "memory_one", "four_vector": [1, 0, 2, 0], "first": "C"}])
    message = one_line(e.value)
    assert "<python strategies>" in message and "Broken" in message


def test_zero_turns_and_bad_method():
    with pytest.raises(ValueError, match="turn"):
        dilemma.play("Tit For Tat", "Defector", turns=0)
    with pytest.raises(ValueError, match="unknown method"):
        dilemma.solve(dilemma.Game.catalogue("chicken"), "simplex")


def test_zero_sum_needs_a_zero_sum_game():
    with pytest.raises(ValueError, match="zero"):
        dilemma.solve(dilemma.Game.catalogue("prisoners_dilemma"), "zero-sum")
