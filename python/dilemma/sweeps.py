"""Parameter sweeps (``dilemma sweep``)."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional, Sequence

import pandas as pd

from . import _dilemma
from .figures import Figure, figures_of
from .tournaments import read_csv
from .values import integer, real


def sweep(
    axes: Optional[Sequence[Mapping[str, Any]]] = None,
    *,
    players: Optional[Sequence[Any]] = None,
    turns: int = 100,
    repetitions: int = 5,
    noise: float = 0.0,
    seed: int = 0,
    replicates: int = 1,
    replicate_rows: bool = False,
    ecological: int = 0,
    three_action: bool = False,
    strategy_maps: Optional[Sequence[str]] = None,
    qre_lambda: Optional[float] = None,
    threads: Optional[int] = None,
) -> pd.DataFrame:
    """One tournament per point of a parameter grid, as ``dilemma sweep``
    runs it: a tidy DataFrame with one row per (point, strategy) and the
    columns of ``sweep.csv`` (the point's parameters, each strategy's score,
    restraint and spiral share, the field's, the stage game's analysis).

    ``axes``: dicts ``{"parameter": "offence", "from": 0, "to": 1,
    "steps": 11}`` or ``{"parameter": ..., "values": [...]}``; default the
    Jervis plane, offence x differentiation, 11 x 11 points. The base
    tournament is the command line's: the security field, the security
    game, ``turns`` and ``repetitions``. ``ecological``: generations of the
    ecological simulation at every point. The frame's ``attrs`` hold the
    command line's files (``attrs["files"]``), for ``sweep_figures``."""
    tournament: Dict[str, Any] = {
        "turns": integer("turns", turns),
        "repetitions": integer("repetitions", repetitions),
        "noise": real("noise", noise),
        "seed": integer("seed", seed),
        "replicates": integer("replicates", replicates),
        "three_action": bool(three_action),
    }
    if players is not None:
        tournament["players"] = [p if isinstance(p, str) else dict(p) for p in players]
    grid: Dict[str, Any] = {
        "ecological_generations": integer("ecological", ecological),
        "replicate_rows": bool(replicate_rows),
    }
    if axes is not None:
        grid["axes"] = [dict(a) for a in axes]
    if strategy_maps:
        grid["strategy_maps"] = list(strategy_maps)
    if qre_lambda is not None:
        grid["qre_lambda"] = real("qre_lambda", qre_lambda)
    files = dict(_dilemma.run_sweep(json.dumps(tournament), json.dumps(grid), threads))
    df = read_csv(files["sweep.csv"])
    df.attrs["files"] = files
    return df


def sweep_figures(table: pd.DataFrame) -> List[Figure]:
    """The figures ``dilemma sweep`` draws (maps of the Jervis plane, or
    lines along one axis), from a frame returned by ``sweep``."""
    files = table.attrs.get("files")
    if not files:
        raise ValueError("sweep_figures: the frame does not come from dilemma.sweep (no attrs['files'])")
    return figures_of(_dilemma.sweep_figures(files["sweep.csv"], files["manifest.json"]))
