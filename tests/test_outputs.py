"""Outputs are complete or absent, and the same inputs give the same bytes."""

from __future__ import annotations

import hashlib
import shutil

import pytest

import editio.docx
from conftest import WORK, copy_project, run_editio


def digests(root) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "dist").glob(f"{WORK}.*"))}


def test_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = copy_project(tmp_path / "a"), copy_project(tmp_path / "b")
    assert run_editio(first, "build", WORK, "-q") == 0
    assert run_editio(second, "build", WORK, "-q") == 0
    a, b = digests(first), digests(second)
    assert set(a) == {f"{WORK}.{f}" for f in ("pdf", "epub", "docx", "tei.xml", "jats.xml")}
    assert a == b


def test_an_interrupted_build_leaves_dist_as_it_was(built, tmp_path, monkeypatch):
    root = tmp_path / "p"
    shutil.copytree(built.root, root)
    before = digests(root)
    (root / "source" / WORK / "note.md").write_text("Changed.\n", encoding="utf-8")

    def interrupted(doc, to, output, *args, **kwargs):
        output.write_bytes(b"half a file")
        raise KeyboardInterrupt

    monkeypatch.setattr(editio.docx.pandoc, "write", interrupted)
    assert run_editio(root, "build", WORK, "--to", "docx") == 130
    assert digests(root) == before
    assert not [p for p in (root / "dist").iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("fmt", ["pdf", "epub", "docx", "tei", "jats"])
def test_failed_build_keeps_previous_output(built, tmp_path, fmt):
    root = tmp_path / "p"
    shutil.copytree(built.root, root)
    before = digests(root)
    bib = root / "bib" / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@book{broken,\n", encoding="utf-8")
    assert run_editio(root, "build", WORK, "--to", fmt) == 6
    assert digests(root) == before
