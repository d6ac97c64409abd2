"""The cache of prepared editions: keyed on the inputs and the runtime code, nothing else."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

import editio
import editio_tools
from conftest import WORK, run_editio

RUNTIME = Path(editio.__file__).parent
TOOLS = Path(editio_tools.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_runtime_imports_no_tooling():
    for module in RUNTIME.glob("*.py"):
        assert not {n for n in _imports(module) if n.split(".")[0] == "editio_tools"}, module


def test_the_makefile_rebuilds_books_for_runtime_code_only():
    makefile = (Path(editio.__file__).parents[2] / "Makefile").read_text(encoding="utf-8")
    code = next(line for line in makefile.splitlines() if line.startswith("CODE "))
    assert "scripts/editio/" in code and "editio_tools" not in code


@pytest.mark.slow
def test_editing_a_tool_keeps_the_cached_edition(project, monkeypatch, tmp_path):
    """The cache is keyed on the runtime package: a changed tool rebuilds no book, a
    changed runtime module does."""
    import editio.edition.cache

    package = tmp_path / "pkg"
    shutil.copytree(RUNTIME, package / "editio")
    shutil.copytree(TOOLS, package / "editio_tools")
    monkeypatch.setattr(editio.edition.cache, "__file__",
                        str(package / "editio" / "edition" / "cache.py"))
    prepared = []
    real = editio.edition.cache.prepare
    monkeypatch.setattr(editio.edition.cache, "prepare",
                        lambda *a: prepared.append(1) or real(*a))

    def build() -> int:
        assert run_editio(project, "build", WORK, "--to", "epub", "-q") == 0
        return len(prepared)

    assert build() == 1
    with (package / "editio_tools" / "bench.py").open("a") as tool:
        tool.write("\n# edited\n")
    assert build() == 1  # the cached edition served
    with (package / "editio" / "markup.py").open("a") as runtime:
        runtime.write("\n# edited\n")
    assert build() == 2  # new runtime code, new edition


def test_an_edition_comes_back_from_the_cache_as_it_was_made():
    """Edition.to_json and from_json lose nothing: the cached edition equals the made one."""
    import json

    from editio.base.project import Project
    from editio.edition.work import Edition, prepare

    project = Project(Path(editio.__file__).parents[2])
    made = prepare(project, "bln600-3206211949")
    again = Edition.from_json(json.loads(json.dumps(made.to_json())), made.profile)
    assert again == made
    assert made.collation is not None and made.collation.readings and made.collation.witness_lines
    assert any(e.note for e in made.entries)


@pytest.mark.slow  # prepares the course reader, every work of it, twice
def test_a_volume_reparses_only_the_work_that_changed(project, monkeypatch):
    """Each work's WorkParts are cached on its own inputs: after a change in one work's
    text, preparing the volume again parses and collates that work only."""
    import editio.edition.cache
    from editio.base.project import Project
    from editio.edition.volume import prepare_volume

    made: list[str] = []
    real = editio.edition.cache.work_parts
    monkeypatch.setattr(editio.edition.cache, "work_parts",
                        lambda p, work: made.append(work) or real(p, work))
    root = Project(project)
    first = prepare_volume(root, "reader")
    assert sorted(made) == sorted(first.works)
    made.clear()
    text = project / "source" / WORK / "text.md"
    # one emendation's reading changed: the text still collates with the witness
    text.write_text(text.read_text(encoding="utf-8").replace(
        "[Robespierre]{", "[Robespierres]{", 1), encoding="utf-8")
    again = prepare_volume(root, "reader")
    assert made == [WORK]
    assert "Robespierres" in str(again.doc) and "Robespierres" not in str(first.doc)
    made.clear()
    prepare_volume(root, "reader")
    assert made == []


@pytest.mark.slow  # a build of the essay and the preparation of a volume of three works
def test_a_works_build_leaves_its_parts_for_the_volume(project, monkeypatch):
    """`make` rebuilding a work and the volume that binds it: the work's build parses and
    collates it, and the volume takes those WorkParts from dist/.cache, not parsing again."""
    import editio.edition.cache
    from editio.base.project import Project
    from editio.edition.volume import prepare_volume

    made: list[str] = []
    real = editio.edition.cache.work_parts
    monkeypatch.setattr(editio.edition.cache, "work_parts",
                        lambda p, work: made.append(work) or real(p, work))
    assert run_editio(project, "build", WORK, "--to", "jats", "-q") == 0
    assert made == [WORK]
    volume = prepare_volume(Project(project), "reader")
    assert WORK in volume.works and made.count(WORK) == 1
    assert sorted(made) == sorted(volume.works)  # the other works, made once each


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_the_parts_are_made_once_when_two_processes_ask_at_once(project):
    """The work's build and a volume's, started together by `make -j2`, both want the
    work's WorkParts: the second waits on the lock and reads what the first made."""
    import subprocess
    import sys
    import time

    from editio.base.project import Project

    root = Project(project)
    root.cache_dir.mkdir(parents=True, exist_ok=True)
    work = "bln600-3202982093"  # the smallest: what is tested is the lock
    code = ("import sys, editio.edition.cache as c\n"
            "from editio.base.project import Project\n"
            "made = []\n"
            "real = c.work_parts\n"
            "c.work_parts = lambda p, w: made.append(w) or real(p, w)\n"
            "from pathlib import Path\n"
            "c.load_or_make_parts(Project(Path(sys.argv[1])), sys.argv[2])\n"
            "print(len(made))\n")
    # hold the lock while both start, so both are waiting when it is let go
    with FileLock(root.cache_dir / f"{work}.parts.lock"):
        runs = [subprocess.Popen([sys.executable, "-c", code, str(project), work],
                                 stdout=subprocess.PIPE, text=True) for _ in range(2)]
        time.sleep(1.0)
        assert all(r.poll() is None for r in runs)  # both wait for the lock
    counts = sorted(int(r.communicate(timeout=120)[0]) for r in runs)
    assert counts == [0, 1]
