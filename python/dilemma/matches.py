"""One match between two strategies (``dilemma play``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from . import _dilemma
from .strategies import StrategySpec, strategy_files
from .values import integer, real


@dataclass(frozen=True)
class Match:
    """A played match: the fields of ``dilemma play --format json``."""

    #: The two players' names (row, column).
    players: Tuple[str, str]
    #: Turns played.
    turns: int
    #: Each player's moves as a string of C and D.
    moves: Tuple[str, str]
    #: Each player's total payoff.
    scores: Tuple[float, float]
    #: Each player's payoff per turn.
    mean_scores: Tuple[float, float]
    #: Turns in each state (CC, CD, DC, DD; row player's move first);
    #: ``None`` in the three-action game.
    states: Optional[Dict[str, int]]
    #: The seed of the match's random streams.
    seed: int
    #: The match's configuration (length, noise, perception).
    config: Dict[str, Any]
    #: Three-action game: each player's moves as the other perceived them.
    perceived: Optional[Tuple[str, str]] = None
    #: Three-action game: each player's counts of R, A and H.
    postures: Optional[Tuple[List[int], List[int]]] = None
    #: Three-action game: each player's armings by cause (unprovoked,
    #: provoked, spiral).
    arming_causes: Optional[Tuple[List[int], List[int]]] = None
    #: Three-action game: the security-dilemma model played.
    game: Optional[Dict[str, Any]] = None

    def __str__(self) -> str:
        w = max(len(p) for p in self.players)
        lines = [f"{p:<{w}}  {m}" for p, m in zip(self.players, self.moves)]
        lines.append(
            f"scores: {self.players[0]} {self.scores[0]}, {self.players[1]} {self.scores[1]}; "
            f"{self.turns} turns"
        )
        return "\n".join(lines)


def play(
    a: str,
    b: str,
    *,
    turns: int = 200,
    noise: float = 0.0,
    seed: int = 0,
    continuation: Optional[float] = None,
    perception: float = 0.0,
    payoffs: Tuple[float, float, float, float] = (3.0, 0.0, 5.0, 1.0),
    security: Optional[Mapping[str, float]] = None,
    strategies: Union[None, StrategySpec, Iterable[StrategySpec]] = None,
    three_action: bool = False,
) -> Match:
    """Plays one match of ``a`` (row) against ``b`` (column), as
    ``dilemma play`` does, with the same results for the same seed.

    ``turns``: the match length, announced to the players (or
    ``continuation``: the probability of another turn, unannounced);
    ``noise``: the probability that a move flips; ``perception``: the
    probability that a player misreads the other's move; ``payoffs``: the
    prisoner's dilemma's R, S, T, P. ``security``: play the security
    dilemma instead, with these model parameters (``{}`` for the
    defaults); each player's perception then comes from the model unless
    ``perception`` is positive. ``three_action``: the three-action security
    dilemma (restrain R, arm A, defensive posture H) with the ``security``
    parameters. ``strategies``: extra strategy definitions (see
    ``dilemma.strategies``)."""
    r, s, t, p = (real("payoffs", x) for x in payoffs)
    text = _dilemma.play(
        a,
        b,
        turns=integer("turns", turns),
        continuation=None if continuation is None else real("continuation", continuation),
        noise=real("noise", noise),
        perception=real("perception", perception),
        seed=integer("seed", seed),
        payoffs=(r, s, t, p),
        security=None if security is None else {k: real(k, v) for k, v in security.items()},
        files=strategy_files(strategies),
        three_action=bool(three_action),
    )
    d = json.loads(text)
    pair = lambda key: None if key not in d else tuple(d[key])  # noqa: E731
    return Match(
        players=tuple(d["players"]),
        turns=d["turns"],
        moves=tuple(d["moves"]),
        scores=tuple(d["scores"]),
        mean_scores=tuple(d["mean_scores"]),
        states=d.get("states"),
        seed=d["seed"],
        config=d["config"],
        perceived=pair("perceived"),
        postures=pair("postures"),
        arming_causes=pair("arming_causes"),
        game=d.get("game"),
    )
