#!/usr/bin/env python3
"""Checks that `cargo test --release` can reuse what `cargo run --release` built.

Cargo's feature resolver (version 2) turns on a dev-dependency's features only
in builds that need dev-dependencies. When a dev-dependency turns on a feature
of a crate the library also uses, the test build compiles that crate, every
crate above it and the library itself a second time. This script lists every
package's features with and without dev-dependencies (`cargo tree`) and fails,
naming the package and the features, when a package present in both differs.

Usage: python3 tools/shared_build.py   (from anywhere in the repository)
"""

import re
import subprocess
import sys
from pathlib import Path

LINE = re.compile(r"^(\S+) (v\S+)(?: \(.*?\))? \[(.*?)\]")


def features(edges: str) -> dict[tuple[str, str], frozenset[str]]:
    """Maps (package, version) to its features in the graph of the given edge kinds."""
    output = subprocess.run(
        ["cargo", "tree", "-e", edges, "--prefix", "none", "-f", "{p} [{f}]"],
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found: dict[tuple[str, str], frozenset[str]] = {}
    for line in output.splitlines():
        match = LINE.match(line)
        if match is None:
            continue
        name, version, feature_list = match.groups()
        found[(name, version)] = frozenset(f for f in feature_list.split(",") if f)
    return found


def main() -> int:
    run = features("normal,build")
    test = features("normal,build,dev")
    differing = [
        (package, run[package], test[package])
        for package in sorted(run)
        if package in test and run[package] != test[package]
    ]
    for (name, version), run_features, test_features in differing:
        extra = ", ".join(sorted(test_features - run_features)) or "-"
        missing = ", ".join(sorted(run_features - test_features)) or "-"
        print(
            f"{name} {version}: dev-dependencies add features [{extra}] and drop [{missing}];"
            " the test build would compile it and everything above it again"
        )
    if differing:
        return 1
    print(f"{len(run)} packages: the same features with and without dev-dependencies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
