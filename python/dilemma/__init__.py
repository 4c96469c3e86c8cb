"""Cooperation under the security dilemma, from Python.

Iterated prisoner's-dilemma and security-dilemma tournaments, equilibria,
evolution and figures, computed by the ``dilemma`` Rust library: the same
code, and for the same seed the same numbers, as the ``dilemma`` command
line. Tables are pandas DataFrames, equilibria numpy arrays (with exact
``fractions.Fraction`` values where the game has integer payoffs) and
figures SVG documents that a notebook displays inline.

Quick start::

    import dilemma
    results = dilemma.Tournament().run()
    results.summary.head()

Errors in the arguments raise ``ValueError`` (or ``TypeError`` for a value
of the wrong type) with the library's one-line message. Long runs release
the GIL and stop promptly on Ctrl-C (``KeyboardInterrupt``): tournaments,
sweeps, the equilibrium solvers, the Moran simulations, the learning
dynamics, sensitivity analyses and tournaments of groups.
"""

from __future__ import annotations

from ._dilemma import Game, __version__
from .evolution import Evolution, ecological, fixation_probability, moran, replicator
from .figures import Figure, game_figures
from .games import alliance_game, catalogue, security_parameters
from .groups import GroupResults, Groups
from .learning import Learning, learn
from .matches import Match, play
from .sensitivity import SensitivityResults, sensitivity
from .solving import (
    CorrelatedEquilibrium,
    Equilibrium,
    ExactEquilibrium,
    ExactProfile,
    LogitSolution,
    NPlayerEquilibrium,
    NPlayerSolution,
    QreFit,
    QrePoint,
    Solution,
    fit_qre,
    solve,
)
from .strategies import strategies
from .sweeps import sweep, sweep_figures
from .tournaments import Tournament, TournamentResults

__all__ = [
    "CorrelatedEquilibrium",
    "Equilibrium",
    "Evolution",
    "ExactEquilibrium",
    "ExactProfile",
    "Figure",
    "Game",
    "GroupResults",
    "Groups",
    "Learning",
    "LogitSolution",
    "Match",
    "NPlayerEquilibrium",
    "NPlayerSolution",
    "QreFit",
    "QrePoint",
    "SensitivityResults",
    "Solution",
    "Tournament",
    "TournamentResults",
    "__version__",
    "alliance_game",
    "catalogue",
    "ecological",
    "fit_qre",
    "fixation_probability",
    "game_figures",
    "learn",
    "moran",
    "play",
    "replicator",
    "security_parameters",
    "sensitivity",
    "solve",
    "strategies",
    "sweep",
    "sweep_figures",
]
