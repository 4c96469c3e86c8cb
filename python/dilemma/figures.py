"""Figures: SVG documents that a notebook displays inline, and PNG bytes."""

from __future__ import annotations

import os
from typing import List, Tuple, Union

from . import _dilemma


class Figure:
    """One figure: its name (the command line's file stem) and its SVG
    document. A notebook displays it inline (``_repr_svg_``)."""

    __slots__ = ("name", "svg")

    def __init__(self, name: str, svg: str) -> None:
        self.name = name
        self.svg = svg

    def _repr_svg_(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        return f"Figure({self.name!r})"

    def png(self, dpi: int = 150) -> bytes:
        """The figure as PNG bytes at ``dpi`` dots per inch."""
        return bytes(_dilemma.svg_to_png(self.name, self.svg, dpi))

    def save(self, path: Union[str, "os.PathLike[str]"], dpi: int = 150) -> None:
        """Writes the figure to ``path``: PNG when it ends in ``.png``, else SVG."""
        path = os.fspath(path)
        if path.lower().endswith(".png"):
            with open(path, "wb") as f:
                f.write(self.png(dpi))
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(self.svg)


def figures_of(named: List[Tuple[str, str]]) -> List[Figure]:
    """``(name, svg)`` pairs as figures."""
    return [Figure(name, svg) for name, svg in named]


def game_figures(game: "_dilemma.Game") -> List[Figure]:
    """A game's figures (``dilemma plot --game``): the best-response
    diagram of a 2x2 game, the replicator phase line of a symmetric 2x2
    game, the replicator portrait of a symmetric 3x3 game."""
    return figures_of(_dilemma.game_figures(game))
