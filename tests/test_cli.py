"""The command line: help examples stay true to README; errors never show tracebacks."""

from __future__ import annotations

import re
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
    import shlex

    for line in cli.EPILOG.split("\n\n")[0].splitlines()[1:]:
        words = shlex.split(re.sub(r"\s{2,}.*$", "", line.strip()))
        assert words[0] == "editio"
        cli.parser().parse_args(words[1:])


@pytest.mark.slow  # test-fast's budget: 0.6-1.6 s (a build, a work prepared)
def test_internal_error_has_no_traceback(project, monkeypatch, capsys):
    import editio.edition.cache

    def boom(*_args, **_kwargs):
        raise RuntimeError("simulated")

    monkeypatch.setattr(editio.edition.cache, "prepare", boom)
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


def _readme_commands() -> list[str]:
    """Every editio command line in README's code blocks (continuations joined)."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", readme, re.DOTALL):
        for line in re.sub(r"\s*\\\n\s*", " ", block).splitlines():
            line = line.strip()
            if line.startswith(("editio ", "./editio ")):
                commands.append(line)
    return commands


def test_every_readme_command_parses():
    import shlex

    commands = _readme_commands()
    assert any(c.startswith("./editio new") for c in commands) and len(commands) >= 10
    for command in commands:
        # a comment after the command, as the examples have, is not part of it
        words = shlex.split(re.sub(r"\s{2,}.*$", "", command) if "--help" not in command
                            else command)
        if "--help" in words:
            with pytest.raises(SystemExit) as done:
                cli.parser().parse_args(words[1:])
            assert done.value.code == 0, command
        else:
            cli.parser().parse_args(words[1:])


def test_every_subcommand_explains_its_options_with_an_example():
    import argparse

    top = cli.parser()
    commands = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        assert sub.description and "example" in (sub.epilog or ""), name
        for example in sub.epilog.split(":\n", 1)[1].splitlines():
            import shlex

            top.parse_args(shlex.split(example)[1:])  # each example is a valid command
        for action in sub._actions:
            assert action.help, f"editio {name}: {action.dest} has no description"


def test_a_reader_that_stops_reading_gets_no_error(project):
    """`editio collate W | head -1`: the closed pipe ends editio quietly, not as an internal
    error (the pipe's read end is closed before editio writes its first line)."""
    command = [sys.executable, "-c", "from editio.cli import run; run()",
               "--root", str(project), "collate", "bln600-3202982093"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()
    err = child.stderr.read().decode()
    assert child.wait() == 141
    assert "internal error" not in err and "Traceback" not in err and "Exception" not in err
