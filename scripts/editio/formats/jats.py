"""JATS: the edition as a journal's production takes it (PubMed Central, SciELO, OJS).

Written from the prepared Edition with lxml, in JATS 1.1, whose DTD the file declares:
the Journal Publishing tag set for a journal the profile names with its ISSN (which that
DTD requires), else the Archiving and Interchange tag set, where an article no journal has
taken yet carries no journal metadata (none is invented: no empty ISSN, no journal-id).
The body is the reading text alone (the journal prints it); the author's notes are a
fn-group; the note on the text and the textual notes are appendices the journal can keep
or drop (nothing in the body points into them); the bibliography is a ref-list of
element-citations made from bib/references.bib.
The file is written only when it is valid against the DTD.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from editio import __version__
from editio.base.outputs import atomic_output
from editio.base.pandoc_ast import Node, content
from editio.base.project import JatsJournal, Project
from editio.base.spans import is_break
from editio.edition import bibliography
from editio.edition.apparatus import KIND_LABELS
from editio.edition.work import Edition
from editio.formats.xml_parts import (
    BlockNames,
    BlockWriter,
    append_text,
    bibliography_title,
    regions,
)
from editio.judges import schemas

XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
FORMAT = {"Emph": "italic", "Strong": "bold", "SmallCaps": "sc", "Superscript": "sup",
          "Subscript": "sub", "Strikeout": "strike", "Underline": "underline"}
QUOTES = {"DoubleQuote": "\u201c\u201d", "SingleQuote": "\u2018\u2019"}
PUBLICATION_TYPES = {"article": "journal", "book": "book", "incollection": "chapter",
                     "inbook": "chapter", "collection": "book", "thesis": "thesis",
                     "phdthesis": "thesis", "online": "webpage"}


def _el(parent: etree._Element | None, tag: str, text: str | None = None,
        **attrs: str | None) -> etree._Element:
    """A JATS element; xml_lang and xlink_href stand for the namespaced attributes."""
    names = {"xml_lang": f"{{{XML}}}lang", "xlink_href": f"{{{XLINK}}}href"}
    values = {names.get(k, k.replace("_", "-")): v for k, v in attrs.items() if v is not None}
    el = etree.Element(tag, values, nsmap={"xlink": XLINK}) if parent is None \
        else etree.SubElement(parent, tag, values)
    if text is not None:
        el.text = text
    return el



def _person(parent: etree._Element, name: bibliography.Name) -> None:
    """A .bib name as JATS has it: a structured name, an anonymous author, or a body (collab)."""
    if name.given:
        n = _el(parent, "name")
        _el(n, "surname", name.family)
        _el(n, "given-names", name.given)
    elif name.family.lower() == "anonymous":
        _el(parent, "anonymous")
    else:
        _el(parent, "collab", name.family)

class _Writer(BlockWriter):
    NAMES = BlockNames(quote="disp-quote", lists=({"list_type": "bullet"},
                                                  {"list_type": "order"}),
                       item="list-item", line_group="verse-group", line="verse-line",
                       code=("preformat", {}), heading="p")
    element = staticmethod(_el)

    def __init__(self, edition: Edition):
        self.edition = edition
        self.bib = {entry.key: entry for entry in edition.references}  # carried, not parsed
        self.fns: list[etree._Element] = []  # footnotes of the part being written
        self.fn_prefix = "fn"

    # -- text -----------------------------------------------------------------------

    def inlines(self, parent: etree._Element, nodes: list[Node]) -> None:
        for node in nodes:
            self.inline(parent, node)

    def inline(self, parent: etree._Element, node: Node) -> None:
        t, c = node.get("t"), content(node)
        if t == "Str":
            append_text(parent, c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            append_text(parent, " ")
        elif t in FORMAT:
            self.inlines(_el(parent, FORMAT[t]), c)
        elif t == "Quoted":
            marks = QUOTES[c[0]["t"]]
            append_text(parent, marks[0])
            self.inlines(parent, c[1])
            append_text(parent, marks[1])
        elif t == "Code":
            _el(parent, "monospace", c[1])
        elif t == "Math":
            append_text(parent, c[1])
        elif t == "Link":
            target = c[2][0]
            if target.startswith("#ref-"):
                self.inlines(_el(parent, "xref", ref_type="bibr", rid=f"bib-{target[5:]}"),
                             c[1])
            elif target.startswith("#"):
                self.inlines(parent, c[1])  # a link inside the edition: its words only
            else:
                self.inlines(_el(parent, "ext-link", ext_link_type="uri", xlink_href=target),
                             c[1])
        elif t == "Note":
            number = len(self.fns) + 1
            label = str(number)
            identifier = f"{self.fn_prefix}{number}"
            _el(_el(parent, "xref", ref_type="fn", rid=identifier), "sup", label)
            fn = etree.Element("fn", id=identifier)
            _el(fn, "label", label)
            self.blocks(fn, node["c"])
            self.fns.append(fn)
        elif t in ("Span", "Cite"):
            if t == "Span" and ("pnum" in c[0][1] or is_break(node)):
                return  # numbers and the original's pages: the journal paginates anew
            self.inlines(parent, c[1])

    def paragraph(self, parent: etree._Element, number: str) -> etree._Element:
        return _el(parent, "p", id=f"p-{number}")

    def table(self, parent: etree._Element, c: list) -> None:
        table = _el(_el(parent, "table-wrap"), "table")
        head, bodies = c[3], c[4]
        for group, cell_tag, rows in [("thead", "th", head[1]),
                                      *[("tbody", "td", body[3]) for body in bodies]]:
            if not rows:
                continue
            section = _el(table, group)
            for row in rows:
                tr = _el(section, "tr")
                for cell in row[1]:
                    td = _el(tr, cell_tag)
                    for node in cell[4]:
                        self.inlines(td, node["c"] if node.get("t") in ("Para", "Plain")
                                     else [])

    def sections(self, parent: etree._Element, nodes: list[Node], level: int) -> None:
        """Blocks with headings as nested sec/title."""
        open_: list[tuple[int, etree._Element]] = [(level, parent)]
        for node in nodes:
            if node.get("t") == "Header" and node["c"][0] > level:
                while open_[-1][0] >= node["c"][0]:
                    open_.pop()
                sec = _el(open_[-1][1], "sec", id=node["c"][1][0] or None)
                self.inlines(_el(sec, "title"), node["c"][2])
                open_.append((node["c"][0], sec))
            else:
                self.block(open_[-1][1], node)

    def fn_group(self, parent: etree._Element, title: str | None = None) -> None:
        if self.fns:
            group = _el(parent, "fn-group")
            if title:
                _el(group, "title", title)
            group.extend(self.fns)
        self.fns = []

    # -- metadata and references ------------------------------------------------------

    @staticmethod
    def person_group(parent: etree._Element, entry: bibliography.Entry, role: str) -> None:
        names = entry.names.get(role, ())
        if not names:
            return
        group = _el(parent, "person-group", person_group_type=role)
        for name in names:
            _person(group, name)

    def citation(self, parent: etree._Element, entry: bibliography.Entry) -> etree._Element:
        kind = PUBLICATION_TYPES.get(entry.entry_type, "other")
        cite = _el(parent, "element-citation", publication_type=kind)
        self.citation_parts(cite, entry)
        return cite

    def citation_parts(self, cite: etree._Element, entry: bibliography.Entry,
                       separator: str = "") -> None:
        """An entry's parts as JATS citation elements (with `separator` between them, for
        mixed content)."""
        f = entry.fields
        kind = PUBLICATION_TYPES.get(entry.entry_type, "other")
        self.person_group(cite, entry, "author")
        if "booktitle" in f:
            self.person_group(cite, entry, "editor")
            _el(cite, "chapter-title", entry.full_title)
            _el(cite, "source", f["booktitle"])
        elif kind == "journal":
            _el(cite, "article-title", entry.full_title)
            _el(cite, "source", f.get("journal") or f.get("journaltitle"))
        else:
            self.person_group(cite, entry, "editor")
            _el(cite, "source", entry.full_title)
        if f.get("location"):
            _el(cite, "publisher-loc", f["location"])
        if f.get("publisher"):
            _el(cite, "publisher-name", f["publisher"])
        if entry.year:
            year = _el(cite, "year", entry.year)
            if entry.date:
                year.set("iso-8601-date", entry.date)
        if entry.date and len(entry.date) == 10:
            _el(cite, "month", entry.date[5:7])
            _el(cite, "day", entry.date[8:10])
        if f.get("volume"):
            _el(cite, "volume", f["volume"])
        if f.get("number"):
            _el(cite, "issue", f["number"])
        if f.get("pages"):
            first, _, last = f["pages"].partition("–")
            _el(cite, "fpage", first.strip())
            if last:
                _el(cite, "lpage", last.strip())
        if f.get("pagetotal"):
            _el(cite, "size", f["pagetotal"], units="pages")
        if separator:
            for child in cite[:-1]:
                child.tail = "\u2013" if child.tag == "fpage" else separator

    def front(self, article: etree._Element) -> None:
        edition, meta = self.edition, self.edition.front_matter
        front = _el(article, "front")
        journal = edition.profile.jats_journal
        if journal != JatsJournal():  # what the profile says of its journal, and no more
            journal_meta = _el(front, "journal-meta")
            if journal.id:  # an identifier, not a name
                _el(journal_meta, "journal-id", journal.id, journal_id_type="publisher-id")
            if journal.title:
                _el(_el(journal_meta, "journal-title-group"), "journal-title", journal.title)
            if journal.issn:  # @publication-format, as JATS 1.1 has it (not @pub-type)
                _el(journal_meta, "issn", journal.issn, publication_format="electronic")
            if journal.publisher:
                _el(_el(journal_meta, "publisher"), "publisher-name", journal.publisher)

        article_meta = _el(front, "article-meta")
        title_group = _el(article_meta, "title-group")
        _el(title_group, "article-title", edition.title)
        if meta.get("subtitle"):
            _el(title_group, "subtitle", str(meta["subtitle"]))
        contribs = _el(article_meta, "contrib-group")
        source = self.bib.get(str(meta.get("source") or ""))
        authors = source.names.get("author", ()) if source else ()
        if authors:
            for name in authors:
                _person(_el(contribs, "contrib", contrib_type="author"), name)
        else:  # no entry to read names from (a draft): the front matter's author, whole
            contrib = _el(contribs, "contrib", contrib_type="author")
            if str(meta["author"]).lower() == "anonymous":
                _el(contrib, "anonymous")
            else:
                _el(contrib, "collab", str(meta["author"]))
        if meta.get("editor"):
            _el(_el(contribs, "contrib", contrib_type="editor"), "collab", str(meta["editor"]))
        year, month, day = edition.build_date.split("-")
        date = _el(article_meta, "pub-date", publication_format="electronic", date_type="pub",
                   iso_8601_date=edition.build_date)
        _el(date, "day", day)
        _el(date, "month", month)
        _el(date, "year", year)
        permissions = _el(article_meta, "permissions")
        _el(_el(permissions, "license"), "license-p", " ".join(str(meta["rights"]).split()))
        if source:
            related = _el(article_meta, "related-article", related_article_type="reprint-of",
                          id="first-printing")
            self.citation_parts(related, source, separator=", ")
        # which editio wrote the article (JATS 1.1 has no processing-meta yet)
        made = _el(_el(article_meta, "custom-meta-group"), "custom-meta",
                   specific_use="generator")
        _el(made, "meta-name", "generator")
        _el(made, "meta-value", f"editio {__version__}")

    def apparatus(self, app_group: etree._Element) -> None:
        app = _el(app_group, "app", id="textual-notes")
        _el(app, "title", "Textual Notes")
        _el(app, "p", "Each entry gives the location (paragraph number, or n. for the "
            "author's notes), the reading of this edition, a bracket, and the reading of the "
            "witness (W). om. means that the reading is absent.")
        if not self.edition.entries:  # a new work (JATS wants one list-item at least)
            _el(app, "p", "The edition has no emendations yet.")
            return
        lst = _el(app, "list", list_type="simple")
        for item in self.edition.entries:
            e = item.emendation
            p = _el(_el(lst, "list-item", id=f"app-{e.number}"), "p")
            if item.location.isdigit():
                _el(p, "xref", f"\u00b6 {item.location}", ref_type="other",
                    rid=f"p-{item.location}")
            else:
                append_text(p, item.location)
            append_text(p, f" {e.lemma.strip() or 'om.'}] "
                           f"{e.witness_reading.strip() if e.sic.strip() else 'om.'} ")
            _el(p, "italic", "W")
            label = KIND_LABELS[e.kind] + ("" if e.certainty == "high" else f", {e.certainty}")
            append_text(p, f" [{label}]")
            if e.note:  # the note's Markdown as the apparatus read it (italics, quotes, dashes)
                append_text(p, " \u2014 ")
                self.inlines(p, item.note)

    # -- the whole --------------------------------------------------------------------

    def article(self) -> etree._Element:
        edition = self.edition
        note, text_blocks = regions(edition)
        article = _el(None, "article", article_type="reprint", dtd_version="1.1",
                      xml_lang=str(edition.front_matter["lang"]))
        self.front(article)
        body = _el(article, "body")
        self.sections(body, text_blocks, 1)
        authors_notes = self.fns
        self.fns = []
        back = _el(article, "back")
        app_group = _el(back, "app-group")
        note_app = _el(app_group, "app", id="note-on-the-text")
        _el(note_app, "title", "Note on the Text")
        self.fn_prefix = "note-fn"
        self.sections(note_app, note, 1)
        self.fn_group(note_app)
        self.apparatus(app_group)
        self.fns = authors_notes
        self.fn_group(back, "Notes")
        ref_list = _el(back, "ref-list")
        _el(ref_list, "title", bibliography_title(edition))
        for entry in edition.references:
            self.citation(_el(ref_list, "ref", id=f"bib-{entry.key}"), entry)
        return article


def tag_set(edition: Edition) -> schemas.JatsTagSet:
    """Journal Publishing for a journal named with its ISSN, which that DTD requires;
    Archiving and Interchange for an article no journal has taken yet."""
    return schemas.PUBLISHING if edition.profile.jats_journal.issn else schemas.ARCHIVING


def jats_tree(edition: Edition) -> etree._ElementTree:
    article = _Writer(edition).article()
    tree = etree.ElementTree(article)
    declared = tag_set(edition)
    tree.docinfo.public_id = declared.public_id
    tree.docinfo.system_url = declared.system_id
    return tree


def write_jats(project: Project, edition: Edition, target: Path) -> Path:  # noqa: ARG001 - as every writer
    tree = jats_tree(edition)
    schemas.check_jats(tree, target)
    front = tree.find("front")
    assert front is not None  # article() writes it first
    etree.indent(front)  # metadata only: in text, whitespace is text
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    with atomic_output(target) as tmp:
        tmp.write_bytes(data + b"\n")
    return target
