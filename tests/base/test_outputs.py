"""Outputs are complete or absent, and the same inputs give the same bytes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import editio.formats.docx.writer
import editio.formats.epub.writer
from conftest import WORK, copy_project, run_editio
from editio.base.errors import ToolError


def digests(root) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "dist").glob(f"{WORK}.*"))}


def test_builds_are_byte_identical(built, tmp_path):
    """The session's build against a second one, in another copy (the files' times, which
    date the edition outside git, copied with them), made after whatever ran in between."""
    second = copy_project(tmp_path / "b")
    assert run_editio(second, "build", WORK, "-q") == 0
    a, b = digests(built.root), digests(second)
    assert set(a) == {f"{WORK}.{f}" for f in ("pdf", "epub", "docx", "tei.xml", "jats.xml")}
    assert a == b


def test_an_interrupted_build_leaves_dist_as_it_was(built, tmp_path, monkeypatch):
    root = tmp_path / "p"
    shutil.copytree(built.root, root)
    before = digests(root)
    (root / "source" / WORK / "note.md").write_text("Changed.\n", encoding="utf-8")

    def interrupted(_doc, _to, output, *_args, **_kwargs):
        output.write_bytes(b"half a file")
        raise KeyboardInterrupt

    monkeypatch.setattr(editio.formats.docx.writer.pandoc, "write", interrupted)
    assert run_editio(root, "build", WORK, "--to", "docx") == 130
    assert digests(root) == before
    assert not [p for p in (root / "dist").iterdir() if p.name.endswith(".part")]


def _fail_midway(output: Path) -> None:
    """What a writer does when its tool dies half-way: part of a file, then an error."""
    Path(output).write_bytes(b"half a file")
    raise ToolError("the tool failed half-way")


@pytest.mark.parametrize("fmt", ["pdf", "epub", "docx", "tei", "jats"])
def test_failed_build_keeps_previous_output(built, tmp_path, monkeypatch, fmt):
    """Each writer fails after it has begun its file: dist/ keeps the previous output."""
    root = tmp_path / "p"
    shutil.copytree(built.root, root)
    before = digests(root)
    (root / "source" / WORK / "note.md").write_text("Changed.\n", encoding="utf-8")
    if fmt == "pdf":
        from weasyprint.document import Document

        monkeypatch.setattr(Document, "write_pdf",
                            lambda _self, target=None, **_kw: _fail_midway(target))
    elif fmt in ("epub", "docx"):
        module = editio.formats.epub.writer if fmt == "epub" else editio.formats.docx.writer
        monkeypatch.setattr(module.pandoc, "write",
                            lambda _doc, _to, output, *_a, **_kw: _fail_midway(output))
    else:  # the XML writers write their bytes themselves
        write_bytes = Path.write_bytes

        def half(path: Path, data: bytes) -> int:
            write_bytes(path, data[: len(data) // 2])
            raise ToolError("the disk filled half-way")

        monkeypatch.setattr(Path, "write_bytes", half)
    assert run_editio(root, "build", WORK, "--to", fmt) == 11
    assert digests(root) == before
    assert not [p for p in (root / "dist").iterdir() if p.name.endswith(".part")]


def test_a_work_whose_pdf_fails_keeps_every_format_of_its_last_build(built, tmp_path,
                                                                     monkeypatch):
    """The EPUB, DOCX, TEI and JATS are written beside the PDF; when the PDF fails, they are
    not moved into dist/ either: the work's outputs stay one build's, the last good one."""
    from weasyprint.document import Document

    root = tmp_path / "p"
    shutil.copytree(built.root, root)
    before = digests(root)
    (root / "source" / WORK / "note.md").write_text("Changed.\n", encoding="utf-8")
    monkeypatch.setattr(Document, "write_pdf",
                        lambda _self, target=None, **_kw: _fail_midway(target))
    assert run_editio(root, "build", WORK) == 11
    assert digests(root) == before
    assert not [p for p in (root / "dist").iterdir() if p.name.endswith(".part")]
