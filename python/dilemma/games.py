"""The game catalogue and the security-dilemma model's parameters."""

from __future__ import annotations

import pandas as pd

from . import _dilemma


def catalogue() -> pd.DataFrame:
    """Every catalogue game (``dilemma game list``): its name, its
    parameters with their defaults, and a description. Build one with
    ``Game.catalogue(name, **params)``."""
    rows = [
        {"name": name, "parameters": params, "description": description}
        for name, params, description in _dilemma.catalogue_names()
    ]
    return pd.DataFrame(rows, columns=["name", "parameters", "description"])


def security_parameters() -> pd.DataFrame:
    """The security-dilemma model's parameters (docs/model.md §3): name,
    symbol, default, range and meaning. Set them with
    ``Game.security(**params)`` or ``Tournament(game="security", params=...)``."""
    rows = _dilemma.security_parameters()
    return pd.DataFrame(rows, columns=["name", "symbol", "default", "range", "meaning"])
