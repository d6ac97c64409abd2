"""TEI P5: valid against tei_all, and a faithful encoding of the edition and its witness.

The round trip is the proof: the reading text taken from the TEI (every corr) is the
edition's, and the text taken from it as the witness reads (every sic, every page break
hyphenated where it fell in a word, every note where the witness prints it) passes the
same collation against the witness that text.md passes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

import editio.formats.tei
from conftest import WORK, run_editio
from editio.base.pandoc_ast import (
    Node,
    Space,
    Span,
    Str,
    attr,
    children,
    iter_nodes,
    stringify,
)
from editio.base.project import Project
from editio.edition.cache import load_or_prepare
from editio.formats.xml_parts import regions
from editio.intake.markup import Markup, PageBreak
from editio.intake.source import load_work
from editio.judges import schemas
from editio.proof.collate import differences, rebuild_witness, witness_tokens

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
WORKS = ("deutscher-1957", "bln600-3206211949", "bln600-3202982093")


def tei_of(root: Path, name: str) -> etree._Element:
    return schemas.parse(root / "dist" / f"{name}.tei.xml").getroot()


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


# -- validity ---------------------------------------------------------------------------


@pytest.mark.slow  # lxml compiles tei_all once per session: about 15 s of CPU
@pytest.mark.parametrize("name", [*WORKS, "reader"])
def test_every_tei_file_is_valid_against_tei_all(xml_built, name):
    path = xml_built / "dist" / f"{name}.tei.xml"
    schemas.check_tei(schemas.parse(path), path)


def _broken(root: etree._Element) -> etree._Element:
    """The real writer's tree, with an element TEI does not have inside the text."""
    body = root.find(".//tei:body", NS)
    etree.SubElement(body.find("tei:p", NS), f"{{{NS['tei']}}}emendation")
    return root


@pytest.mark.slow
def test_an_invalid_tei_fails_the_build_and_leaves_no_file(project, monkeypatch, capsys):
    real_tei_tree = editio.formats.tei.tei_tree
    monkeypatch.setattr(editio.formats.tei, "tei_tree",
                        lambda edition: _broken(real_tei_tree(edition)))
    assert run_editio(project, "build", WORK, "--to", "tei") == 13
    err = capsys.readouterr().err
    assert "invalid output" in err and f"{WORK}.tei.xml" in err and "emendation" in err
    assert not list((project / "dist").glob("*.tei.xml*"))
    assert not list((project / "dist").glob(".*.part"))


@pytest.mark.slow
def test_both_judges_reject_the_broken_tree_and_accept_the_real_one(xml_built, tmp_path):
    """Jing (the build's check) and lxml (check and tests) agree, on good and bad."""
    project = Project(xml_built)
    edition = load_or_prepare(project, WORK)
    good = editio.formats.tei.tei_tree(edition)
    bad = _broken(editio.formats.tei.tei_tree(edition))
    for name, tree, valid in (("good", good, True), ("bad", bad, False)):
        path = tmp_path / f"{name}.tei.xml"
        path.write_bytes(etree.tostring(tree))
        for check in (lambda p: schemas.check_tei(schemas.parse(p), p),
                      lambda p: schemas.check_tei_file(p, p)):
            if valid:
                check(path)
            else:
                with pytest.raises(schemas.SchemaError, match="emendation"):
                    check(path)


def test_check_judges_the_built_tei_as_the_build_does(xml_built, project, capsys):
    """`editio check` passes the built TEI, and fails a broken one with its file and the
    element's line, through Jing as the build does (lxml where there is no Java)."""
    small = WORKS[-1]  # the quickest to judge; the essay's first paragraph, to break
    assert run_editio(xml_built, "check", small, "--only", "tei") == 0
    assert f"tei: {small} ok (valid against TEI P5 " in capsys.readouterr().out
    broken = _broken(schemas.parse(xml_built / "dist" / f"{WORK}.tei.xml").getroot())
    (project / "dist").mkdir()
    (project / "dist" / f"{WORK}.tei.xml").write_bytes(etree.tostring(broken))
    assert run_editio(project, "check", WORK, "--only", "tei") != 0
    captured = capsys.readouterr()
    assert f"tei: {WORK} FAILED" in captured.out
    assert re.search(rf"{WORK}\.tei\.xml:\d+: ", captured.err), captured.err
    assert "emendation" in captured.err
    assert "tei_all.rng (Jing)" in captured.err


