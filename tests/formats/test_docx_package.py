"""docx_package.py: the page from the page CSS, fonts obfuscated as OOXML requires."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from editio.base import pandoc
from editio.base.errors import ProjectError
from editio.formats.docx import package as docx_package

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize(("page", "size"), [("a5", (8391, 11906)), ("a4", (11906, 16838)),
                                            ("letter", (12240, 15840)), ("6x9", (8640, 12960))])
def test_the_page_is_the_pdfs(page, size):
    setup = docx_package.page_setup(ROOT / "styles/pdf" / f"page-{page}.css")
    assert (setup.width, setup.height) == size
    assert setup.mirrored and setup.right > setup.left  # the outer margin is the wider


@pytest.fixture(scope="module")
def plain_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pandoc's DOCX of one line, as the writer hands it to finish()."""
    path = tmp_path_factory.mktemp("docx") / "plain.docx"
    pandoc.run(["--from=markdown", "--to=docx", f"--output={path}"], "Some text.\n",
               what="making a test DOCX")
    return path


def test_the_finished_package_sets_each_margin_on_its_own_side(tmp_path: Path, plain_docx):
    """The A5 page's margins reach document.xml each on its own side: the outer (right, on
    a recto) is the wider, and Word mirrors them for the verso."""
    path = tmp_path / "page.docx"
    shutil.copy(plain_docx, path)
    setup = docx_package.page_setup(ROOT / "styles/pdf/page-a5.css")
    docx_package.finish(path, setup, "EB Garamond", [])
    with zipfile.ZipFile(path) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        settings = etree.fromstring(z.read("word/settings.xml"))
    margins = document.find(f".//{W}sectPr/{W}pgMar")
    assert {side: int(margins.get(f"{W}{side}")) for side in ("top", "right", "bottom", "left")} \
        == {"top": setup.top, "right": setup.right, "bottom": setup.bottom, "left": setup.left}
    size = document.find(f".//{W}sectPr/{W}pgSz")
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (8391, 11906)
    assert settings.find(f"{W}mirrorMargins") is not None


SECTION_ORDER = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type",
                 "pgSz", "pgMar", "cols", "titlePg"]  # CT_SectPr's sequence, in part


@pytest.mark.parametrize("before", [SECTION_ORDER, ["cols", "titlePg"],
                                    *([name, "cols"] for name in SECTION_ORDER[:5])])
def test_the_page_replaces_a_sections_own_in_the_schemas_order(tmp_path: Path, before,
                                                                plain_docx):
    """A reference document's section may already have a page and margins, and settings
    that must come before them (CT_SectPr is a sequence): the book's page replaces its own,
    after those and before the rest."""
    path = tmp_path / "section.docx"
    shutil.copy(plain_docx, path)
    with zipfile.ZipFile(path) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    document = etree.fromstring(parts["word/document.xml"])
    section = document.find(f".//{W}sectPr")
    for child in list(section):
        section.remove(child)
    for name in before:
        etree.SubElement(section, f"{W}{name}")
    parts["word/document.xml"] = etree.tostring(document)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    setup = docx_package.page_setup(ROOT / "styles/pdf/page-a5.css")
    docx_package.finish(path, setup, "EB Garamond", [])
    with zipfile.ZipFile(path) as z:
        section = etree.fromstring(z.read("word/document.xml")).find(f".//{W}sectPr")
    names = [etree.QName(child).localname for child in section]
    assert names == [n for n in SECTION_ORDER if n in before or n in ("pgSz", "pgMar")]
    assert section.find(f"{W}pgSz").get(f"{W}w") == str(setup.width)


def test_the_journal_reprint_is_on_letter():
    import yaml

    profile = yaml.safe_load((ROOT / "styles/profiles/journal-reprint.yaml").read_text())
    setup = docx_package.page_setup(ROOT / "styles/pdf" / f"page-{profile['page']}.css")
    assert (setup.width, setup.height) == (12240, 15840)


def test_a_page_css_without_size_is_a_project_error(tmp_path: Path):
    css = tmp_path / "page-x.css"
    css.write_text("@page { margin: 1in }", encoding="utf-8")
    with pytest.raises(ProjectError, match="no @page rule with size and margin"):
        docx_package.page_setup(css)


def test_obfuscation_xors_the_first_32_bytes_with_the_reversed_key():
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    font = bytes(range(40))
    hidden = docx_package.obfuscate(font, key)
    reversed_key = bytes.fromhex("00112233445566778899AABBCCDDEEFF")[::-1]
    assert hidden[0] == font[0] ^ 0xFF and hidden[15] == font[15] ^ 0x00
    assert hidden[16:32] == bytes(b ^ reversed_key[i] for i, b in enumerate(font[16:32]))
    assert hidden[32:] == font[32:]
    assert docx_package.obfuscate(hidden, key) == font


@pytest.mark.parametrize(("width", "height", "orient"),
                         [(16838, 11906, "landscape"), (11906, 11906, None), (8391, 11906, None)])
def test_a_page_wider_than_high_is_landscape(tmp_path: Path, width, height, orient,
                                             plain_docx):
    """Word turns the page by w:orient, not by its two lengths alone."""
    path = tmp_path / "turned.docx"
    shutil.copy(plain_docx, path)
    setup = docx_package.PageSetup(width, height, 1000, 1000, 1000, 1000, mirrored=False)
    docx_package.finish(path, setup, "EB Garamond", [])
    with zipfile.ZipFile(path) as z:
        size = etree.fromstring(z.read("word/document.xml")).find(f".//{W}sectPr/{W}pgSz")
    assert size.get(f"{W}orient") == orient
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == (str(width), str(height))
