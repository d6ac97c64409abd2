"""docx_package.py: the page from the page CSS, fonts obfuscated as OOXML requires."""

from __future__ import annotations

import hashlib
import re
import shutil
import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from editio.base import pandoc
from editio.base.errors import ProjectError
from editio.formats.docx import package as docx_package
from editio.formats.fonts import FontFace

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
    with pytest.raises(ProjectError, match="no @page rule with size and margin") as error:
        docx_package.page_setup(css)
    assert error.value.path == css


@pytest.mark.parametrize("selector", [":left", ":LEFT", ":Right"])
def test_a_left_or_right_page_rule_in_any_case_mirrors_the_margins(tmp_path: Path, selector):
    """CSS page selectors are case-insensitive: @page :LEFT is the verso's rule."""
    css = tmp_path / "page-x.css"
    css.write_text(f"@page {{ size: 148mm 210mm; margin: 1in }}\n"
                   f"@page {selector} {{ margin: 2in }}", encoding="utf-8")
    setup = docx_package.page_setup(css)
    assert setup.mirrored and setup.left == 1440


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


# The finishing stage's other steps, each checked on a small package: the tables, the
# content types, the embedded faces, the settings, the theme and the dates. Each test runs
# finish() (or the step) itself, so make mutants selects it for the step's mutants.

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DC = "{http://purl.org/dc/terms/}"
DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
A5 = docx_package.PageSetup(8391, 11906, 1000, 1400, 1200, 900, mirrored=True)


@pytest.fixture(scope="module")
def table_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pandoc's DOCX of a paragraph and a table of two columns, wider than an A5 text."""
    path = tmp_path_factory.mktemp("docx") / "table.docx"
    pandoc.run(["--from=markdown", "--to=docx", f"--output={path}"],
               "Some text.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", what="making a test DOCX")
    return path


def _faces(tmp_path: Path) -> dict[str, FontFace]:
    """Three faces, each a file of its own bytes: regular, bold and italic (no bold
    italic: the nearest italic stands in)."""
    faces = {}
    for name, style, weight in (("regular", "normal", "400"), ("bold", "normal", "700 800"),
                                ("italic", "italic", "400")):
        path = tmp_path / f"{name}.ttf"
        path.write_bytes(name.encode() * 20)
        faces[name] = FontFace("Book Face", path, style, weight)
    return faces


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def _finished(tmp_path: Path, source: Path, **kwargs) -> dict[str, bytes]:
    path = tmp_path / "finished.docx"
    shutil.copy(source, path)
    faces = list(_faces(tmp_path).values())
    docx_package.finish(path, A5, "Book Face", faces, **kwargs)
    return _parts(path)


