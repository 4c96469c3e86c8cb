"""Type stubs of the native module ``dilemma._dilemma`` (the Rust layer).

The public API is ``dilemma`` itself; these functions are its building
blocks and take and return the command line's files as text.
"""

from os import PathLike
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union, final

import numpy as np
import numpy.typing as npt

__version__: str
__all__ = [
    "__version__",
    "Game",
    "catalogue_names",
    "security_parameters",
    "security_model",
    "solve",
    "correlated",
    "solve_nplayer",
    "logit",
    "fit_qre",
    "learn",
    "run_sensitivity",
    "run_groups",
    "play",
    "strategies",
    "strategies_toml",
    "run_tournament",
    "default_players",
    "run_sweep",
    "ecological",
    "fixation_probability",
    "moran",
    "replicator",
    "evolve",
    "tournament_figures",
    "evolution_figures",
    "sweep_figures",
    "game_figures",
    "svg_to_png",
]

_StrategyFiles = List[Tuple[str, str]]

@final
class Game:
    """A game in strategic form: two players, or any number."""

    def __new__(
        cls,
        a: npt.ArrayLike,
        b: Optional[npt.ArrayLike] = None,
        name: Optional[str] = None,
        row_actions: Optional[Sequence[str]] = None,
        col_actions: Optional[Sequence[str]] = None,
    ) -> Game: ...
    @staticmethod
    def catalogue(name: str, **params: float) -> Game: ...
    @staticmethod
    def security(three_action: bool = False, perceived: bool = False, **params: float) -> Game: ...
    @staticmethod
    def from_payoffs(
        payoffs: npt.ArrayLike,
        name: Optional[str] = None,
        players: Optional[Sequence[str]] = None,
        actions: Optional[Sequence[Sequence[str]]] = None,
    ) -> Game: ...
    @staticmethod
    def alliance(spec: str) -> Game: ...
    @staticmethod
    def from_nfg(text: str, source: str = "<string>") -> Game: ...
    @staticmethod
    def read_nfg(path: Union[str, PathLike[str]]) -> Game: ...
    def to_nfg(self) -> str: ...
    def write_nfg(self, path: Union[str, PathLike[str]]) -> None: ...
    @property
    def name(self) -> str: ...
    @property
    def num_players(self) -> int: ...
    @property
    def shape(self) -> Tuple[int, ...]: ...
    @property
    def players(self) -> List[str]: ...
    @property
    def actions(self) -> List[List[str]]: ...
    @property
    def payoffs(self) -> np.ndarray: ...
    @property
    def is_two_player(self) -> bool: ...
    @property
    def row_payoffs(self) -> np.ndarray: ...
    @property
    def col_payoffs(self) -> np.ndarray: ...
    @property
    def row_actions(self) -> List[str]: ...
    @property
    def col_actions(self) -> List[str]: ...
    def is_symmetric(self, tolerance: float = 1e-12) -> bool: ...
    def classify(self) -> str: ...
    def model_parameters(self) -> Optional[Dict[str, float]]: ...
    def jervis_world(self) -> Optional[str]: ...
    def __eq__(self, other: object, /) -> bool: ...

def catalogue_names() -> List[Tuple[str, Dict[str, float], str]]: ...
def security_parameters() -> List[Tuple[str, str, float, str, str]]: ...
def security_model(params: Dict[str, float]) -> str: ...
def solve(game: Game, method_name: str = "all", labels: Union[None, str, Sequence[int]] = None) -> str: ...
def correlated(game: Game, objective_name: str = "welfare") -> Dict[str, Any]: ...
def solve_nplayer(
    game: Game,
    method_name: str = "all",
    starts: int = 20,
    seed: int = 1,
    rays: int = 1,
    perturbation: Optional[Sequence[Union[int, str]]] = None,
) -> str: ...
def logit(game: Game, lambdas: Optional[Sequence[float]] = None) -> str: ...
def fit_qre(
    game: Game,
    counts: Union[None, str, Sequence[Sequence[float]]] = None,
    data: Union[None, str, PathLike[str]] = None,
) -> str: ...
def learn(
    game: Game,
    dynamic: str,
    iterations: int = 1000,
    seed: Optional[int] = None,
    start: Optional[Sequence[Sequence[float]]] = None,
    mutation: Optional[float] = None,
    intensity: Optional[float] = None,
    perturbation: Optional[float] = None,
    inertia: Optional[float] = None,
    population: Optional[int] = None,
    step: Optional[float] = None,
    record_every: Optional[int] = None,
    figures: bool = True,
) -> Tuple[str, str, List[Tuple[str, str]]]: ...
def run_sensitivity(
    tournament: str = "{}",
    request: str = "{}",
    params: Sequence[Tuple[str, float]] = ...,
    threads: Optional[int] = None,
) -> Dict[str, Any]: ...
def run_groups(
    out: Union[str, PathLike[str]],
    config: str = "{}",
    game: str = "n_prisoners_dilemma",
    params: Sequence[Tuple[str, float]] = ...,
    states: Optional[Sequence[Tuple[str, Sequence[Tuple[str, float]]]]] = None,
    blocs: Sequence[Tuple[str, Sequence[str]]] = ...,
    commitment: float = 1.0,
    manifest: Optional[str] = None,
    threads: Optional[int] = None,
) -> List[str]: ...
def play(
    a: str,
    b: str,
    turns: int = 200,
    continuation: Optional[float] = None,
    noise: float = 0.0,
    perception: float = 0.0,
    seed: int = 0,
    payoffs: Tuple[float, float, float, float] = ...,
    security: Optional[Dict[str, float]] = None,
    files: _StrategyFiles = ...,
    three_action: bool = False,
) -> str: ...
def strategies(files: _StrategyFiles = ...) -> str: ...
def strategies_toml(definitions: str) -> str: ...
def run_tournament(config: str, files: _StrategyFiles = ..., threads: Optional[int] = None) -> Dict[str, str]: ...
def default_players() -> List[str]: ...
def run_sweep(tournament: str = "{}", grid: str = "{}", threads: Optional[int] = None) -> Dict[str, str]: ...
def ecological(payoffs: np.ndarray, generations: int = 1000, initial: Optional[List[float]] = None) -> np.ndarray: ...
def fixation_probability(payoffs: Tuple[float, float, float, float], population: int = 10, mutants: int = 1) -> float: ...
def moran(
    payoffs: np.ndarray,
    mutant: int,
    resident: int,
    population: int = 10,
    mutants: int = 1,
    runs: int = 1000,
    seed: int = 0,
) -> Dict[str, Any]: ...
def replicator(game: Game, initial: List[float], dt: float = 0.01, steps: int = 1000) -> Tuple[np.ndarray, np.ndarray]: ...
def evolve(results: str, config: str, files: _StrategyFiles = ..., threads: Optional[int] = None) -> Tuple[str, float]: ...
def tournament_figures(results: str, three_action: bool = False) -> List[Tuple[str, str]]: ...
def evolution_figures(records: str) -> List[Tuple[str, str]]: ...
def sweep_figures(table: str, manifest: str) -> List[Tuple[str, str]]: ...
def game_figures(game: Game) -> List[Tuple[str, str]]: ...
def svg_to_png(name: str, svg: str, dpi: int = 150) -> bytes: ...
