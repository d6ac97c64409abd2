"""The package's import graph: stages import downwards only, and no two modules import each
other, even inside a function (a lazy import hides a circle; it does not open it).

    base        errors, project, textfile, pandoc, pandoc_ast, spans, outputs, sandbox
    intake      source, markup, scaffold                      reads source/
    proof       collate                                       witness against reading text
    edition     work (Edition), apparatus, paragraphs, ...    the prepared edition
    formats     tei, jats, collation_page (and its model), pdf/, epub/, docx/
                                                              each writes one output
    judges      pdfcheck, ace, epubcheck, schemas             outside checkers
    suspects    the OCR-suspect finder
    commands    check, preview, scheduler, depfile            what the CLI runs
    desk        the editor's desk

`python tests/test_layout.py` prints the graph, a module and what it imports a line.
"""

from __future__ import annotations

import ast
import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "editio"


def _module_names() -> dict[str, Path]:
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


@cache
def graph() -> dict[str, set[str]]:
    """Each module of editio and the modules of editio it imports (anywhere in it)."""
    modules = _module_names()

    def owner(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            for target in targets:
                found = owner(target) if target.startswith("editio") else None
                if found and found != name and found != "editio":
                    edges[name].add(found)
    return edges


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def _stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def test_no_two_modules_import_each_other() -> None:
    assert circles(graph()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def writers_importing(edges: dict[str, set[str]], stages: set[str]) -> dict[str, list[str]]:
    """Each module of formats/ that imports a module of `stages`, and what it imports."""
    wrong = {m: sorted(t for t in ts if _stage(t) in stages)
             for m, ts in edges.items() if _stage(m) == "formats"}
    return {m: ts for m, ts in wrong.items() if ts}


def test_no_writer_imports_the_intake_or_the_proof() -> None:
    """The writers take what they need from the Edition; how the text was read and how it was
    proved are not theirs (the collation page's model is formats.collation_model)."""
    assert writers_importing(graph(), {"intake", "proof"}) == {}


def test_a_writer_importing_the_proof_is_found() -> None:
    edges = {"editio.formats.page": {"editio.proof.collate", "editio.base.spans"},
             "editio.edition.work": {"editio.proof.collate"}}
    assert writers_importing(edges, {"intake", "proof"}) == {
        "editio.formats.page": ["editio.proof.collate"]}


def test_the_base_imports_no_stage_above_it() -> None:
    allowed = {"base"}
    wrong = sorted((m, t) for m, ts in graph().items() if _stage(m) == "base"
                   for t in ts if _stage(t) not in allowed)
    assert wrong == []


def test_the_graph_sees_lazy_imports() -> None:
    """An import inside a function is an edge too (scheduler imports the PDF writer lazily)."""
    assert "editio.formats.pdf.book" in graph()["editio.commands.scheduler"]


if __name__ == "__main__":
    for module, targets in sorted(graph().items()):
        sys.stdout.write(f"{module}: {' '.join(sorted(targets))}\n")
