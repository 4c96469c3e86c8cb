"""Checked conversions of the numbers passed to the library."""

from __future__ import annotations

import numbers
from typing import Any


def integer(name: str, value: Any) -> int:
    """``value`` as an int (numpy integers included); ``TypeError`` unless
    it is an integer."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name}: expected an integer, got {type(value).__name__} {value!r}")
    return int(value)


def real(name: str, value: Any) -> float:
    """``value`` as a float (numpy numbers included); ``TypeError`` unless
    it is a real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name}: expected a number, got {type(value).__name__} {value!r}")
    return float(value)