def test_a_tables_width_and_columns_are_fitted_to_the_text_block(tmp_path: Path, table_docx):
    """pandoc's table is wider than the A5 text block: the table is made as wide as the
    text block, and its columns shrink in their proportions."""
    before = etree.fromstring(_parts(table_docx)["word/document.xml"])
    cols = [int(c.get(f"{W}w")) for c in before.iter(f"{W}gridCol")]
    measure = A5.width - A5.left - A5.right
    assert len(cols) == 2 and sum(cols) > measure
    document = etree.fromstring(_finished(tmp_path, table_docx)["word/document.xml"])
    width = document.find(f".//{W}tbl/{W}tblPr/{W}tblW")
    assert (width.get(f"{W}type"), width.get(f"{W}w")) == ("dxa", str(measure))
    assert [int(c.get(f"{W}w")) for c in document.iter(f"{W}gridCol")] \
        == [w * measure // sum(cols) for w in cols]


def test_a_table_that_fits_keeps_its_columns_and_a_table_without_properties_is_left():
    """Columns that fit stay as they are; a column without a width counts as none; a
    table without tblPr gets no width, and a grid too wide is shrunk all the same."""
    def table(props: str, cols: list[str]) -> str:
        grid = "".join(f'<w:gridCol w:w="{w}"/>' if w else "<w:gridCol/>" for w in cols)
        return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid></w:tbl>"
    page = docx_package.PageSetup(10000, 14000, 1000, 1000, 1000, 1000, mirrored=False)
    body = (table('<w:tblPr><w:tblW w:type="pct" w:w="5000"/></w:tblPr>', ["3000", "5000"])
            + table("<w:tblPr/>", ["", "4000", "4000"])
            + table("", ["6000", "6000"]) + table("", ["4000", "4000"]))
    xml = f'<w:document xmlns:w="{W[1:-1]}"><w:body>{body}</w:body></w:document>'
    out = docx_package.fit_tables(xml.encode(), page)
    assert out.startswith(DECLARATION)
    tables = etree.fromstring(out).findall(f".//{W}tbl")
    assert [[c.get(f"{W}w") for c in t.iter(f"{W}gridCol")] for t in tables] == \
        [["3000", "5000"], [None, "4000", "4000"], ["4000", "4000"], ["4000", "4000"]]
    width = tables[0].find(f"{W}tblPr/{W}tblW")
    assert (width.get(f"{W}type"), width.get(f"{W}w")) == ("dxa", "8000")
    assert tables[1].find(f"{W}tblPr/{W}tblW") is None
    assert tables[2].find(f"{W}tblPr") is None


def test_every_part_has_its_content_type(tmp_path: Path, table_docx):
    """Each part of the finished package is named in [Content_Types].xml, by its own name or
    its extension; the embedded faces as obfuscated fonts, declared once."""
    parts = _finished(tmp_path, table_docx)
    types = etree.fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(f"{TYPES}Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{TYPES}Override")}
    for name in parts:
        if name != "[Content_Types].xml":
            assert f"/{name}" in overrides or name.rsplit(".", 1)[-1] in defaults, name
    assert defaults["odttf"] == "application/vnd.openxmlformats-officedocument.obfuscatedFont"
    assert [name for name in parts if name.endswith(".odttf")] \
        == ["word/fonts/font1.odttf", "word/fonts/font2.odttf", "word/fonts/font3.odttf",
            "word/fonts/font4.odttf"]
    again = docx_package._content_types(parts["[Content_Types].xml"])  # noqa: SLF001
    assert again.startswith(DECLARATION)
    assert len([d for d in etree.fromstring(again).iter(f"{TYPES}Default")
                if d.get("Extension") == "odttf"]) == 1


def test_each_face_is_embedded_obfuscated_and_named_in_the_font_table(tmp_path: Path,
                                                                      table_docx):
    """The font table names the book's family once, with one embedding for each of the
    four styles: each through a relationship of its own to its file, which its fontKey
    turns back into the face's bytes; the bold italic is the italic, the nearest."""
    faces = _faces(tmp_path)
    parts = _finished(tmp_path, table_docx)
    table = etree.fromstring(parts["word/fontTable.xml"])
    fonts = [f for f in table.iter(f"{W}font") if f.get(f"{W}name") == "Book Face"]
    assert len(fonts) == 1
    rels = etree.fromstring(parts["word/_rels/fontTable.xml.rels"])
    assert rels.tag == f"{RELS}Relationships"
    by_id = {r.get("Id"): r for r in rels.iter(f"{RELS}Relationship")}
    embedded = {}
    for element in fonts[0]:
        rel = by_id[element.get(R_ID)]
        assert rel.get("Type") == docx_package.FONT_REL
        key = element.get(f"{W}fontKey")
        assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", key)
        hidden = parts["word/" + rel.get("Target")]
        embedded[etree.QName(element).localname] = docx_package.obfuscate(hidden, key)
        assert hidden != embedded[etree.QName(element).localname]
    assert embedded == {"embedRegular": faces["regular"].path.read_bytes(),
                        "embedBold": faces["bold"].path.read_bytes(),
                        "embedItalic": faces["italic"].path.read_bytes(),
                        "embedBoldItalic": faces["italic"].path.read_bytes()}
    assert len({r.get("Target") for r in by_id.values()}) == len(by_id) == 4
    assert parts["word/fontTable.xml"].startswith(DECLARATION)
    assert parts["word/_rels/fontTable.xml.rels"].startswith(DECLARATION)


