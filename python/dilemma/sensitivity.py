"""Sensitivity of the model's outcomes to its parameters (``dilemma
sensitivity``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import pandas as pd

from . import _dilemma
from .figures import Figure, figures_of
from .tournaments import read_csv
from .values import integer, real


@dataclass(frozen=True)
class SensitivityResults:
    """A sensitivity analysis: the one-at-a-time table (the tornado's), the
    Morris table (``None`` without Morris trajectories), the full result
    (``sensitivity.json``), the figures and the command line's files by
    name."""

    one_at_a_time: pd.DataFrame
    morris: Optional[pd.DataFrame]
    result: Dict[str, Any]
    figures: List[Figure]
    files: Dict[str, str]


def sensitivity(
    ranges: Optional[Mapping[str, Tuple[float, float]]] = None,
    *,
    outcome: str = "restraint",
    params: Optional[Mapping[str, float]] = None,
    morris: int = 20,
    levels: int = 4,
    ecological: Optional[int] = None,
    players: Optional[Sequence[Any]] = None,
    turns: int = 100,
    repetitions: int = 5,
    noise: float = 0.0,
    seed: int = 0,
    design_seed: int = 0,
    threads: Optional[int] = None,
) -> SensitivityResults:
    """How much ``outcome`` (``"restraint"``, restraint after evolution,
    the spiral share, a strategy's share: the names of ``dilemma
    sensitivity --outcome``) moves with each model parameter, as ``dilemma
    sensitivity`` computes it: one parameter at a time over its range
    (``ranges``: ``{"stakes": (2, 6), ...}``; default the command line's
    ranges) and by Morris's elementary effects over ``morris`` trajectories
    on a grid of ``levels`` levels drawn from ``design_seed``. ``params``
    sets the base point's parameters; the base tournament is the command
    line's (the security field, ``turns``, ``repetitions``, ``noise``,
    ``seed``)."""
    request: Dict[str, Any] = {
        "outcome": str(outcome),
        "morris": integer("morris", morris),
        "levels": integer("levels", levels),
        "design_seed": integer("design_seed", design_seed),
    }
    if ranges is not None:
        request["ranges"] = [
            {"parameter": str(k), "low": real(k, lo), "high": real(k, hi)} for k, (lo, hi) in ranges.items()
        ]
    if ecological is not None:
        request["ecological"] = integer("ecological", ecological)
    tournament: Dict[str, Any] = {
        "turns": integer("turns", turns),
        "repetitions": integer("repetitions", repetitions),
        "noise": real("noise", noise),
        "seed": integer("seed", seed),
    }
    if players is not None:
        tournament["players"] = [p if isinstance(p, str) else dict(p) for p in players]
    point = [(str(k), real(k, v)) for k, v in (params or {}).items()]
    out = dict(_dilemma.run_sensitivity(json.dumps(tournament), json.dumps(request), point, threads))
    drawn = out.pop("figures")
    files: Dict[str, str] = out
    return SensitivityResults(
        one_at_a_time=read_csv(files["one_at_a_time.csv"]),
        morris=read_csv(files["morris.csv"]) if "morris.csv" in files else None,
        result=json.loads(files["sensitivity.json"]),
        figures=figures_of(drawn),
        files=files,
    )
