"""Strategies: the registry's list, and strategies defined as data.

Strategies can be defined from Python as dicts with the fields of a
``[[strategy]]`` table of a strategy file (see ``strategies/*.toml`` and
``dilemma::strategy::data``), for example::

    tft2 = {"name": "My TFT", "kind": "memory_one", "four_vector": [1, 0, 1, 0],
            "first": "C", "description": "Tit For Tat as a four-vector.",
            "source": "Axelrod (1980)"}
    dilemma.Tournament(players=["My TFT", "Defector"], strategies=[tft2])

Wherever ``strategies=`` is accepted it takes a dict, a list of dicts, the
path of a TOML strategy file (``str`` or ``os.PathLike``) or a list mixing
them.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, List, Mapping, Tuple, Union

import pandas as pd

from . import _dilemma

#: The name of the strategies defined from Python, in errors and manifests.
PYTHON_SOURCE = "<python strategies>"

StrategySpec = Union[Mapping[str, Any], str, "os.PathLike[str]"]


def strategy_files(
    specs: Union[None, StrategySpec, Iterable[StrategySpec]],
) -> List[Tuple[str, str]]:
    """The strategy files ``(name, TOML text)`` of ``specs``: dicts become
    one file named ``<python strategies>``; paths are read."""
    if specs is None:
        return []
    if isinstance(specs, (Mapping, str, os.PathLike)):
        specs = [specs]
    files: List[Tuple[str, str]] = []
    definitions: List[Mapping[str, Any]] = []
    for spec in specs:
        if isinstance(spec, Mapping):
            definitions.append(dict(spec))
        elif isinstance(spec, (str, os.PathLike)):
            path = os.fspath(spec)
            with open(path, encoding="utf-8") as f:
                files.append((path, f.read()))
        else:
            raise TypeError(
                f"strategies: expected a dict, a path or a list of them, got {type(spec).__name__}"
            )
    if definitions:
        files.append((PYTHON_SOURCE, _dilemma.strategies_toml(json.dumps(definitions))))
    return files


def strategies(definitions: Union[None, StrategySpec, Iterable[StrategySpec]] = None) -> pd.DataFrame:
    """Every known strategy (``dilemma strategies --format json``): name,
    kind, memory depth, whether stochastic, whether it uses the match
    length or the game, aliases, description, source and origin; with
    ``definitions``, their strategies too (checked as the command line
    checks a strategy file)."""
    rows = json.loads(_dilemma.strategies(strategy_files(definitions)))
    return pd.DataFrame(rows)
