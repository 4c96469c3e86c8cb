"""Equilibria (``dilemma solve``, ``dilemma fit-qre``)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

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


@dataclass(frozen=True)
class ExactProfile:
    """An n-player equilibrium in exact rational arithmetic."""

    #: Each player's probabilities.
    strategies: List[List[Fraction]]
    #: Each player's expected payoff.
    payoffs: List[Fraction]


@dataclass(frozen=True)
class NPlayerEquilibrium:
    """A Nash equilibrium of a game with any number of players, verified
    by the library: each player's mixed strategy as a numpy array, the
    expected payoffs, the largest gain from a pure deviation, and the exact
    fractions when known (integer games where at most two players mix)."""

    #: Each player's mixed strategy.
    strategies: List[np.ndarray]
    #: Each player's expected payoff.
    payoffs: np.ndarray
    #: The largest gain any player gets by deviating to a pure strategy.
    max_regret: float
    #: The same equilibrium in exact fractions, or ``None``.
    exact: Optional[ExactProfile]

    @property
    def is_pure(self) -> bool:
        """Whether every strategy is pure."""
        return all(int(np.count_nonzero(s)) == 1 for s in self.strategies)


@dataclass(frozen=True)
class NPlayerSolution:
    """What an n-player solver found (``dilemma solve`` on a game of any
    number of players, or with ``simpdiv``, ``liap`` or ``gnm``): the
    equilibria (iterate over it), whether the list is provably every
    equilibrium, whether the game is degenerate (``None``: not decided),
    how the method computed, and the tolerance they were verified against."""

    method: str
    players: List[str]
    actions: List[List[str]]
    equilibria: List[NPlayerEquilibrium]
    complete: bool
    degenerate: Optional[bool]
    exact_arithmetic: bool
    computation: str
    tolerance: float
    max_regret: float

    def __iter__(self) -> Iterator[NPlayerEquilibrium]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, k: int) -> NPlayerEquilibrium:
        return self.equilibria[k]


@dataclass(frozen=True)
class QrePoint:
    """The logit QRE at one precision λ (``precision``): each player's
    mixed strategy."""

    precision: float
    strategies: List[np.ndarray]


@dataclass(frozen=True)
class LogitSolution:
    """The logit QRE's principal branch from λ = 0 (``dilemma solve
    --method logit``): the QRE at the requested precisions (``points``),
    every traced point as a DataFrame (``trace``, the columns of the
    command line's ``--trace`` file), the branch's limit (a verified Nash
    equilibrium), where the trace ended, and the tracer's step counts."""

    points: List[QrePoint]
    trace: pd.DataFrame
    limit: Union[Equilibrium, NPlayerEquilibrium]
    end_lambda: float
    tolerance: float
    max_regret: float
    steps: int
    refused_steps: int
    bifurcations: List[float]


@dataclass(frozen=True)
class QreFit:
    """The maximum-likelihood logit QRE of observed play (``dilemma
    fit-qre``): the precision λ̂ (``precision``; ``inf`` when the likelihood
    peaks at the branch's limit), its log-likelihood, the 95%
    profile-likelihood interval, the QRE at λ̂, whether λ is identified,
    the local maxima along the branch, the number of observations and the
    observed counts."""

    precision: float
    log_likelihood: float
    interval: Tuple[float, float]
    strategies: List[np.ndarray]
    identified: bool
    peaks: List[Tuple[float, float]]
    observations: float
    counts: List[List[float]]


def _nplayer_equilibrium(d: Dict[str, Any]) -> NPlayerEquilibrium:
    exact = d.get("exact")
    return NPlayerEquilibrium(
        strategies=[np.asarray(s, dtype=float) for s in d["strategies"]],
        payoffs=np.asarray(d["payoffs"], dtype=float),
        max_regret=d["max_regret"],
        exact=None
        if exact is None
        else ExactProfile(
            strategies=[[Fraction(x) for x in s] for s in exact["strategies"]],
            payoffs=[Fraction(x) for x in exact["payoffs"]],
        ),
    )


def _number(x: Any) -> float:
    """A number of the library's JSON, where ``"inf"`` is infinity."""
    return float(x)


_TWO_PLAYER_METHODS = ("all", "pure", "support", "lemke-howson", "lemke_howson", "zero-sum", "zero_sum", "correlated")
_NPLAYER_ONLY = ("simpdiv", "liap", "gnm")


def _logit(game: _dilemma.Game, lambdas: Optional[Sequence[float]]) -> LogitSolution:
    report = json.loads(
        _dilemma.logit(game, None if lambdas is None else [float(x) for x in lambdas])
    )
    players: List[str] = report["players"]
    actions: List[List[str]] = report["actions"]
    columns = ["lambda"] + [f"{p}_{a}" for p, acts in zip(players, actions) for a in acts]
    rows = [[t["lambda"]] + [x for s in t["strategies"] for x in s] for t in report["trace"]]
    trace = pd.DataFrame(rows, columns=columns)
    limit: Union[Equilibrium, NPlayerEquilibrium]
    if "row" in report["limit"]:
        limit = _equilibrium(report["limit"])
    else:
        limit = _nplayer_equilibrium(report["limit"])
    return LogitSolution(
        points=[
            QrePoint(p["lambda"], [np.asarray(s, dtype=float) for s in p["strategies"]])
            for p in report["points"]
        ],
        trace=trace,
        limit=limit,
        end_lambda=report["end_lambda"],
        tolerance=report["tolerance"],
        max_regret=report["max_regret"],
        steps=report["steps"],
        refused_steps=report["refused_steps"],
        bifurcations=list(report["bifurcations"]),
    )


def solve(
    game: _dilemma.Game,
    method: str = "all",
    *,
    labels: Union[None, str, Sequence[int]] = None,
    objective: str = "welfare",
    starts: Optional[int] = None,
    seed: Optional[int] = None,
    rays: Optional[int] = None,
    perturbation: Optional[Sequence[Union[int, str]]] = None,
    lambdas: Optional[Sequence[float]] = None,
) -> Union[Solution, CorrelatedEquilibrium, NPlayerSolution, LogitSolution]:
    """The equilibria of ``game`` by ``method``, as ``dilemma solve``
    computes them. On a two-player game (``game.is_two_player``):

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

    On any game, an ``NPlayerSolution``:

    - ``"all"``: every equilibrium by support enumeration (n-player games);
    - ``"pure"``: the pure equilibria (n-player games);
    - ``"simpdiv"``: one equilibrium by simplicial subdivision;
    - ``"liap"``: a sample of equilibria by minimising the Lyapunov
      function from ``starts`` seeded starting points (default 20, ``seed``
      default 1);
    - ``"gnm"``: the equilibria on the global Newton method's path along
      ``rays`` random perturbation rays drawn from ``seed`` (default 1 and
      1), or one ray making ``perturbation`` (one action per player, a
      0-based number or a name) dominant at the start;

    and ``"logit"``: the logit QRE's principal branch at the precisions
    ``lambdas`` (default 0.1, 0.5, 1, 2, 5, 10) and its limit, a
    ``LogitSolution``.
    """
    if not isinstance(game, _dilemma.Game):
        raise TypeError(f"solve: expected a dilemma.Game, got {type(game).__name__}")
    if method != "liap" and starts is not None:
        raise ValueError("starts applies only with method liap")
    if method not in ("liap", "gnm") and seed is not None:
        raise ValueError("seed applies only with method liap or gnm")
    if method != "gnm":
        for name, given in (("rays", rays is not None), ("perturbation", perturbation is not None)):
            if given:
                raise ValueError(f"{name} applies only with method gnm")
    if method != "logit" and lambdas is not None:
        raise ValueError("lambdas applies only with method logit")
    if method == "logit":
        if labels is not None:
            raise ValueError("labels applies only with method lemke-howson on a two-player game")
        return _logit(game, lambdas)
    if not game.is_two_player or method in _NPLAYER_ONLY:
        if labels is not None:
            raise ValueError("labels applies only with method lemke-howson on a two-player game")
        report = json.loads(
            _dilemma.solve_nplayer(
                game,
                method,
                20 if starts is None else int(starts),
                1 if seed is None else int(seed),
                1 if rays is None else int(rays),
                None if perturbation is None else list(perturbation),
            )
        )
        return NPlayerSolution(
            method=report["method"],
            players=report["players"],
            actions=report["actions"],
            equilibria=[_nplayer_equilibrium(e) for e in report["equilibria"]],
            complete=report["complete"],
            degenerate=report["degenerate"],
            exact_arithmetic=report["exact_arithmetic"],
            computation=report["computation"],
            tolerance=report["tolerance"],
            max_regret=report["max_regret"],
        )
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


def fit_qre(
    game: _dilemma.Game,
    counts: Union[None, str, Sequence[Sequence[float]]] = None,
    *,
    data: Union[None, str, "os.PathLike[str]"] = None,
) -> QreFit:
    """The maximum-likelihood logit QRE of observed play on a two-player
    ``game``, as ``dilemma fit-qre`` fits it: ``counts`` each player's
    action counts (``[[30, 70], [55, 45]]``, or the command line's text
    ``"30,70;55,45"``), or ``data`` a CSV file of plays."""
    if not isinstance(game, _dilemma.Game):
        raise TypeError(f"fit_qre: expected a dilemma.Game, got {type(game).__name__}")
    if counts is not None and not isinstance(counts, str):
        counts = [[float(x) for x in player] for player in counts]
    report = json.loads(
        _dilemma.fit_qre(game, counts, None if data is None else os.fspath(data))
    )
    fit = report["fit"]
    return QreFit(
        precision=_number(fit["lambda"]),
        log_likelihood=fit["log_likelihood"],
        interval=(_number(fit["interval"][0]), _number(fit["interval"][1])),
        strategies=[np.asarray(s, dtype=float) for s in fit["strategies"]],
        identified=fit["identified"],
        peaks=[(p["lambda"], p["log_likelihood"]) for p in fit["peaks"]],
        observations=fit["observations"],
        counts=report["counts"],
    )
