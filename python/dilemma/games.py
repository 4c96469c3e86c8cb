"""The game catalogue and the security-dilemma model's parameters."""

from __future__ import annotations

import json
from typing import Mapping, Optional, Sequence, Union

import pandas as pd

from . import _dilemma
from .values import real


def catalogue() -> pd.DataFrame:
    """Every catalogue game (``dilemma game list``), the two-player ones
    then the n-player ones (``public_goods``, ``volunteers_dilemma``, ...,
    whose parameter ``n`` is the number of players): its name, its
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


def alliance_game(
    states: Union[int, Sequence[str], Mapping[str, Mapping[str, float]]] = 3,
    *,
    blocs: Optional[Mapping[str, Sequence[str]]] = None,
    commitment: float = 1.0,
    **params: float,
) -> "_dilemma.Game":
    """The n-state alliance stage game (the security dilemma among n states
    with blocs; docs/model.md §20) as an n-player ``Game``: ``states`` a
    number of states (named 1, 2, ...), their names, or ``{name: {"power":
    0.3, ...}}`` with each state's own values; ``blocs`` ``{name:
    [states]}``; ``commitment`` κ; ``params`` the common model values
    (``Game.security``'s names). The same game ``dilemma groups --game
    alliance`` plays."""
    if isinstance(states, int):
        names = [{"name": str(k), "parameters": {}} for k in range(1, states + 1)]
    elif isinstance(states, Mapping):
        names = [{"name": str(s), "parameters": {str(k): real(k, v) for k, v in dict(p).items()}} for s, p in states.items()]
    else:
        names = [{"name": str(s), "parameters": {}} for s in states]
    game = json.loads(_dilemma.security_model({str(k): real(k, v) for k, v in params.items()}))
    spec = {
        "game": game,
        "states": names,
        "blocs": [{"name": str(b), "members": [str(m) for m in ms]} for b, ms in (blocs or {}).items()],
        "commitment": real("commitment", commitment),
    }
    return _dilemma.Game.alliance(json.dumps(spec))
