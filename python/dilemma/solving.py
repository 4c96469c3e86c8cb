"""Equilibria (``dilemma solve``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterator, List, Optional, Sequence, Union

import numpy as np

from . import _dilemma


@dataclass(frozen=True)
class ExactEquilibrium:
    """An equilibrium in exact rational arithmetic."""

    #: The row player's probabilities.
    row: List[Fraction]
    #: The column player's probabilities.
    col: List[Fraction]
    #: The row player's expected payoff.
    row_payoff: Fraction
    #: The column player's expected payoff.
    col_payoff: Fraction


@dataclass(frozen=True)
class Equilibrium:
    """A Nash equilibrium ``(row, col)`` of a two-player game, verified by
    the library: both strategies as numpy arrays, the expected payoffs,
    the largest gain from a deviation, and the exact fractions when the
    game has integer payoffs."""

    #: The row player's mixed strategy.
    row: np.ndarray
    #: The column player's mixed strategy.
    col: np.ndarray
    #: The row player's expected payoff.
    row_payoff: float
    #: The column player's expected payoff.
    col_payoff: float
    #: The largest gain either player gets by deviating to a pure strategy.
    max_regret: float
    #: The same equilibrium in exact fractions, or ``None``.
    exact: Optional[ExactEquilibrium]

    @property
    def is_pure(self) -> bool:
        """Whether both strategies are pure."""
        return int(np.count_nonzero(self.row)) == 1 and int(np.count_nonzero(self.col)) == 1


@dataclass(frozen=True)
class Solution:
    """What a solver found: the equilibria (iterate over it), whether the
    game is degenerate (``None``: not decided), whether the list is every
    extreme equilibrium, the tolerance they were verified against and
    whether exact arithmetic was used."""

    method: str
    equilibria: List[Equilibrium]
    degenerate: Optional[bool]
    complete: bool
    tolerance: float
    max_regret: float
    exact_arithmetic: bool

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, k: int) -> Equilibrium:
        return self.equilibria[k]


@dataclass(frozen=True)
class CorrelatedEquilibrium:
    """The correlated equilibrium maximising an objective: the
    distribution over action profiles, the payoffs, the objective's value
    and the largest incentive-constraint violation."""

    distribution: np.ndarray
    row_payoff: float
    col_payoff: float
    objective: float
    max_violation: float


def _equilibrium(d: dict) -> Equilibrium:
    exact = d.get("exact")
    return Equilibrium(
        row=np.asarray(d["row"], dtype=float),
        col=np.asarray(d["col"], dtype=float),
        row_payoff=d["row_payoff"],
        col_payoff=d["col_payoff"],
        max_regret=d["max_regret"],
        exact=None
        if exact is None
        else ExactEquilibrium(
            row=[Fraction(x) for x in exact["row"]],
            col=[Fraction(x) for x in exact["col"]],
            row_payoff=Fraction(exact["row_payoff"]),
            col_payoff=Fraction(exact["col_payoff"]),
        ),
    )


def solve(
    game: _dilemma.Game,
    method: str = "all",
    *,
    labels: Union[None, str, Sequence[int]] = None,
    objective: str = "welfare",
) -> Union[Solution, CorrelatedEquilibrium]:
    """The equilibria of a two-player ``game`` by ``method``, as
    ``dilemma solve`` computes them:

    - ``"all"``: every extreme equilibrium (vertex enumeration; exact for
      integer games);
    - ``"pure"``: the pure equilibria;
    - ``"support"``: support enumeration (complete for nondegenerate games);
    - ``"lemke-howson"``: Lemke-Howson from ``labels`` (0-based; default
      label 0; ``"all"`` follows every path);
    - ``"zero-sum"``: value and optimal strategies of a zero-sum game by LP;
    - ``"correlated"``: the correlated equilibrium maximising ``objective``
      (``"welfare"``, ``"row"``, ``"column"`` or ``"min"``), returned as a
      ``CorrelatedEquilibrium``.
    """
    if not isinstance(game, _dilemma.Game):
        raise TypeError(f"solve: expected a dilemma.Game, got {type(game).__name__}")
    if method == "correlated":
        d = _dilemma.correlated(game, objective)
        return CorrelatedEquilibrium(**d)
    report = json.loads(_dilemma.solve(game, method, labels))
    return Solution(
        method=report["method"],
        equilibria=[_equilibrium(e) for e in report["equilibria"]],
        degenerate=report["degenerate"],
        complete=report["complete"],
        tolerance=report["tolerance"],
        max_regret=report["max_regret"],
        exact_arithmetic=report["exact_arithmetic"],
    )
