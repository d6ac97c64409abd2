"""`make` in a copy of the project: a failed build leaves the last good outputs as they were,
and the processes of one run say each message once."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_editio

pytestmark = pytest.mark.slow  # each test builds works with make

SMALL = "bln600-3202982093"  # the smallest works: what is tested is make's handling
OTHER = "bln600-3206211949"
FORMATS = ("pdf", "epub", "docx", "tei.xml", "jats.xml")


def _with_make(dest: Path) -> Path:
    root = copy_project(dest)
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, root / name)  # keeps their times: .venv stays current
    (root / ".venv").symlink_to(ROOT / ".venv")
    return root


def _make(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(["make", "-o", ".venv/.installed", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)


def _outputs(root: Path, *works: str) -> dict[str, str]:
    return {f"{w}.{ext}": hashlib.sha256((root / "dist" / f"{w}.{ext}").read_bytes()).hexdigest()
            for w in works for ext in FORMATS}


@pytest.fixture(scope="module")
def built_with_make(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _with_make(tmp_path_factory.mktemp("make") / "project")
    done = _make(root, *(f"dist/{w}.pdf" for w in (SMALL, OTHER)))
    assert done.returncode == 0, done.stderr
    return root


def _break_profile(root: Path) -> None:
    profile = root / "styles" / "profiles" / "default.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "csl: chicago-notes-bibliography" in text
    profile.write_text(text.replace("csl: chicago-notes-bibliography",
                                    "csl: ../../../../../etc/passwd"), encoding="utf-8")


@pytest.mark.parametrize("jobs", ["-j1", "-j2"])
def test_a_failed_build_leaves_the_last_good_outputs(built_with_make: Path, tmp_path: Path,
                                                     jobs: str):
    root = tmp_path / "project"
    shutil.copytree(built_with_make, root, symlinks=True)
    before = _outputs(root, SMALL, OTHER)
    _break_profile(root)
    done = _make(root, jobs, "-k", *(f"dist/{w}.pdf" for w in (SMALL, OTHER)))
    assert done.returncode != 0
    assert "Deleting file" not in done.stderr, done.stderr
    assert _outputs(root, SMALL, OTHER) == before
    # the error of the profile both works use: said once, not by each build
    said = [line for line in done.stderr.splitlines() if line.startswith("editio: ")]
    assert len(said) == 1 and "default.yaml" in said[0], done.stderr
    assert run_editio(root, "build", SMALL, "-q") != 0  # and so does editio build
    assert _outputs(root, SMALL, OTHER) == before


def test_a_warning_two_builds_give_is_said_once(built_with_make: Path, tmp_path: Path):
    root = tmp_path / "project"
    shutil.copytree(built_with_make, root, symlinks=True)
    with open(root / "bib" / "references.bib", "a", encoding="utf-8") as bib:
        bib.write("\n@article{nojournal,\n  author = {A, B},\n  title = {T},\n"
                  "  year = {2000},\n}\n")
    for work in (SMALL, OTHER):  # both rebuilt, by two processes
        (root / "source" / work / "note.md").touch()
    done = _make(root, "-j2", *(f"dist/{w}.pdf" for w in (SMALL, OTHER)))
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("@article{nojournal} lacks the field journal") == 1, done.stderr