def test_a_named_family_and_its_relationships_are_kept(tmp_path: Path):
    """A font table that names the family already gets the embeddings in that entry; the
    relationships already there stay beside the new ones; the key is the face's own; a
    style with no face of its own (italic) is not embedded."""
    face = _faces(tmp_path)["regular"]
    table = (f'<w:fonts xmlns:w="{W[1:-1]}"><w:font w:name="Other"/>'
             '<w:font w:name="Book Face"><w:family w:val="roman"/></w:font></w:fonts>')
    rels = (f'<Relationships xmlns="{RELS[1:-1]}"><Relationship Id="rId1" Type="t" '
            'Target="x"/></Relationships>')
    out, out_rels, files = docx_package._embed_fonts(table.encode(), rels.encode(),  # noqa: SLF001
                                                      "Book Face", [face])
    fonts = etree.fromstring(out).findall(f"{W}font")
    assert [f.get(f"{W}name") for f in fonts] == ["Other", "Book Face"]
    assert len(fonts[0]) == 0
    assert [etree.QName(e).localname for e in fonts[1]] == \
        ["family", "embedRegular", "embedBold"]  # no italic face: no italic embedded
    assert [r.get("Id") for r in etree.fromstring(out_rels)] == \
        ["rId1", "rIdEditioFont1", "rIdEditioFont2"]
    key = fonts[1][1].get(f"{W}fontKey")
    digest = hashlib.sha256(face.path.read_bytes()).digest()[:16]
    assert key == "{" + str(uuid.UUID(bytes=digest)).upper() + "}"
    assert sorted(files) == ["word/fonts/font1.odttf", "word/fonts/font2.odttf"]
    _, _, none = docx_package._embed_fonts(table.encode(), None, "Book Face", [])  # noqa: SLF001
    assert none == {}


@pytest.mark.parametrize("mirrored", [True, False])
def test_settings_embed_fonts_and_mirror_margins_in_the_schemas_order(mirrored):
    """embedTrueTypeFonts (and mirrorMargins for a mirrored page) go where CT_Settings puts
    them among what is there, once."""
    def settings(names: list[str]) -> bytes:
        inner = "".join(f"<w:{n}/>" for n in names)
        return f'<w:settings xmlns:w="{W[1:-1]}">{inner}</w:settings>'.encode()

    def names(xml: bytes) -> list[str]:
        return [etree.QName(c).localname for c in etree.fromstring(xml)]
    out = docx_package._set_settings(  # noqa: SLF001
        settings(["writeProtection", "zoom", "embedSystemFonts", "saveFormsData",
                  "defaultTabStop"]), mirrored)
    assert out.startswith(DECLARATION)
    assert names(out) == ["writeProtection", "zoom", "embedTrueTypeFonts", "embedSystemFonts",
                          "saveFormsData", *(["mirrorMargins"] if mirrored else []),
                          "defaultTabStop"]
    assert names(docx_package._set_settings(settings(["defaultTabStop"]), mirrored)) == \
        ["embedTrueTypeFonts", *(["mirrorMargins"] if mirrored else []), "defaultTabStop"]  # noqa: SLF001
    assert names(docx_package._set_settings(out, mirrored)) == names(out)  # noqa: SLF001
    assert names(docx_package._set_settings(  # noqa: SLF001
        settings(["mirrorMargins", "embedTrueTypeFonts"]), mirrored)) == \
        ["mirrorMargins", "embedTrueTypeFonts"]


def test_the_themes_heading_and_body_faces_are_the_books(tmp_path: Path, table_docx):
    """pandoc's theme names its own faces for headings and body; they become the book's,
    without the other face's panose; the other scripts' faces stay."""
    parts = _finished(tmp_path, table_docx)
    themes = [n for n in parts if n.startswith("word/theme/") and n.endswith(".xml")]
    assert themes
    for name in themes:
        assert parts[name].startswith(DECLARATION)
        theme = etree.fromstring(parts[name])
        latin = [(etree.QName(el.getparent()).localname, el.get("typeface"), el.get("panose"))
                 for el in theme.iter(f"{A}latin")]
        assert ("majorFont", "Book Face", None) in latin
        assert ("minorFont", "Book Face", None) in latin
    xml = (f'<a:theme xmlns:a="{A[1:-1]}"><a:majorFont><a:latin typeface="Aptos" '
           'panose="020B0004020202020204"/><a:ea typeface="X"/></a:majorFont>'
           '<a:minorFont><a:latin typeface="Aptos"/></a:minorFont>'
           '<a:other><a:latin typeface="Keep" panose="01"/></a:other></a:theme>')
    theme = etree.fromstring(docx_package._set_theme_fonts(xml.encode(), "Book Face"))  # noqa: SLF001
    assert [(el.get("typeface"), el.get("panose")) for el in theme.iter(f"{A}latin")] == \
        [("Book Face", None), ("Book Face", None), ("Keep", "01")]
    assert theme.find(f"{A}majorFont/{A}ea").get("typeface") == "X"


