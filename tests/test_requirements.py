"""requirements*.txt pin every package pyproject.toml declares; `make` installs no test or
tooling package."""

from __future__ import annotations

import subprocess
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT


def pins(name: str) -> dict[str, str]:
    found = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            package, sep, version = line.partition("==")
            assert sep and version.strip(), f"{name}: {line!r} is not pinned to one version"
            found[canonicalize_name(package)] = version.strip()
    return found


def declared(*groups: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for group in groups for r in group}


def test_every_declared_package_is_pinned_and_make_installs_no_test_or_tooling_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    runtime = pins("requirements.txt")
    test, tools = pins("requirements-test.txt"), pins("requirements-tools.txt")
    assert not declared(project["dependencies"]) - runtime.keys()
    assert not declared(extras["test"]) - runtime.keys() - test.keys()
    assert not declared(extras["tools"]) - runtime.keys() - test.keys() - tools.keys()
    # each package pinned once, in the one file that first needs it
    assert not runtime.keys() & test.keys() and not runtime.keys() & tools.keys()
    assert not test.keys() & tools.keys()
    assert {"pytest", "pytest-xdist", "hypothesis", "playwright", "ruff"} <= test.keys()
    # train_suspects and fit_ranking need it, and fit_ranking's test: `make` does not install it
    assert "numpy" in test and "numpy" not in runtime


def test_the_lint_settings_are_not_in_what_the_venv_is_installed_from():
    """The venv's stamp (and so every output in dist/) depends on pyproject.toml: a change to
    mypy's or ruff's settings must not reinstall the venv and rebuild the books."""
    database = subprocess.run(["make", "-pnq", ".venv/.installed"], cwd=ROOT,
                              capture_output=True, text=True, timeout=60).stdout
    rule = next(line for line in database.splitlines() if line.startswith(".venv/.installed:"))
    prerequisites = rule.partition(":")[2].split()
    assert "pyproject.toml" in prerequisites
    assert not {"mypy.ini", "ruff.toml"} & set(prerequisites)
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8")).get("tool", {})
    assert not {"mypy", "ruff"} & tool.keys()
    assert (ROOT / "mypy.ini").is_file() and (ROOT / "ruff.toml").is_file()
