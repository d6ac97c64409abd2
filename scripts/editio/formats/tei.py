"""TEI P5: the edition as archives and digital editions keep it.

pandoc's TEI writer knows no apparatus and cannot write biblStruct, so the tree
is built here with lxml, from the prepared Edition (no second parse): its AST
gives the text, its typed apparatus the emendations, its page breaks the
original's pages. Every emendation is a choice of sic (the witness, W) and corr
(the edition); a reader who takes every corr reads this edition, one who takes
every sic reads the witness again (tests/test_tei.py proves both). The file is
written only when it is valid against tei_all.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from editio import __version__
from editio.base.outputs import atomic_output
from editio.base.pandoc_ast import Node, content
from editio.base.project import DRAFT_SOURCE, Project
from editio.base.spans import emendation_number, is_break
from editio.edition import bibliography
from editio.edition.work import Edition, normalisation_line
from editio.formats.xml_parts import (
    BlockNames,
    BlockWriter,
    append_text,
    bibliography_title,
    regions,
)
from editio.judges import schemas

NS = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
WITNESS = "W"  # the witness's siglum, as the apparatus prints it
EDITORS = "editors"  # xml:id of the editors, whom every emendation is made by
HI = {"Emph": "italic", "Strong": "bold", "SmallCaps": "small-caps",
      "Superscript": "superscript", "Subscript": "subscript", "Strikeout": "strikethrough",
      "Underline": "underline"}
QUOTES = {"DoubleQuote": "\u201c\u201d", "SingleQuote": "\u2018\u2019"}


def _el(parent: etree._Element | None, tag: str, text: str | None = None,
        **attrs: str | None) -> etree._Element:
    """A TEI element; attribute names xml_id and xml_lang stand for xml:id and xml:lang."""
    names = {k: f"{{{XML}}}{k[4:]}" if k.startswith("xml_") else k for k in attrs}
    values = {names[k]: v for k, v in attrs.items() if v is not None}
    el = etree.Element(f"{{{NS}}}{tag}", values, nsmap={None: NS}) if parent is None \
        else etree.SubElement(parent, f"{{{NS}}}{tag}", values)
    if text is not None:
        el.text = text
    return el


class _Writer(BlockWriter):
    """One work's TEI; `prefix` keeps its xml:ids unique in a corpus."""

    NAMES = BlockNames(quote="quote", lists=({"type": "bulleted"}, {"type": "ordered"}),
                       item="item", line_group="lg", line="l", code=("ab", {"type": "code"}),
                       heading="head")
    element = staticmethod(_el)

    def __init__(self, edition: Edition, prefix: str = ""):
        self.edition = edition
        self.bib = {entry.key: entry for entry in edition.references}  # carried, not parsed
        self.prefix = prefix
        self.emendations = {e.emendation.number: e for e in edition.entries}
        self.breaks = iter(edition.page_breaks)
        self.called: list[etree._Element] = []  # the author's notes, in order
        self.in_text = False
        # a plain-text witness has no paragraph marks, only lines; the text keeps its lines
        self.witness_lines = edition.witness_kind == "lines"

    def id(self, local: str) -> str:
        return f"{self.prefix}{local}"

    # -- the text -------------------------------------------------------------------

    def inlines(self, parent: etree._Element, nodes: list[Node]) -> None:
        for node in nodes:
            self.inline(parent, node)

    def inline(self, parent: etree._Element, node: Node) -> None:
        t, c = node.get("t"), content(node)
        if t == "Str":
            append_text(parent, c)
        elif t == "SoftBreak" and self.witness_lines:
            append_text(parent, " ")  # a line of a plain-text witness ends here
            _el(parent, "lb", ed=WITNESS)
        elif t in ("Space", "SoftBreak"):
            append_text(parent, " ")
        elif t == "LineBreak":
            _el(parent, "lb")
        elif t in HI:
            self.inlines(_el(parent, "hi", rend=HI[t]), c)
        elif t == "Quoted":
            marks = QUOTES[c[0]["t"]]
            append_text(parent, marks[0])
            self.inlines(parent, c[1])
            append_text(parent, marks[1])
        elif t == "Code":
            _el(parent, "code", c[1])
        elif t == "Math":
            append_text(parent, c[1])
        elif t == "Link":
            self.link(parent, c)
        elif t == "Cite":
            keys = " ".join(f"#{self.id('bib-' + k['citationId'])}" for k in c[0])
            self.inlines(_el(parent, "ref", type="citation", target=keys), c[1])
        elif t == "Note":
            self.note(parent, node)
        elif t == "Span":
            self.span(parent, node)
        elif t in ("RawInline", "Image"):
            pass  # raw markup is refused earlier; images have no place in these texts

    def link(self, parent: etree._Element, c: list) -> None:
        if "corr-link" in c[0][1]:
            self.inlines(parent, c[1])
            return
        target = c[2][0]
        if target.startswith("#ref-"):
            target = f"#{self.id('bib-' + target[5:])}"
        self.inlines(_el(parent, "ref", target=target), c[1])

    def span(self, parent: etree._Element, node: Node) -> None:
        a, content = node["c"]
        classes = a[1]
        if "pnum" in classes:
            return
        number = emendation_number(node)  # carried on the span, never read from its id
        if number is not None:
            self.choice(parent, number, content)
        elif is_break(node):
            pb = next(self.breaks)
            for n in pb.notes:  # W prints these notes at the foot of the page ending here
                _el(parent, "ptr", type="witness-foot", target=f"#{self.id(f'n{n}')}")
            _el(parent, "pb" if pb.page else "cb", n=pb.page or None, ed=WITNESS,
                edRef=f"#{self.id(WITNESS)}", **({"break": "no"} if pb.within_word else {}))
        else:
            self.inlines(parent, content)

    def choice(self, parent: etree._Element, number: int, content: list[Node]) -> None:
        entry = self.emendations[number]
        e = entry.emendation
        choice = _el(parent, "choice", xml_id=self.id(f"corr-{number}"))
        sic = _el(choice, "sic")
        # a structural emendation: the blocks W begins here, before and after its reading
        # (unit "none": W runs on where the edition begins a block)
        for i, kind in enumerate(e.block or ()):
            _el(sic, "milestone", unit=kind, ed=WITNESS)
            if i == 0 and e.sic:
                append_text(sic, e.witness_reading)
        if e.sic and not e.block:
            sic.text = e.witness_reading
        corr = _el(choice, "corr", type=e.kind, cert=e.certainty, resp=f"#{self.id(EDITORS)}")
        self.inlines(corr, content)
        if e.note:  # the note's Markdown as the apparatus read it (italics, quotes, dashes)
            note = _el(parent, "note", type="textual", target=f"#{self.id(f'corr-{number}')}",
                       resp=f"#{self.id(EDITORS)}")
            self.inlines(note, entry.note)

    def note(self, parent: etree._Element, node: Node) -> None:
        if self.in_text:
            number = len(self.called) + 1
            note = _el(parent, "note", place="foot", n=str(number),
                       xml_id=self.id(f"n{number}"))
            self.called.append(note)
        else:  # a note of the editors' (the citations of the note on the text)
            note = _el(parent, "note", place="foot", type="editorial",
                       resp=f"#{self.id(EDITORS)}")
        self.blocks(note, node["c"])

    def paragraph(self, parent: etree._Element, number: str) -> etree._Element:
        return _el(parent, "p", n=number, xml_id=self.id(f"p{number}"))

    def table(self, parent: etree._Element, c: list) -> None:
        table = _el(parent, "table")
        head, bodies = c[3], c[4]
        for role, rows in [("label", head[1]), *[("data", body[3]) for body in bodies]]:
            for row in rows:
                r = _el(table, "row", role=role)
                for cell in row[1]:
                    self.blocks_inline(_el(r, "cell"), cell[4])

    def blocks_inline(self, parent: etree._Element, nodes: list[Node]) -> None:
        """A table cell's Plain blocks, as the cell's own text."""
        for i, node in enumerate(nodes):
            if i:
                _el(parent, "lb")
            self.inlines(parent, node["c"] if node.get("t") in ("Para", "Plain") else [])

    def sections(self, parent: etree._Element, nodes: list[Node], level: int) -> None:
        """Blocks with headings, as nested div/head: a heading opens a div that runs to
        the next heading of its level or above."""
        open_: list[tuple[int, etree._Element]] = [(level, parent)]
        for node in nodes:
            if node.get("t") == "Header" and node["c"][0] > level:
                while open_[-1][0] >= node["c"][0]:
                    open_.pop()
                div = _el(open_[-1][1], "div", type="section",
                          xml_id=self.id(node["c"][1][0]) if node["c"][1][0] else None)
                self.inlines(_el(div, "head"), node["c"][2])
                open_.append((node["c"][0], div))
            else:
                self.block(open_[-1][1], node)

    # -- the header and the bibliography --------------------------------------------

    def bibl_struct(self, parent: etree._Element, entry: bibliography.Entry,
                    identifier: str) -> etree._Element:
        f = entry.fields
        struct = _el(parent, "biblStruct", xml_id=identifier, type=entry.entry_type)
        part_of = "journal" in f or "journaltitle" in f or "booktitle" in f
        if part_of:
            analytic = _el(struct, "analytic")
            self.names(analytic, entry, "author")
            _el(analytic, "title", entry.full_title, level="a")
        monogr = _el(struct, "monogr")
        if not part_of:
            self.names(monogr, entry, "author")
        if "booktitle" in f:
            _el(monogr, "title", f["booktitle"], level="m")
        elif part_of:
            _el(monogr, "title", f.get("journal") or f.get("journaltitle"), level="j")
        else:
            _el(monogr, "title", entry.full_title, level="m")
        self.names(monogr, entry, "editor")
        imprint = _el(monogr, "imprint")
        if f.get("location"):
            _el(imprint, "pubPlace", f["location"])
        if f.get("publisher"):
            _el(imprint, "publisher", f["publisher"])
        when = entry.date
        _el(imprint, "date", entry.year or None, when=when or None)
        for field, unit in (("volume", "volume"), ("number", "issue"), ("pages", "page")):
            if f.get(field):
                scope = _el(imprint, "biblScope", f[field], unit=unit)
                if unit == "page" and "–" in f[field]:
                    start, end = f[field].split("–", 1)
                    scope.set("from", start.strip())
                    scope.set("to", end.strip())
        return struct

    @staticmethod
    def names(parent: etree._Element, entry: bibliography.Entry, role: str) -> None:
        for name in entry.names.get(role, ()):
            el = _el(parent, role)
            if name.given:
                pers = _el(el, "persName")
                _el(pers, "forename", name.given)
                _el(pers, "surname", name.family)
            else:
                el.text = name.family

    def header(self, parent: etree._Element) -> etree._Element:
        edition, meta = self.edition, self.edition.front_matter
        header = _el(parent, "teiHeader")
        file_desc = _el(header, "fileDesc")
        title_stmt = _el(file_desc, "titleStmt")
        _el(title_stmt, "title", edition.title, type="main")
        if meta.get("subtitle"):
            _el(title_stmt, "title", str(meta["subtitle"]), type="sub")
        _el(title_stmt, "author", str(meta["author"]))
        # a draft may name no editor yet; the element stays, as @resp points to it
        editor = str(meta.get("editor") or "editor not yet named")
        _el(title_stmt, "editor", editor, xml_id=self.id(EDITORS), role="editor")
        edition_stmt = _el(file_desc, "editionStmt")
        _el(edition_stmt, "edition", f"Edition {meta.get('version', '0')}",
            n=str(meta.get("version", "0")))
        publication = _el(file_desc, "publicationStmt")
        _el(publication, "publisher", editor)
        _el(publication, "date", edition.build_date, when=edition.build_date)
        availability = _el(publication, "availability")
        _el(availability, "p", " ".join(str(meta["rights"]).split()))
        source_desc = _el(file_desc, "sourceDesc")
        key = str(meta.get("source") or f"Source {DRAFT_SOURCE}.")  # a draft's
        if key in self.bib:
            self.bibl_struct(source_desc, self.bib[key], self.id(WITNESS))
        else:
            _el(source_desc, "p", key, xml_id=self.id(WITNESS))
        encoding = _el(header, "encodingDesc")
        decl = _el(encoding, "editorialDecl")
        correction = _el(decl, "correction", method="markup", status="high")
        _el(correction, "p",
            "Every departure from the witness (W) is recorded as a choice of sic (its "
            "reading) and corr (this edition's), with the kind of error as @type, the "
            "certainty as @cert, the editors as @resp, and a note where one is needed. A "
            "collation of witness and reading text at every build proves that no other "
            "difference exists.")
        # which editio wrote this file, as the colophon of the PDF, EPUB and DOCX says
        application = _el(_el(encoding, "appInfo"), "application", ident="editio",
                          version=__version__)
        _el(application, "label", "editio")
        normalization = _el(decl, "normalization", method="silent")
        for rule in applied_normalisations(self.edition):
            _el(normalization, "p", rule)
        if not len(normalization):  # TEI wants a p: a text that needed none says so
            _el(normalization, "p", "None: every departure from the witness is a recorded "
                "emendation.")
        _el(correction, "p",
            "The author's notes stand at their calls. Where the witness prints a note's "
            "text at the foot of a page, a ptr of type witness-foot just before that page's "
            "break points to the note; a note without one is run into the text at its call "
            "in the witness.")
        hyphenation = _el(decl, "hyphenation", eol="none")
        _el(hyphenation, "p",
            "A word hyphenated across a page or column break of the original is printed "
            "whole; the break stands inside it as pb or cb with break=\"no\".")
        profile = _el(header, "profileDesc")
        usage = _el(profile, "langUsage")
        _el(usage, "language", ident=str(meta["lang"]))
        return header

    # -- the whole --------------------------------------------------------------------

    def tei(self, parent: etree._Element | None = None) -> etree._Element:
        edition, meta = self.edition, self.edition.front_matter
        note, text_blocks = regions(edition)
        root = _el(parent, "TEI", xml_id=self.prefix.rstrip("-") or None,
                   xml_lang=str(meta["lang"]))
        self.header(root)
        text = _el(root, "text")
        front = _el(text, "front")
        # the edition's title page, as the other formats print it (its source and editor
        # are the header's)
        title_page = _el(front, "titlePage")
        doc_title = _el(title_page, "docTitle")
        lines = edition.title_page.lines if edition.title_page else ()
        for line in lines:
            if line.kind in ("title", "subtitle"):
                _el(doc_title, "titlePart", line.text,
                    type="main" if line.kind == "title" else "sub")
        for line in lines:
            if line.kind in ("author", "date"):
                _el(title_page, "docAuthor" if line.kind == "author" else "docDate", line.text)
        note_div = _el(front, "div", type="editorial", subtype="note-on-the-text",
                       xml_id=self.id("note-on-the-text"))
        _el(note_div, "head", "Note on the Text")
        self.sections(note_div, note, 1)
        body = _el(text, "body")
        self.in_text = True
        self.sections(body, text_blocks, 1)
        self.in_text = False
        leftover = sum(1 for _ in self.breaks)
        if leftover:
            # the text and its markup disagree: a fault of editio's, reported as internal
            raise RuntimeError(f"{edition.work_id}: {leftover} page breaks were not placed "
                               "in the TEI text")
        back = _el(text, "back")
        # a draft that cites nothing has no list (TEI wants one entry at least)
        if edition.references:
            bibl_div = _el(back, "div", type="bibliography")
            list_bibl = _el(bibl_div, "listBibl")
            _el(list_bibl, "head", bibliography_title(edition))
            for entry in edition.references:
                self.bibl_struct(list_bibl, entry, self.id(f"bib-{entry.key}"))
        return root