# -- what the TEI holds ----------------------------------------------------------------


def test_the_essay_encodes_every_emendation_page_and_note(xml_built):
    root = tei_of(xml_built, WORK)
    edition = load_or_prepare(Project(xml_built), WORK)
    choices = root.findall(".//tei:body//tei:choice", NS)
    assert len(choices) == len(edition.entries) > 30
    for choice, entry in zip(choices, edition.entries, strict=True):
        e = entry.emendation
        corr = choice.find("tei:corr", NS)
        assert corr.get("type") == e.kind and corr.get("cert") == e.certainty
        assert corr.get("resp") == "#editors"
        assert "".join(corr.itertext()) == e.lemma
    pages = [pb for pb in edition.page_breaks if pb.page]
    pbs = root.findall(".//tei:body//tei:pb", NS)
    assert [pb.get("n") for pb in pbs] == [pb.page for pb in pages]
    assert {pb.get("ed") for pb in pbs} == {"W"}
    assert len(root.findall(".//tei:body//tei:cb", NS)) == len(edition.page_breaks) - len(pages)
    notes = root.findall(".//tei:body//tei:note[@place='foot'][@n]", NS)
    assert [n.get("n") for n in notes] == ["1", "2", "3"]
    textual = root.findall(".//tei:body//tei:note[@type='textual']", NS)
    assert len(textual) == sum(1 for e in edition.entries if e.emendation.note)
    numbers = [p.get("n") for p in root.findall(".//tei:body//tei:p[@n]", NS)]
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)] and len(numbers) > 50


def test_a_textual_note_sets_its_markdown_as_type(xml_built):
    """note= is inline Markdown in every format (README): italics as hi, typographic quotes."""
    root = tei_of(xml_built, WORK)
    edition = load_or_prepare(Project(xml_built), WORK)
    noted = [e for e in edition.entries if e.emendation.note]
    textual = root.findall(".//tei:body//tei:note[@type='textual']", NS)
    assert len(textual) == len(noted)
    for el, entry in zip(textual, noted, strict=True):
        assert "".join(el.itertext()) == stringify(entry.note)
        assert ["".join(h.itertext()) for h in el.findall("tei:hi[@rend='italic']", NS)] == \
            [stringify(n["c"]) for n in iter_nodes(entry.note) if n.get("t") == "Emph"]
    brumaire = next(el for el in textual if "Brumaire" in "".join(el.itertext()))
    assert "*" not in "".join(brumaire.itertext()) and '"' not in "".join(brumaire.itertext())
    assert brumaire.findtext("tei:hi[@rend='italic']", namespaces=NS) == "The 18th Brumaire"


def test_the_header_says_who_what_and_how(xml_built):
    root = tei_of(xml_built, WORK)
    header = root.find("tei:teiHeader", NS)
    assert header.findtext(".//tei:titleStmt/tei:author", namespaces=NS) == "Isaac Deutscher"
    assert header.find(".//tei:titleStmt/tei:editor[@xml:id='editors']", {
        **NS, "xml": "http://www.w3.org/XML/1998/namespace"}) is not None
    assert "CC BY 4.0" in header.findtext(".//tei:availability/tei:p", namespaces=NS)
    source = header.find(".//tei:sourceDesc/tei:biblStruct", NS)
    assert source.findtext(".//tei:title[@level='j']", namespaces=NS) == \
        "Universities & Left Review"
    assert source.find(".//tei:biblScope[@unit='page']", NS).get("from") == "4"
    decl = header.find(".//tei:editorialDecl", NS)
    assert decl.find("tei:correction", NS).get("method") == "markup"
    assert len(decl.findall("tei:normalization/tei:p", NS)) == 5
    assert decl.find("tei:hyphenation", NS).get("eol") == "none"
    assert header.find(".//tei:langUsage/tei:language", NS).get("ident") == "en-GB"
    assert root.find(".//tei:front/tei:div[@subtype='note-on-the-text']", NS) is not None


