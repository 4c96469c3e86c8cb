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
the GIL; tournaments and sweeps stop on Ctrl-C (``KeyboardInterrupt``), other
computations raise it when they finish.
"""

from __future__ import annotations

from ._dilemma import Game, __version__
from .evolution import Evolution, ecological, fixation_probability, moran, replicator
from .figures import Figure, game_figures
from .games import catalogue, security_parameters
from .matches import Match, play
from .solving import CorrelatedEquilibrium, Equilibrium, ExactEquilibrium, Solution, solve
from .strategies import strategies
from .sweeps import sweep, sweep_figures
from .tournaments import Tournament, TournamentResults

__all__ = [
    "CorrelatedEquilibrium",
    "Equilibrium",
    "Evolution",
    "ExactEquilibrium",
    "Figure",
    "Game",
    "Match",
    "Solution",
    "Tournament",
    "TournamentResults",
    "__version__",
    "catalogue",
    "ecological",
    "fixation_probability",
    "game_figures",
    "moran",
    "play",
    "replicator",
    "security_parameters",
    "solve",
    "strategies",
    "sweep",
    "sweep_figures",
]
