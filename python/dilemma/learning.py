"""Learning dynamics on a game (``dilemma learn``)."""

from __future__ import annotations

import json
import numbers
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Union

import pandas as pd

from . import _dilemma
from .figures import Figure, figures_of
from .tournaments import read_csv


@dataclass(frozen=True)
class Learning:
    """A learning dynamic's run: the trajectory (the command line's
    ``trajectory.csv``: the clock, then each population's strategy, then
    any extra series), the summary ``dilemma learn --format json`` prints
    (final state, details, for ``fermi`` the small-mutation limit) and the
    figures."""

    trajectory: pd.DataFrame
    summary: Dict[str, Any]
    figures: List[Figure]
    #: The trajectory as the command line writes ``trajectory.csv``.
    csv: str


def learn(
    game: _dilemma.Game,
    dynamic: str,
    *,
    iterations: int = 1000,
    seed: Optional[int] = None,
    start: Union[None, Sequence[float], Sequence[Sequence[float]]] = None,
    mutation: Optional[float] = None,
    intensity: Optional[float] = None,
    perturbation: Optional[float] = None,
    inertia: Optional[float] = None,
    population: Optional[int] = None,
    step: Optional[float] = None,
    record_every: Optional[int] = None,
    figures: bool = True,
) -> Learning:
    """Runs a learning dynamic on a two-player ``game`` as ``dilemma learn
    --dynamic`` does, with the same defaults and the same numbers:

    - ``"fictitious"`` (``start``: the row player's and the column player's
      initial counts, two lists);
    - ``"stochastic-fictitious"`` (``seed``, ``start``, ``intensity`` the
      logit precision, ``perturbation``);
    - ``"regret-matching"`` (``seed``, ``inertia``);
    - ``"best-response"`` and ``"two-population"`` (``start`` two mixed
      strategies, ``step``);
    - ``"replicator-mutator"`` (``start`` one population's shares,
      ``mutation``, ``step``);
    - ``"fermi"``, the pairwise-comparison process (``seed``, ``start``,
      ``mutation``, ``intensity``, ``population``).

    An option a dynamic does not take raises ``ValueError``.
    ``record_every``: record every k-th iteration (default: at most 5,000
    rows)."""
    if not isinstance(game, _dilemma.Game):
        raise TypeError(f"learn: expected a dilemma.Game, got {type(game).__name__}")
    blocks: Optional[List[List[float]]] = None
    if start is not None:
        items: List[Any] = list(start)
        if items and all(isinstance(x, numbers.Real) for x in items):
            blocks = [[float(x) for x in items]]
        else:
            blocks = [[float(x) for x in b] for b in items]
    csv, summary, drawn = _dilemma.learn(
        game,
        dynamic,
        iterations,
        seed,
        blocks,
        mutation,
        intensity,
        perturbation,
        inertia,
        population,
        step,
        record_every,
        figures,
    )
    return Learning(
        trajectory=read_csv(csv),
        summary=json.loads(summary),
        figures=figures_of(drawn),
        csv=csv,
    )
