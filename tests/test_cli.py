"""The command line: help examples stay true to README; errors never show tracebacks."""

from __future__ import annotations

import gc
import subprocess
import sys
import tomllib

import pytest

from conftest import ROOT, copy_project, run_editio
from editio import cli


def test_readme_shows_the_help_examples():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = cli.EPILOG.split("\n\n")[0]
    assert examples in readme


def test_help_examples_parse():
    """Each example is a command line the parser accepts (the comment after it dropped)."""
    for line in cli.EPILOG.split("\n\n")[0].splitlines()[1:]:
        command = line.strip().split("   ")[0]
        words = command.split()
        words = words[: words.index("pdf") + 1] if "pdf" in words else words
        assert words[0] == "editio"
        cli.parser().parse_args(words[1:])


def test_internal_error_has_no_traceback(project, monkeypatch, capsys):
    import editio.cache

    def boom(*args, **kwargs):
        raise RuntimeError("simulated")

    monkeypatch.setattr(editio.cache, "prepare", boom)
    assert run_editio(project, "build", "deutscher-1957") == 70
    err = capsys.readouterr().err
    assert "internal error" in err and "Traceback" not in err


def test_editio_is_installed_as_a_command():
    out = subprocess.run([sys.executable, "-m", "editio.cli", "--help"], capture_output=True,
                         text=True, check=True).stdout
    assert "examples:" in out and "editio build" in out


def test_the_command_exits_without_collecting_the_heap_again(monkeypatch):
    """`editio` is cli.run: main's exit code, after freezing the heap so that Python's
    shutdown does not walk every object of the build once more."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert scripts["project"]["scripts"]["editio"] == "editio.cli:run"
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(sys, "argv", ["editio", "build", "--to", "nothing"])
    with pytest.raises(SystemExit) as exit_:
        cli.run()
    assert exit_.value.code == 3 and frozen == [True]  # a project error: unknown format


LLOYDS, DAILY_NEWS = "bln600-3206211949", "bln600-3202982093"


def _outputs(root) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "dist").glob("bln600-*.*"))}


def test_works_built_together_are_the_works_built_alone(tmp_path, monkeypatch):
    """One process prepares the next work while it typesets this one's PDF: the outputs are
    byte for byte those of one process per work."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    collections = []
    monkeypatch.setattr(gc, "collect", lambda *a: collections.append(gc.isenabled()) or 0)
    together, alone = copy_project(tmp_path / "together"), copy_project(tmp_path / "alone")
    assert run_editio(together, "build", LLOYDS, DAILY_NEWS, "-q") == 0
    # the cyclic collector is off while works are built, and runs once between them
    assert collections == [False] and gc.isenabled()
    for work in (LLOYDS, DAILY_NEWS):
        assert run_editio(alone, "build", work, "-q") == 0
    assert collections == [False] and gc.isenabled()
    built = _outputs(together)
    assert sorted(built) == sorted(f"{w}.{f}" for w in (LLOYDS, DAILY_NEWS)
                                   for f in ("pdf", "epub", "docx"))
    assert built == _outputs(alone)


def test_a_failing_work_stops_the_build_after_the_one_before(project, capsys):
    note = project / "source" / DAILY_NEWS / "note.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nAs [@nosuchkey] says.\n",
                    encoding="utf-8")
    assert run_editio(project, "build", LLOYDS, DAILY_NEWS, "-q") == 7
    assert sorted(_outputs(project)) == [f"{LLOYDS}.{f}" for f in ("docx", "epub", "pdf")]
    err = capsys.readouterr().err
    assert "nosuchkey" in err and "note.md" in err and "Traceback" not in err
