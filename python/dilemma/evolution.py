"""Evolutionary processes: Axelrod's ecological simulation, the Moran
process and the replicator dynamics (docs/model.md §11)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _dilemma
from .figures import Figure, figures_of

ArrayLike = Union[np.ndarray, pd.DataFrame, Sequence[Sequence[float]]]


def _matrix(payoffs: ArrayLike) -> Tuple[np.ndarray, Optional[List[str]]]:
    names = None
    if isinstance(payoffs, pd.DataFrame):
        names = [str(c) for c in payoffs.columns]
        payoffs = payoffs.to_numpy()
    return np.ascontiguousarray(payoffs, dtype=float), names


def ecological(
    payoffs: ArrayLike,
    generations: int = 1000,
    initial: Optional[Sequence[float]] = None,
) -> pd.DataFrame:
    """Axelrod's ecological simulation on the payoff matrix ``payoffs``
    (non-negative; ``payoffs[i][j]`` the mean payoff of i against j, for
    example ``TournamentResults.payoff_matrix``) from ``initial`` shares
    (uniform by default): each generation's shares, one row per generation
    (generation 0 first), one column per strategy."""
    m, names = _matrix(payoffs)
    shares = _dilemma.ecological(m, generations, None if initial is None else [float(x) for x in initial])
    df = pd.DataFrame(shares, columns=names)
    df.index.name = "generation"
    return df


def fixation_probability(
    payoffs: Tuple[float, float, float, float], population: int = 10, mutants: int = 1
) -> float:
    """The exact fixation probability of ``mutants`` mutants in a Moran
    process of ``population`` individuals with the match payoffs (mutant v
    mutant, mutant v resident, resident v mutant, resident v resident)."""
    a, b, c, d = (float(x) for x in payoffs)
    return _dilemma.fixation_probability((a, b, c, d), population, mutants)


def moran(
    payoffs: ArrayLike,
    mutant: int,
    resident: int,
    *,
    population: int = 10,
    mutants: int = 1,
    runs: int = 1000,
    seed: int = 0,
) -> Dict[str, Any]:
    """Simulates the Moran process on the payoff matrix ``payoffs``: the
    share of ``runs`` runs in which ``mutants`` individuals of strategy
    ``mutant`` (an index) took over a population of ``population`` whose
    others play ``resident``; a dict with the probability, its standard
    error, the runs and the runs that had not fixed."""
    m, _ = _matrix(payoffs)
    return dict(_dilemma.moran(m, mutant, resident, population, mutants, runs, seed))


def replicator(
    game: _dilemma.Game, initial: Sequence[float], dt: float = 0.01, steps: int = 1000
) -> pd.DataFrame:
    """Integrates the replicator dynamics of the symmetric ``game`` from
    ``initial`` (shares summing to 1) for ``steps`` steps of ``dt``: one
    row per time, a column ``time`` and one column per action."""
    times, states = _dilemma.replicator(game, [float(x) for x in initial], dt, steps)
    df = pd.DataFrame(states, columns=game.row_actions)
    df.insert(0, "time", times)
    return df


class Evolution:
    """An experiment's evolution stage on a tournament's results
    (``TournamentResults.evolve``): the ecological table, the Moran
    reports, and how far the payoffs were shifted up to be fitness."""

    def __init__(self, records: Dict[str, Any], shift: float) -> None:
        #: The records, as ``ecological.csv`` and ``moran.json`` hold them.
        self.records = records
        #: How far the payoffs were shifted up (0 when none is negative).
        self.shift = shift

    def __repr__(self) -> str:
        return f"Evolution({len(self.records['moran'])} Moran processes, shift={self.shift})"

    @property
    def ecological(self) -> Optional[pd.DataFrame]:
        """Each generation's population shares, one column per player."""
        table = self.records.get("ecological")
        if table is None:
            return None
        df = pd.DataFrame(table["shares"], columns=table["players"])
        df.index.name = "generation"
        return df

    @property
    def moran(self) -> pd.DataFrame:
        """One row per Moran process: mutant, resident, population,
        mutants, the exact fixation probability, the simulated one with its
        standard error, and the neutral one; for a variant also its mode
        (``bd`` or ``db``), mutation rate and, with ``steps``, the mutant's
        time-average share with its standard error (the fixation columns are
        then ``None``, as is the exact one where no formula applies)."""
        rows = []
        for m in self.records["moran"]:
            simulated = m.get("simulated") or {}
            composition = m.get("composition") or {}
            rows.append({
                "mutant": m["mutant"],
                "resident": m["resident"],
                "population": m["population"],
                "mutants": m["mutants"],
                "exact_fixation_probability": m.get("exact_fixation_probability"),
                "simulated_fixation_probability": simulated.get("probability"),
                "standard_error": simulated.get("standard_error"),
                "runs": simulated.get("runs", composition.get("runs")),
                "unfinished": simulated.get("unfinished"),
                "simulation": m["simulation"],
                "neutral_fixation_probability": m["neutral_fixation_probability"],
                "mode": m.get("mode", "bd"),
                "mutation_rate": m.get("mutation_rate", 0.0),
                "mean_mutant_share": (composition.get("mean_shares") or [None])[0],
                "mean_mutant_share_standard_error": (composition.get("standard_errors") or [None])[0],
            })
        return pd.DataFrame(rows)

    def figures(self) -> List[Figure]:
        """The evolution figures ``dilemma run`` draws."""
        import json

        return figures_of(_dilemma.evolution_figures(json.dumps(self.records)))
