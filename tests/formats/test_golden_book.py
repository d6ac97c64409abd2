"""The golden book: a tiny work with every kind of markup (emendations of each kind, a deletion
and an insertion, a structural emendation, a page break inside a word whose foot holds a note
of two paragraphs, a column break, a table, a block quotation), built in every format in
seconds, each output compared with what it was when last reviewed.

The book is tests/golden/book/golden/ (text, witness, note); what each writer made of it is
tests/golden/book/expected/<format>.txt, the output made readable and stable: XML as written
(the build's date fixed by SOURCE_DATE_EPOCH), the EPUB's and DOCX's parts one after the other
(binary parts by size and digest), the PDF's pages as text with its tag tree.

To review a deliberate change: `make golden-update` (UPDATE_GOLDEN=1 for these tests and
tests/test_golden.py), then read `git diff tests/golden` before committing it.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pypdf
import pytest
from lxml import etree

from conftest import ROOT, run_editio

BOOK = Path(__file__).resolve().parents[1] / "golden" / "book"
WORK = "golden"
EPOCH = "946684800"  # 2000-01-01: every date the build writes
FORMATS = ("tei", "jats", "epub", "docx", "pdf", "collation")
SUFFIX = {"tei": "tei.xml", "jats": "jats.xml"}


def _copy(root: Path) -> Path:
    for folder in ("bib", "styles"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copytree(BOOK / WORK, root / "source" / WORK)
    return root


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copy(tmp_path_factory.mktemp("golden-book"))


@pytest.fixture
def project(shared: Path, tmp_path: Path) -> Path:
    """One copy of the book for every format (the edition is prepared once, by the first);
    under `make mutants` a copy for each (EDITIO_TEST_ALONE): mutmut runs only the tests it
    saw reach a function, and a format that found the edition prepared reached none."""
    return _copy(tmp_path) if os.environ.get("EDITIO_TEST_ALONE") else shared


def _built(root: Path, fmt: str) -> Path:
    """One format of the book, built by editio as `make` would (the prepared edition is
    cached in the project's dist/, so each format costs its writer only)."""
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        if fmt == "collation":
            assert run_editio(root, "collation", WORK) == 0
            return root / "dist" / f"{WORK}-collation.html"
        assert run_editio(root, "build", WORK, "--to", fmt, "-q") == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return root / "dist" / f"{WORK}.{SUFFIX.get(fmt, fmt)}"


def _xml(data: bytes) -> str:
    root = etree.fromstring(data)
    etree.indent(root, space=" ")
    return etree.tostring(root, encoding="unicode")


def _package(path: Path, shown: tuple[str, ...]) -> str:
    """A zip's parts in order: the readable ones in full, the others by size and digest."""
    out = []
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            data = z.read(info)
            out.append(f"=== {info.filename}")
            if info.filename.endswith(shown):
                out.append(_xml(data) if data.lstrip().startswith(b"<") else data.decode())
            else:
                out.append(f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}")
    return "\n".join(out)


def _tags(node, depth: int = 0) -> list[str]:
    lines = []
    kids = node.get("/K")
    if isinstance(node, pikepdf.Dictionary) and "/S" in node:
        lines.append("  " * depth + str(node.S)[1:])
        depth += 1
    if kids is None:
        return lines
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR":
            lines += _tags(kid, depth)
    return lines


def _pdf(path: Path) -> str:
    data = path.read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    out = []
    for number, page in enumerate(reader.pages, 1):
        box = page.mediabox
        out.append(f"=== page {number} ({float(box.width):.0f} x {float(box.height):.0f} pt)")
        out.append("\n".join(line.rstrip() for line in page.extract_text().splitlines()))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out.append("=== tags")
        out += _tags(pdf.Root.StructTreeRoot)
    return "\n".join(out)


def readable(fmt: str, path: Path) -> str:
    if fmt in ("tei", "jats", "collation"):
        return path.read_text(encoding="utf-8")
    if fmt == "epub":
        return _package(path, (".xhtml", ".opf", ".ncx", "container.xml", "mimetype"))
    if fmt == "docx":
        return _package(path, ("document.xml", "footnotes.xml", "comments.xml", "settings.xml",
                               "fontTable.xml", ".rels", "[Content_Types].xml"))
    return _pdf(path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_writer_makes_what_was_reviewed(project: Path, fmt: str) -> None:
    made = readable(fmt, _built(project, fmt)).rstrip("\n") + "\n"
    expected = BOOK / "expected" / f"{fmt}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(made, encoding="utf-8")
    assert made == expected.read_text(encoding="utf-8"), \
        f"{fmt} differs from {expected}: run `make golden-update` and read git diff tests/golden"
