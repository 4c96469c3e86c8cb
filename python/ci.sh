#!/usr/bin/env bash
# CI of the Python package: a virtual environment with maturin, numpy,
# pandas and pytest; the wheel built (release profile, the workspace's
# shared target folder) and installed; its type stubs checked by
# mypy.stubtest; the pytest suite, which compares the
# package with the command line target/release/dilemma (built here if
# missing) and with the Axelrod-Python fixtures; and the example notebook
# script. Usage: python/ci.sh [VENV] (default python/.venv).
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${1:-python/.venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
venv="$(cd "$venv" && pwd)"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet maturin numpy pandas pytest mypy

echo "== cargo build --release (the command line the tests compare with)"
cargo build --release

echo "== maturin build --release and pip install"
rm -rf target/wheels
"$venv/bin/maturin" build --release --manifest-path python/Cargo.toml --interpreter "$venv/bin/python" --out target/wheels
"$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps target/wheels/security_dilemma-*.whl

echo "== mypy.stubtest dilemma._dilemma and mypy -p dilemma (the type stubs and annotations)"
(cd python/tests && "$venv/bin/python" -m mypy.stubtest dilemma._dilemma && "$venv/bin/python" -m mypy --ignore-missing-imports -p dilemma)

echo "== pytest python/tests"
# From the tests folder, so that `import dilemma` is the installed wheel.
(cd python/tests && "$venv/bin/python" -m pytest -q .)

echo "== examples/notebook.py"
"$venv/bin/python" examples/notebook.py "$(mktemp -d)"