def applied_normalisations(edition: Edition) -> list[str]:
    """The silent normalisations this work applies, as its note on the text lists them: the
    collation's own, carried on the Edition (a volume's TEI is its works')."""
    if edition.collation is None:
        return []
    return [normalisation_line(n, " ") for n in edition.collation.normalisations]


def tei_tree(edition: Edition) -> etree._Element:
    return _Writer(edition).tei()


def _write(root: etree._Element, target: Path) -> Path:
    for header in root.iter(f"{{{NS}}}teiHeader"):
        etree.indent(header)  # metadata only: in text, whitespace is text
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with atomic_output(target) as tmp:
        tmp.write_bytes(data + b"\n")
        schemas.check_tei_file(tmp, target)  # invalid: raised before the file is in place
    return target


def write_tei(project: Project, edition: Edition, target: Path) -> Path:
    """A work's TEI, or a volume's teiCorpus."""
    if edition.works:
        return _write(corpus_tree(project, edition), target)
    return _write(tei_tree(edition), target)


def corpus_tree(project: Project, edition: Edition) -> etree._Element:
    """A volume as a teiCorpus: its own header, then each work's TEI from its Edition."""
    from editio.edition.cache import load_or_prepare
    from editio.edition.volume import load_manifest

    manifest = load_manifest(project, edition.work_id)
    meta = edition.front_matter
    corpus = _el(None, "teiCorpus", xml_lang=str(meta["lang"]))
    header = _el(corpus, "teiHeader")
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", manifest.title, type="main")
    if manifest.meta.get("subtitle"):
        _el(title_stmt, "title", str(manifest.meta["subtitle"]), type="sub")
    _el(title_stmt, "editor", manifest.editor)
    publication = _el(file_desc, "publicationStmt")
    _el(publication, "publisher", manifest.editor)
    _el(publication, "date", edition.build_date, when=edition.build_date)
    _el(_el(publication, "availability"), "p", " ".join(str(meta["rights"]).split()))
    _el(_el(file_desc, "sourceDesc"), "p",
        "A course reader binding the editions that follow; each names its own source.")
    _el(_el(_el(header, "profileDesc"), "langUsage"), "language", ident=str(meta["lang"]))
    for work in manifest.works:
        _Writer(load_or_prepare(project, work), prefix=f"{work}-").tei(corpus)
    return corpus
