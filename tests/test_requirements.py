"""requirements.txt and requirements-tools.txt pin every package pyproject.toml declares."""

from __future__ import annotations

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


def test_every_declared_package_is_pinned_and_make_installs_no_tooling():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    declared = {canonicalize_name(Requirement(r).name) for r in
                project["dependencies"] + extras["test"] + extras["tools"]}
    runtime, tools = pins("requirements.txt"), pins("requirements-tools.txt")
    assert not declared - runtime.keys() - tools.keys()
    assert not runtime.keys() & tools.keys()
    assert "numpy" in tools  # only train_suspects needs it: `make` does not install it