def test_the_core_dates_are_the_editions_epoch(tmp_path: Path, table_docx):
    """created and modified are the epoch's moment, in W3CDTF; without an epoch pandoc's
    are left; a core without them gets both."""
    plain = _finished(tmp_path, table_docx)["docProps/core.xml"]
    assert plain == _parts(table_docx)["docProps/core.xml"]
    core = etree.fromstring(_finished(tmp_path, table_docx, epoch=1700000000)["docProps/core.xml"])
    assert [core.find(f"{DC}{n}").text for n in ("created", "modified")] == \
        ["2023-11-14T22:13:20Z"] * 2
    bare = (b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            b'metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/"/>')
    out = docx_package.set_dates(bare, 0)
    assert out.startswith(DECLARATION)
    dated = etree.fromstring(out)
    for name in ("created", "modified"):
        el = dated.find(f"{DC}{name}")
        assert el.text == "1970-01-01T00:00:00Z"
        assert el.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "dcterms:W3CDTF"


def test_finish_keeps_the_parts_order_and_zips_the_same_package_each_time(tmp_path: Path,
                                                                         table_docx):
    """The parts stay in pandoc's order, the new ones after; `edit` changes parts in the
    same pass; every entry is deflated and dated 1980, so two runs give the same bytes."""
    seen: list[str] = []

    def edit(parts: dict[str, bytes]) -> None:
        seen.extend(parts)
        parts["word/extra.xml"] = b"<x/>"
        parts["word/styles.xml"] = b"<styles/>"
    first = tmp_path / "first.docx"
    second = tmp_path / "second.docx"
    faces = list(_faces(tmp_path).values())
    for path in (first, second):
        shutil.copy(table_docx, path)
        docx_package.finish(path, A5, "Book Face", faces, edit, epoch=1700000000)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(table_docx) as z:
        original = z.namelist()
    with zipfile.ZipFile(first) as z:
        infos = z.infolist()
        assert z.read("word/styles.xml") == b"<styles/>"
    names = [i.filename for i in infos]
    assert names[:len(original)] == original
    assert names[len(original):] == ["word/_rels/fontTable.xml.rels"] + \
        [f"word/fonts/font{n}.odttf" for n in range(1, 5)] + ["word/extra.xml"]
    assert "word/fonts/font1.odttf" in seen and "word/_rels/fontTable.xml.rels" in seen
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)


def test_content_types_without_obfuscated_fonts_get_them_first():
    """pandoc's own content types declare .odttf already; a reference document's may not:
    the default is added, before the overrides, as an extension's default is written."""
    types = (f'<Types xmlns="{TYPES[1:-1]}"><Default Extension="xml" '
             'ContentType="application/xml"/><Override PartName="/word/document.xml" '
             'ContentType="d"/></Types>')
    root = etree.fromstring(docx_package._content_types(types.encode()))  # noqa: SLF001
    assert [(etree.QName(c).localname, dict(c.attrib)) for c in root] == [
        ("Default", {"Extension": "odttf", "ContentType": docx_package.ODTTF}),
        ("Default", {"Extension": "xml", "ContentType": "application/xml"}),
        ("Override", {"PartName": "/word/document.xml", "ContentType": "d"})]


