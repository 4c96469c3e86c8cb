"""Tournaments of groups (``dilemma groups``): every group of n players of
a field plays an n-player game, or the n-state security dilemma with
blocs."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

import pandas as pd

from . import _dilemma
from .tournaments import read_csv
from .values import integer, real


@dataclass(frozen=True)
class GroupResults:
    """A tournament of groups' tables, those ``dilemma groups`` writes:
    ``summary`` (one row per strategy: rank, mean payoff, cooperation),
    ``blocs`` and ``allies`` (with blocs in the alliance game, else
    ``None``), the manifest and the files' text by name."""

    summary: pd.DataFrame
    blocs: Optional[pd.DataFrame]
    allies: Optional[pd.DataFrame]
    manifest: Dict[str, Any]
    files: Dict[str, str]


class Groups:
    """A tournament of groups, configured as ``dilemma groups`` is: the
    field ``players`` (group-strategy names; default the command line's
    field), ``group_size`` n, the stage ``game`` (an n-player catalogue
    name with ``params`` overrides, or ``"alliance"``: the n-state security
    dilemma with ``params`` the model's values, ``states`` each state's own
    values ``{name: {"power": 0.3}}`` in seat order, ``blocs`` ``{name:
    [states]}`` and ``commitment`` κ), ``turns`` or a ``continuation``
    probability, ``repetitions``, action ``noise``, ``perception_noise``,
    ``seed``, and ``max_groups`` (more combinations are sampled).
    ``run(threads=...)`` plays it."""

    def __init__(
        self,
        players: Optional[Sequence[str]] = None,
        *,
        group_size: int = 3,
        game: str = "n_prisoners_dilemma",
        params: Optional[Mapping[str, float]] = None,
        states: Union[None, Sequence[str], Mapping[str, Mapping[str, float]]] = None,
        blocs: Optional[Mapping[str, Sequence[str]]] = None,
        commitment: float = 1.0,
        turns: int = 200,
        continuation: Optional[float] = None,
        repetitions: int = 10,
        noise: float = 0.0,
        perception_noise: float = 0.0,
        seed: int = 0,
        max_groups: int = 100_000,
        name: str = "groups",
    ) -> None:
        config: Dict[str, Any] = {
            "name": str(name),
            "group_size": integer("group_size", group_size),
            "turns": integer("turns", turns),
            "repetitions": integer("repetitions", repetitions),
            "noise": real("noise", noise),
            "perception_noise": real("perception_noise", perception_noise),
            "seed": integer("seed", seed),
            "max_groups": integer("max_groups", max_groups),
        }
        if players is not None:
            if isinstance(players, str):
                raise TypeError("players: expected a list of strategy names, got a str")
            config["players"] = [str(p) for p in players]
        if continuation is not None:
            config["continuation"] = real("continuation", continuation)
        self._config = config
        self._game = str(game)
        self._params = [(str(k), real(k, v)) for k, v in (params or {}).items()]
        if states is None:
            self._states = None
        elif isinstance(states, Mapping):
            self._states = [(str(s), [(str(k), real(k, v)) for k, v in dict(values).items()]) for s, values in states.items()]
        else:
            self._states = [(str(s), []) for s in states]
        self._blocs = [(str(b), [str(m) for m in members]) for b, members in (blocs or {}).items()]
        self._commitment = real("commitment", commitment)
        self._manifest: Optional[str] = None

    @classmethod
    def from_manifest(cls, manifest: Union[str, "os.PathLike[str]", Mapping[str, Any]]) -> "Groups":
        """The tournament a ``manifest.json`` of ``dilemma groups`` records
        (a path, or the manifest as a dict), to run again."""
        g = cls()
        if isinstance(manifest, Mapping):
            g._manifest = json.dumps(dict(manifest))
        else:
            with open(os.fspath(manifest), encoding="utf-8") as f:
                g._manifest = f.read()
        return g

    def run(self, threads: Optional[int] = None) -> GroupResults:
        """Plays every group's matches (the same results for any number of
        ``threads``) and returns the tables."""
        with tempfile.TemporaryDirectory(prefix="dilemma-groups-") as out:
            written = _dilemma.run_groups(
                out,
                json.dumps(self._config),
                self._game,
                self._params,
                self._states,
                self._blocs,
                self._commitment,
                self._manifest,
                threads,
            )
            files: Dict[str, str] = {}
            for name in written:
                with open(os.path.join(out, name), encoding="utf-8") as f:
                    files[name] = f.read()
        return GroupResults(
            summary=read_csv(files["summary.csv"]),
            blocs=read_csv(files["blocs.csv"]) if "blocs.csv" in files else None,
            allies=read_csv(files["allies.csv"]) if "allies.csv" in files else None,
            manifest=json.loads(files["manifest.json"]),
            files=files,
        )
