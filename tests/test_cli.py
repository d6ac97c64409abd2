"""The command line: help examples stay true to README; errors never show tracebacks."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from conftest import ROOT, run_editio
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


def test_the_command_exits_with_mains_code(monkeypatch):
    """`editio` is cli.run, and its exit status is main's."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert scripts["project"]["scripts"]["editio"] == "editio.cli:run"
    monkeypatch.setattr(sys, "argv", ["editio", "build", "--to", "nothing"])
    with pytest.raises(SystemExit) as exit_:
        cli.run()
    assert exit_.value.code == 3  # a project error: unknown format
