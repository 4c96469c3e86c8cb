"""Shared fixtures: the repository, the command line's binary, and a
runner that runs it into a temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def binary() -> Path:
    """The command line built by ``cargo build --release`` (``DILEMMA_BIN``
    overrides it)."""
    path = Path(os.environ.get("DILEMMA_BIN", ROOT / "target" / "release" / "dilemma"))
    if not path.exists():
        pytest.fail(f"{path} not found: run `cargo build --release` first (or set DILEMMA_BIN)")
    return path


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Runs the command line; fails the test if it fails."""
    done = subprocess.run([str(binary()), *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"dilemma {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done


def cli_error(*args: str) -> str:
    """The command line's one-line error (exit code 2) for ``args``."""
    done = subprocess.run([str(binary()), *args], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    return done.stderr.strip()


def read_files(folder: Path, names: List[str]) -> Dict[str, str]:
    """The text of ``names`` in ``folder``."""
    return {n: (folder / n).read_text(encoding="utf-8") for n in names}


def fixture(name: str):
    """A reference fixture of tests/fixtures."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))
