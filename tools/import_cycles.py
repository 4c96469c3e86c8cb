#!/usr/bin/env python3
"""Import cycles in src/: between top-level modules, and between the files of one folder.

A file depends on a sibling when it names one of the sibling's items (`use
super::X`, `crate::folder::X`, `super::sibling::...`): names re-exported by a
folder's mod.rs are traced to the file that defines them. mod.rs itself is the
folder's index and takes part in no edge. Exits 1 and lists the cycles if any.
"""
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
DEF = re.compile(r"^\s*pub(?:\([a-z]+\))?\s+(?:const\s+)?(?:fn|struct|enum|trait|type|const|static|mod)\s+([A-Za-z_][A-Za-z0-9_]*)", re.M)
USE = re.compile(r"\buse\s+([^;]+);", re.S)


def strip_tests(text):
    """The file's code without its tests and comments."""
    i = text.find("#[cfg(test)]")
    text = text if i < 0 else text[:i]
    return re.sub(r"//[^\n]*", "", text)


def paths_of(use_tree):
    """Expand `a::{b, c::{d}}` into ['a::b', 'a::c::d']."""
    use_tree = re.sub(r"\s+", "", use_tree)
    out = []

    def expand(prefix, tree):
        depth, start, parts = 0, 0, []
        if "{" not in tree:
            out.append(prefix + tree)
            return
        head, rest = tree.split("{", 1)
        rest = rest[: rest.rfind("}")]
        for k, ch in enumerate(rest):
            depth += ch == "{"
            depth -= ch == "}"
            if ch == "," and depth == 0:
                parts.append(rest[start:k])
                start = k + 1
        parts.append(rest[start:])
        for p in parts:
            if p:
                expand(prefix + head, p)

    expand("", use_tree)
    return [re.sub(r"as\w+$", "", p) for p in out]


def folder_files(folder):
    return {p.stem: p for p in folder.glob("*.rs") if p.stem != "mod"}


def definers(folder):
    files = folder_files(folder)
    owner = {}
    for stem, path in files.items():
        for name in DEF.findall(strip_tests(path.read_text())):
            owner.setdefault(name, stem)
    return files, owner


def folder_edges(folder):
    files, owner = definers(folder)
    rel = folder.relative_to(SRC).as_posix().replace("/", "::")
    edges = {stem: set() for stem in files}
    for stem, path in files.items():
        text = strip_tests(path.read_text())
        refs = []
        for tree in USE.findall(text):
            refs += paths_of(tree)
        refs += re.findall(r"\bsuper::[A-Za-z_][A-Za-z0-9_:]*", text)
        refs += re.findall(r"\bcrate::" + re.escape(rel) + r"::[A-Za-z_][A-Za-z0-9_:]*", text)
        for ref in refs:
            if ref.startswith("super::"):
                rest = ref[len("super::"):]
            elif ref.startswith("crate::" + rel + "::"):
                rest = ref[len("crate::" + rel + "::"):]
            else:
                continue
            first = rest.split("::")[0]
            target = first if first in files else owner.get(first)
            if target and target != stem:
                edges[stem].add(target)
    return edges


def top_level_edges():
    mods = {p.stem if p.is_file() else p.name: p for p in SRC.iterdir()
            if (p.suffix == ".rs" or p.is_dir()) and p.stem not in ("lib", "main")}
    edges = {m: set() for m in mods}
    for m, p in mods.items():
        files = [p] if p.is_file() else list(p.rglob("*.rs"))
        for f in files:
            text = strip_tests(f.read_text())
            for other in re.findall(r"\bcrate::([a-z_]+)", text):
                if other in mods and other != m:
                    edges[m].add(other)
    return edges


def cycles(edges):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in edges:
        if v not in index:
            visit(v)
    return out


def main():
    found = []
    for comp in cycles(top_level_edges()):
        found.append("top-level modules: " + " <-> ".join(comp))
    for folder in sorted({p.parent for p in SRC.rglob("*.rs")}):
        if folder == SRC:
            continue
        for comp in cycles(folder_edges(folder)):
            found.append(f"{folder.relative_to(SRC)}/: " + " <-> ".join(comp))
    for line in found:
        print(line)
    print(f"{len(found)} import cycles")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