def test_each_setting_before_embedtruetypefonts_in_the_schema_stays_before_it():
    """Every element CT_Settings puts before embedTrueTypeFonts is found as such, alone
    before another setting; and mirrorMargins is added where embedTrueTypeFonts is
    there already."""
    before = ["writeProtection", "view", "zoom", "removePersonalInformation",
              "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
              "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData"]
    after = ["embedSystemFonts", "saveSubsetFonts", "saveFormsData"]
    for name in before + after:
        xml = f'<w:settings xmlns:w="{W[1:-1]}"><w:{name}/><w:defaultTabStop/></w:settings>'
        out = docx_package._set_settings(xml.encode(), mirrored=False)  # noqa: SLF001
        names = [etree.QName(c).localname for c in etree.fromstring(out)]
        expected = [name, "embedTrueTypeFonts"] if name in before else \
            ["embedTrueTypeFonts", name]
        assert names == [*expected, "defaultTabStop"], name
        if name in after:  # and before mirrorMargins
            out = docx_package._set_settings(xml.encode(), mirrored=True)  # noqa: SLF001
            assert [etree.QName(c).localname for c in etree.fromstring(out)] == \
                ["embedTrueTypeFonts", name, "mirrorMargins", "defaultTabStop"], name
    xml = f'<w:settings xmlns:w="{W[1:-1]}"><w:embedTrueTypeFonts/></w:settings>'
    out = docx_package._set_settings(xml.encode(), mirrored=True)  # noqa: SLF001
    assert [etree.QName(c).localname for c in etree.fromstring(out)] == \
        ["embedTrueTypeFonts", "mirrorMargins"]


def test_new_font_relationships_are_written_in_the_default_namespace(tmp_path: Path):
    """A font table with no relationships yet gets a part of its own, written as Word and
    pandoc write relationships: the package namespace as the default, no prefix."""
    table = f'<w:fonts xmlns:w="{W[1:-1]}"/>'
    _, rels, _ = docx_package._embed_fonts(  # noqa: SLF001
        table.encode(), None, "Book Face", [_faces(tmp_path)["regular"]])
    root = etree.fromstring(rels)
    assert root.tag == f"{RELS}Relationships" and root.prefix is None


def test_a_page_css_is_read_with_css_shorthands_and_zero_and_refused_with_its_file(tmp_path):
    """Three margins put the left as the right; a bare 0 is a length; :left alone mirrors
    the page; a length the DOCX cannot use is refused, naming the file, in the size too."""
    css = tmp_path / "page-x.css"
    css.write_text("/* a page */ @page :left { margin: 1in }\n"
                   "@page { size: 100mm 7in; margin: 0 1in 2in /* c */ }", encoding="utf-8")
    assert docx_package.page_setup(css) == docx_package.PageSetup(
        round(100 * 1440 / 25.4), 10080, 0, 1440, 2880, 1440, mirrored=True)
    css.write_text("@page { size: a5; margin: 1in 2in }", encoding="utf-8")
    assert docx_package.page_setup(css).mirrored is False
    for rule in ("size: 10em 7in; margin: 1in", "size: a5; margin: 1in 5%", "size: a5; margin: 3"):
        css.write_text(f"@page {{ {rule} }}", encoding="utf-8")
        with pytest.raises(ProjectError, match="is not a length the DOCX can use") as error:
            docx_package.page_setup(css)
        assert error.value.path == css


def test_the_page_and_its_margins_are_written_once_whole(tmp_path: Path, plain_docx):
    """One section, one page size and one set of margins, with the header and footer
    half the top and bottom margins (whole twips) and no gutter."""
    path = tmp_path / "odd.docx"
    shutil.copy(plain_docx, path)
    setup = docx_package.PageSetup(8391, 11906, 1001, 1400, 1203, 900, mirrored=False)
    docx_package.finish(path, setup, "EB Garamond", [])
    xml = _parts(path)["word/document.xml"]
    assert xml.startswith(DECLARATION)
    document = etree.fromstring(xml)
    assert len(list(document.iter(f"{W}pgSz"))) == len(list(document.iter(f"{W}pgMar"))) == 1
    margins = document.find(f".//{W}sectPr/{W}pgMar")
    assert {etree.QName(k).localname: v for k, v in margins.attrib.items()} == {
        "top": "1001", "right": "1400", "bottom": "1203", "left": "900", "header": "500",
        "footer": "601", "gutter": "0"}
