"""Round-robin tournaments (``dilemma tournament``) and their results."""

from __future__ import annotations

import csv
import io
import json
import os
from functools import cached_property
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _dilemma
from .evolution import Evolution
from .figures import Figure, figures_of
from .strategies import StrategySpec, strategy_files
from .values import integer, real

PlayerSpec = Union[str, Mapping[str, Any]]
GameLike = Union[str, "os.PathLike[str]", _dilemma.Game]


def _column(values: List[str]) -> Any:
    """A CSV column's values as an array of ints, floats (parsed by
    Python's correctly rounded ``float``, so every float is the one that was
    written) or booleans (``true``/``false``), or else the text itself."""
    if values and all(v in ("true", "false") for v in values):
        return np.array([v == "true" for v in values], dtype=bool)
    try:
        return np.array([int(v) for v in values], dtype=np.int64)
    except (ValueError, OverflowError):
        pass
    try:
        return np.array([float(v) if v != "" else float("nan") for v in values], dtype=np.float64)
    except ValueError:
        return values


def read_csv(text: str, index_col: Optional[int] = None) -> pd.DataFrame:
    """A CSV table of the library as a DataFrame, every float parsed back
    to the bits it was written from."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    columns = {name: _column([r[k] for r in body]) for k, name in enumerate(header)}
    df = pd.DataFrame(columns, columns=header, copy=False)
    if index_col is not None:
        df = df.set_index(header[index_col])
    return df


def game_spec(game: GameLike, params: Optional[Mapping[str, float]]) -> Dict[str, Any]:
    """The tournament's ``game`` entry (as in an experiment file) of a
    catalogue name, ``"security"``, a ``.nfg`` path or a ``Game``."""
    params = {k: real(k, v) for k, v in (params or {}).items()}
    if isinstance(game, _dilemma.Game):
        if params:
            raise ValueError("params apply to catalogue and security games, not to a Game object")
        return {"kind": "nfg", "path": f"<{game.name}>", "contents": game.to_nfg()}
    if isinstance(game, os.PathLike) or (isinstance(game, str) and game.endswith(".nfg")):
        path = os.fspath(game)
        if params:
            raise ValueError(f"params apply to catalogue games, not to the file `{path}`")
        return {"kind": "nfg", "path": path}
    if not isinstance(game, str):
        raise TypeError(f"game: expected a name, a .nfg path or a dilemma.Game, got {type(game).__name__}")
    if game == "security":
        return {"kind": "security", "parameters": json.loads(_dilemma.security_model(params))}
    return {"kind": "catalogue", "name": game, "params": params}


class Tournament:
    """A round-robin tournament, configured as ``dilemma tournament``'s
    flags (or an experiment file's ``[tournament]``) configure it; ``run``
    plays it.

    ``players``: strategy names (``dilemma.strategies()``), or dicts
    ``{"strategy": NAME, "side": SIDE, "perception_noise": ...,
    "paranoia": ..., "out_group_paranoia": ...}``; default: the built-in
    field of 20 well-known strategies. ``game``: a catalogue name,
    ``"security"``, a ``.nfg`` path or a ``dilemma.Game``, with ``params``
    overriding its parameters. ``sides``: each side's own security-game
    parameters, ``{"weak": {"power": 0.3}}``. ``strategies``: extra strategy
    definitions (dicts or TOML files, see ``dilemma.strategies``).
    ``seed``: the random streams' seed; the same seed gives the command
    line's results, bit for bit, for any number of threads."""

    def __init__(
        self,
        players: Optional[Sequence[PlayerSpec]] = None,
        *,
        game: GameLike = "prisoners_dilemma",
        params: Optional[Mapping[str, float]] = None,
        turns: int = 200,
        continuation: Optional[float] = None,
        repetitions: int = 10,
        replicates: int = 1,
        noise: float = 0.0,
        perception_noise: float = 0.0,
        seed: int = 0,
        three_action: bool = False,
        sides: Optional[Mapping[str, Mapping[str, float]]] = None,
        out_group_game: Optional[GameLike] = None,
        out_group_params: Optional[Mapping[str, float]] = None,
        out_group_perception_noise: Optional[float] = None,
        strategies: Union[None, StrategySpec, Iterable[StrategySpec]] = None,
        name: str = "tournament",
    ) -> None:
        config: Dict[str, Any] = {
            "name": name,
            "game": game_spec(game, params),
            "turns": integer("turns", turns),
            "repetitions": integer("repetitions", repetitions),
            "replicates": integer("replicates", replicates),
            "noise": real("noise", noise),
            "perception_noise": real("perception_noise", perception_noise),
            "seed": integer("seed", seed),
            "three_action": bool(three_action),
        }
        if players is not None:
            if isinstance(players, str):
                raise TypeError("players: expected a list of names, got a string")
            config["players"] = [p if isinstance(p, str) else dict(p) for p in players]
        if continuation is not None:
            config["continuation"] = real("continuation", continuation)
        if sides:
            config["sides"] = {s: {k: real(k, v) for k, v in values.items()} for s, values in sides.items()}
        if out_group_game is not None:
            config["out_group_game"] = game_spec(out_group_game, out_group_params)
        if out_group_perception_noise is not None:
            config["out_group_perception_noise"] = real("out_group_perception_noise", out_group_perception_noise)
        #: The configuration, as the ``tournament`` of a manifest records it.
        self.config = config
        self._files = strategy_files(strategies)

    @classmethod
    def from_manifest(cls, manifest: Union[str, "os.PathLike[str]", Mapping[str, Any]]) -> "Tournament":
        """The tournament of a run's ``manifest.json`` (a path, or the
        parsed manifest, e.g. ``TournamentResults.manifest``), with its
        strategy files: ``run`` plays it again, bit for bit, as
        ``dilemma tournament --manifest`` does."""
        data: Mapping[str, Any]
        if isinstance(manifest, Mapping):
            data = manifest
        else:
            with open(os.fspath(manifest), encoding="utf-8") as f:
                data = json.load(f)
        tournament = cls.__new__(cls)
        tournament.config = dict(data["config"])
        tournament._files = [(f["path"], f["contents"]) for f in data.get("strategy_files", [])]
        return tournament

    def __repr__(self) -> str:
        players = self.config.get("players")
        n = len(players) if players is not None else len(_dilemma.default_players())
        return (f"Tournament({n} players, game={self.config['game'].get('name', self.config['game']['kind'])!r}, "
                f"turns={self.config['turns']}, repetitions={self.config['repetitions']}, "
                f"seed={self.config['seed']})")

    def run(self, threads: Optional[int] = None) -> "TournamentResults":
        """Plays every match (on ``threads`` threads, all cores when
        ``None``; the results do not depend on it) and returns the
        results. Ctrl-C stops it between matches."""
        files = _dilemma.run_tournament(json.dumps(self.config), self._files, threads)
        return TournamentResults(files, self._files)


class TournamentResults:
    """A tournament's results: its tables as pandas DataFrames, the files
    ``dilemma tournament`` writes (``files``, by name, byte for byte the
    command line's for the same configuration), figures and evolution."""

    def __init__(self, files: Dict[str, str], strategy_files: List[Any]) -> None:
        #: The command line's files, by name: ``summary.csv``,
        #: ``payoff_matrix.csv``, ``results.json``, ``manifest.json`` (and
        #: with replicates ``replicates.csv``, ``intervals.csv``,
        #: ``differences.csv``).
        self.files = dict(files)
        self._strategy_files = strategy_files

    def __repr__(self) -> str:
        return f"TournamentResults({len(self.players)} players)"

    def _repr_html_(self) -> str:
        return self.summary._repr_html_()

    @cached_property
    def results(self) -> Dict[str, Any]:
        """``results.json``, parsed: the configuration, the players and
        every statistic."""
        return json.loads(self.files["results.json"])

    @cached_property
    def manifest(self) -> Dict[str, Any]:
        """``manifest.json``, parsed: what reproduces the run."""
        return json.loads(self.files["manifest.json"])

    @property
    def config(self) -> Dict[str, Any]:
        """The configuration that was played."""
        return self.results["config"]

    @property
    def players(self) -> List[str]:
        """The players' names, in the configuration's order."""
        return list(self.results["players"])

    @property
    def three_action(self) -> bool:
        """Whether this is the three-action security dilemma."""
        return bool(self.config.get("three_action", False))

    @cached_property
    def summary(self) -> pd.DataFrame:
        """``summary.csv``: one row per player, best first, with
        Axelrod-Python's columns (Rank, Name, Median_score,
        Cooperation_rating, Wins, ...)."""
        return read_csv(self.files["summary.csv"])

    @property
    def ranking(self) -> List[str]:
        """The players' names, best first."""
        return list(self.summary["Name"])

    @cached_property
    def payoff_matrix(self) -> pd.DataFrame:
        """``payoff_matrix.csv``: row player i's mean per-turn payoff
        against column player j."""
        return read_csv(self.files["payoff_matrix.csv"], index_col=0)

    @cached_property
    def pairs(self) -> pd.DataFrame:
        """Per-pair statistics, one row per (player, opponent): mean
        per-turn payoff and its standard deviation over repetitions,
        cooperations and cooperations per turn, the turns in each state,
        the mean match length and the defections by cause."""
        s = self.results["statistics"]
        names = self.players
        n = len(names)
        rows = []
        for i in range(n):
            for j in range(n):
                row: Dict[str, Any] = {
                    "player": names[i],
                    "opponent": names[j],
                    "payoff": s["payoff_matrix"][i][j],
                    "payoff_stddev": s["payoff_stddevs"][i][j],
                    "mean_match_length": s["mean_match_lengths"][i][j],
                }
                if "cooperation" in s:
                    row["cooperations"] = s["cooperation"][i][j]
                    row["cooperation_rate"] = s["normalised_cooperation"][i][j]
                if "state_distribution" in s:
                    states = s["state_distribution"][i][j]
                    labels = ["CC", "CD", "DC", "DD"] if len(states) == 4 else [
                        a + b for a in "RAH" for b in "RAH"]
                    row.update({f"turns_{k}": v for k, v in zip(labels, states)})
                if "pair_defection_causes" in s:
                    causes = s["pair_defection_causes"][i][j]
                    row.update({"unprovoked": causes[0], "provoked": causes[1], "spiral": causes[2]})
                rows.append(row)
        return pd.DataFrame(rows)

    @cached_property
    def players_table(self) -> pd.DataFrame:
        """Per-player ratings not in the summary: score per repetition
        (mean and by repetition), wins, good-partner, eigenjesus and
        eigenmoses ratings, initial cooperation rate, and defections by cause."""
        s = self.results["statistics"]
        table: Dict[str, Any] = {"player": self.players}
        for key in ("cooperating_rating", "initial_cooperation_rate", "good_partner_rating",
                    "eigenjesus_rating", "eigenmoses_rating"):
            if key in s:
                table[key] = s[key]
        if "normalised_scores" in s:
            table["mean_score"] = [float(np.mean(r)) for r in s["normalised_scores"]]
        if "defection_causes" in s:
            table["unprovoked"] = [c[0] for c in s["defection_causes"]]
            table["provoked"] = [c[1] for c in s["defection_causes"]]
            table["spiral"] = [c[2] for c in s["defection_causes"]]
        return pd.DataFrame(table)

    @cached_property
    def groups(self) -> Optional[pd.DataFrame]:
        """Per-player in-group and out-group payoffs and cooperation when
        players have sides (``None`` otherwise)."""
        g = self.results.get("groups")
        if g is None:
            return None
        return pd.DataFrame({
            "player": self.players,
            "side": g["groups"],
            "in_group_payoff": g["in_group_payoff"],
            "out_group_payoff": g["out_group_payoff"],
            "in_group_cooperation": g["in_group_cooperation"],
            "out_group_cooperation": g["out_group_cooperation"],
        })

    @cached_property
    def sides(self) -> Optional[pd.DataFrame]:
        """One row per side: its members and their in-group and out-group
        payoffs, cooperation and defections by cause (``None`` when
        players have no sides)."""
        g = self.results.get("groups")
        if g is None:
            return None
        rows = []
        for s in g["summary"]:
            causes = s.get("defection_causes", [0, 0, 0])
            total = sum(causes)
            rows.append({
                "side": s["group"],
                "members": [self.players[k] for k in s["members"]],
                "in_group_payoff": s["in_group_payoff"],
                "out_group_payoff": s["out_group_payoff"],
                "in_group_cooperation": s["in_group_cooperation"],
                "out_group_cooperation": s["out_group_cooperation"],
                "unprovoked": causes[0],
                "provoked": causes[1],
                "spiral": causes[2],
                "spiral_share": causes[2] / total if total else 0.0,
            })
        return pd.DataFrame(rows)

    def _table(self, name: str) -> Optional[pd.DataFrame]:
        text = self.files.get(name)
        return None if text is None else read_csv(text)

    @property
    def replicates(self) -> Optional[pd.DataFrame]:
        """``replicates.csv``: every replicate's per-player quantities
        (``None`` without replicates)."""
        return self._table("replicates.csv")

    @property
    def intervals(self) -> Optional[pd.DataFrame]:
        """``intervals.csv``: means over the replicates with 95% t intervals."""
        return self._table("intervals.csv")

    @property
    def differences(self) -> Optional[pd.DataFrame]:
        """``differences.csv``: paired score differences of every pair of players."""
        return self._table("differences.csv")

    def figures(self) -> List[Figure]:
        """The figures ``dilemma tournament`` draws, as SVG documents."""
        return figures_of(_dilemma.tournament_figures(self.files["results.json"], self.three_action))

    def evolve(
        self,
        generations: int = 1000,
        moran: Optional[Sequence[Mapping[str, Any]]] = None,
        threads: Optional[int] = None,
    ) -> Evolution:
        """An experiment's ``[evolution]`` stage on these results, as
        ``dilemma run`` runs it: Axelrod's ecological simulation for
        ``generations`` generations on the payoff matrix, and each Moran
        process of ``moran`` (dicts with the fields of
        ``[[evolution.moran]]``: ``mutant``, ``resident``, ``population``,
        ``mutants``, ``runs``, ``seed``, ``play_matches``)."""
        config = {"generations": generations, "moran": [dict(m) for m in (moran or [])]}
        records, shift = _dilemma.evolve(
            self.files["results.json"], json.dumps(config), self._strategy_files, threads
        )
        return Evolution(json.loads(records), shift)

    def write(self, directory: Union[str, "os.PathLike[str]"]) -> List[str]:
        """Writes the command line's files into ``directory`` (created if
        needed); returns their paths."""
        directory = os.fspath(directory)
        os.makedirs(directory, exist_ok=True)
        written = []
        for name, text in self.files.items():
            path = os.path.join(directory, name)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            written.append(path)
        return written