def test_citations_point_at_biblstructs_in_the_back(xml_built):
    root = tei_of(xml_built, WORK)
    ids = {b.get(XML_ID)
           for b in root.findall(".//tei:back//tei:listBibl/tei:biblStruct", NS)}
    targets = {t[1:] for ref in root.findall(".//tei:ref[@type='citation']", NS)
               for t in ref.get("target").split()}
    assert targets and targets <= ids
    assert "bib-rakovsky1980dangers" in ids
    rakovsky = root.find(".//tei:biblStruct[@xml:id='bib-rakovsky1980dangers']",
                         {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    assert rakovsky.findtext("tei:analytic/tei:title", namespaces=NS) == \
        "The \u201cProfessional Dangers\u201d of Power"


def test_the_reader_is_a_corpus_of_its_works(xml_built):
    corpus = tei_of(xml_built, "reader")
    assert local(corpus) == "teiCorpus"
    works = corpus.findall("tei:TEI", NS)
    assert [w.get(XML_ID) for w in works] == \
        ["deutscher-1957", "bln600-3206211949", "bln600-3202982093"]
    alone = tei_of(xml_built, WORK)
    assert len(works[0].findall(".//tei:choice", NS)) == len(alone.findall(".//tei:choice", NS))


# -- the round trip --------------------------------------------------------------------


def _without_markers(nodes: list[Node]) -> list[Node]:
    out = []
    for node in nodes:
        if node.get("t") == "Span" and set(node["c"][0][1]) & {"pnum", "pb", "cb"}:
            continue
        for child in children(node):
            child[:] = _without_markers(child)
        out.append(node)
    return out


def _notes(nodes: list[Node]) -> list[Node]:
    from editio.base.pandoc_ast import iter_nodes

    return [n for n in iter_nodes(nodes) if n.get("t") == "Note"]


def tei_reading(el: etree._Element) -> str:
    """Every corr, no sic, no note: the edition's reading."""
    parts: list[str] = []

    def visit(e: etree._Element) -> None:
        if local(e) not in ("sic", "note"):
            parts.append(e.text or "")
            for child in e:
                visit(child)
            if local(e) in ("p", "head", "item"):
                parts.append(" ")
        parts.append(e.tail or "")

    for child in el:
        visit(child)
    return " ".join("".join(parts).split())


@pytest.mark.parametrize("work", WORKS)
def test_the_corr_reading_is_the_edition(xml_built, work):
    edition = load_or_prepare(Project(xml_built), work)
    text = regions(edition)[1]
    body = tei_of(xml_built, work).find(".//tei:body", NS)
    assert tei_reading(body) == " ".join(stringify(_without_markers(text)).split())
    notes = body.findall(".//tei:note[@place][@n]", NS)
    expected = [" ".join(stringify(_without_markers(n["c"])).split()) for n in _notes(text)]
    assert [tei_reading(n) for n in notes] == expected


def _words(s: str | None) -> list[Node]:
    return [n for w in re.split(r"(\s+)", s or "") if w
            for n in ([Space()] if w.isspace() else [Str(w)])]


class _WitnessReader:
    """Reads TEI back as the witness has it, gathering its page breaks and note count."""

    def __init__(self) -> None:
        self.breaks: list[PageBreak] = []
        self.feet: list[int] = []  # the notes W prints at the foot of the page now ending
        self.notes = 0

    def inlines(self, e: etree._Element) -> list[Node]:
        out = _words(e.text)
        for child in e:
            out += self.inline(child)
            out += _words(child.tail)
        return out

    def inline(self, child: etree._Element) -> list[Node]:
        name = local(child)
        if name == "choice":
            return [self.sic_span(child)]
        if name == "ptr" and child.get("type") == "witness-foot":
            self.feet.append(int(child.get("target").rsplit("n", 1)[1]))
            return []
        if name == "lb":
            return [{"t": "SoftBreak"}]
        if name in ("pb", "cb"):
            return [self.page_break(child, name)]
        if name == "note" and child.get("n"):
            self.notes += 1
            return [{"t": "Note", "c": self.blocks(child)}]
        if name == "note":
            return []  # a textual note: the editors', not the witness's
        return self.inlines(child)

    def sic_span(self, choice: etree._Element) -> Node:
        """A choice as text.md writes it: the corr's text, W's reading (and blocks) beside."""
        sic = choice.find("tei:sic", NS)
        kinds = [m.get("unit") for m in sic.iter(f"{{{NS['tei']}}}milestone")]
        pairs = {"sic": "".join(sic.itertext())}
        if kinds:
            pairs["block"] = " ".join(kinds)
        return Span(attr("", ["corr"], pairs), self.inlines(choice.find("tei:corr", NS)))

    def page_break(self, child: etree._Element, name: str) -> Node:
        self.breaks.append(PageBreak(child.get("n", "") if name == "pb" else "",
                                     tuple(self.feet), None, child.get("break") == "no"))
        self.feet.clear()
        return Span(attr("", [name]), [])

    def blocks(self, e: etree._Element, level: int = 1) -> list[Node]:
        out: list[Node] = []
        for child in e:
            name = local(child)
            if name == "p":
                out.append({"t": "Para", "c": self.inlines(child)})
            elif name == "head":
                out.append({"t": "Header", "c": [level, attr(), self.inlines(child)]})
            elif name == "div":
                out += self.blocks(child, level + 1)
            elif name == "quote":
                out.append({"t": "BlockQuote", "c": self.blocks(child, level)})
        return out


def as_witness(body: etree._Element) -> tuple[dict, Markup]:
    """The TEI text read back as a pandoc AST and its markup, as the witness has it: every
    sic (with the blocks W begins there), every page and column break (hyphenated where
    break="no"), each of the author's notes at its call and, where a ptr says W prints it
    at a page's foot, placed there. collate.rebuild_witness then turns it into the witness
    exactly as it does text.md."""
    reader = _WitnessReader()
    doc = {"blocks": reader.blocks(body)}
    return doc, Markup((), tuple(reader.breaks), reader.notes)


@pytest.mark.parametrize("work", WORKS)
def test_the_sic_reading_collates_against_the_witness(xml_built, work):
    source = load_work(Project(xml_built), work)
    doc, markup = as_witness(tei_of(xml_built, work).find(".//tei:body", NS))
    rebuilt = rebuild_witness(doc, markup, source).tokens()
    assert differences(witness_tokens(source), rebuilt) == []


def test_the_sic_reading_finds_a_wrong_witness_reading(xml_built):
    """The round trip can fail: one sic changed, and the collation names it."""
    body = tei_of(xml_built, WORK).find(".//tei:body", NS)
    body.findall(".//tei:sic", NS)[1].text = "workmen"
    source = load_work(Project(xml_built), WORK)
    doc, markup = as_witness(body)
    found = differences(witness_tokens(source), rebuild_witness(doc, markup, source).tokens())
    assert [(d.witness, d.reading) for d in found] == [('workers*"', 'workmen"')]


# -- what the writer reads from the Edition, as data (the golden book: seconds) -----------


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory):
    """The golden book's project and its prepared Edition."""
    from formats.test_golden_book import WORK as BOOK_WORK
    from formats.test_golden_book import _copy

    root = _copy(tmp_path_factory.mktemp("tei-golden"))
    project = Project(root)
    return project, load_or_prepare(project, BOOK_WORK)


def test_the_witness_kind_is_the_editions_not_the_writers(golden):
    """A plain-text witness's line ends are <lb ed="W"/>: the TEI asks the Edition how the
    collation read the witness, and works out nothing from the witness's file name."""
    import dataclasses

    from editio.formats.tei import tei_tree

    project, edition = golden
    assert edition.witness_kind == "lines"  # the golden book's witness.txt

    def witness_lines(e) -> int:
        return len(tei_tree(e).findall(".//tei:body//tei:lb[@ed='W']", NS))

    assert witness_lines(edition) > 0
    assert witness_lines(dataclasses.replace(edition, witness_kind="markdown")) == 0


def test_each_choice_has_the_number_its_span_carries(golden):
    """The number is the span's data (data-emendation in HTML), not read out of its id: a
    span whose id says otherwise keeps its number."""
    import copy
    import dataclasses

    from editio.base.spans import emendation_number
    from editio.formats.tei import tei_tree

    project, edition = golden
    doc = copy.deepcopy(edition.doc)
    for node in iter_nodes(doc["blocks"]):
        if emendation_number(node) is not None:
            node["c"][0][0] = "corr-x"  # an id that names no number
    root = tei_tree(dataclasses.replace(edition, doc=doc))
    ids = [c.get(XML_ID) for c in root.findall(".//tei:body//tei:choice", NS)]
    assert sorted(ids) == sorted(f"corr-{e.emendation.number}" for e in edition.entries)


def test_the_normalisations_are_the_collations_own(golden):
    """The header's silent normalisations are the collation's, with their counts, as the
    note on the text lists them; nothing is read back out of the rendered note."""
    import copy
    import dataclasses

    from editio.formats.tei import tei_tree

    project, edition = golden
    assert edition.collation is not None and edition.collation.normalisations
    doc = copy.deepcopy(edition.doc)
    for node in iter_nodes(doc["blocks"]):
        if node.get("t") == "BulletList":
            node["c"] = []  # a note whose list says nothing: the TEI is unmoved
    root = tei_tree(dataclasses.replace(edition, doc=doc))
    said = [" ".join("".join(p.itertext()).split())
            for p in root.findall(".//tei:normalization/tei:p", NS)]
    assert said == [f"{n.text} ({n.count} {'time' if n.count == 1 else 'times'})"
                    for n in edition.collation.normalisations]


def test_the_title_page_is_made_once_and_drawn_by_each_writer(golden):
    """The Edition's TitlePage is the document's title page, the TEI's titlePage and the
    EPUB cover's lines: a title page with other words changes them all."""
    import dataclasses

    from editio.edition.work import TitleLine
    from editio.formats.epub.cover import cover_lines
    from editio.formats.tei import tei_tree

    _, edition = golden
    page = edition.title_page
    assert page is not None
    div = next(n for n in iter_nodes(edition.doc["blocks"])
               if n.get("t") == "Div" and "title-page" in n["c"][0][1])
    spans = [para["c"][0]["c"] for para in div["c"][1]]  # a line: a paragraph, a span
    printed = [(a[1][0], stringify(inlines)) for a, inlines in spans if a[1][0] != "source"]
    assert [(line.kind, line.text) for line in cover_lines(page)] == printed
    other = dataclasses.replace(page, lines=tuple(
        TitleLine(line.kind, "Another " + line.text) if line.kind == "title" else line
        for line in page.lines))
    root = tei_tree(dataclasses.replace(edition, title_page=other))
    assert root.findtext(".//tei:titlePage/tei:docTitle/tei:titlePart[@type='main']",
                         namespaces=NS) == "Another " + edition.title
    assert cover_lines(other)[0].text == "Another " + edition.title


def test_each_paragraph_has_the_number_its_div_carries(golden):
    """A paragraph's @n is the number on its Div (data-paragraph in HTML), not read out of
    its id: a Div whose id says otherwise keeps its number."""
    import copy
    import dataclasses

    from editio.base.spans import paragraph_number
    from editio.formats.tei import tei_tree

    _, edition = golden
    doc = copy.deepcopy(edition.doc)
    numbers = []
    for node in iter_nodes(doc["blocks"]):
        if paragraph_number(node) is not None:
            numbers.append(paragraph_number(node))
            node["c"][0][0] = "p-x"  # an id that names no number
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)] and numbers
    root = tei_tree(dataclasses.replace(edition, doc=doc))
    assert [p.get("n") for p in root.findall(".//tei:body//tei:p[@n]", NS)] == numbers
