"""One work, prepared once: parsed, checked, collated, numbered, cited.

Every output format is made from the Edition this module returns; nothing
here knows about PDF, EPUB or DOCX.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import json
import os
import subprocess
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from editio import __version__
from editio.base import pandoc, sandbox
from editio.base.csl import is_file, style_path
from editio.base.errors import ProjectError, SourceError, warn
from editio.base.pandoc_ast import (
    Div,
    Document,
    Header,
    Node,
    Para,
    Plain,
    Space,
    Span,
    Str,
    attr,
    attr_get,
    iter_nodes,
    stringify,
    text,
)
from editio.base.project import Profile, Project, WitnessKind, load_profile
from editio.edition import apparatus, bibliography, citations
from editio.edition.apparatus import Entry as ApparatusEntry
from editio.edition.paragraphs import number_paragraphs
from editio.intake.markup import KINDS, Emendation, Markup, PageBreak, read_markup
from editio.intake.source import DRAFT_SOURCE, WorkSource, load_work, meta_line
from editio.proof.collate import (
    Collation,
    Normalisation,
    Stream,
    collate,
    markdown_witness,
)


@dataclass(frozen=True)
class WorkFacts:
    """One work of the book as its title page names it, for the writers that name each work
    in their metadata (the EPUB's navigation, page labels and dc:source)."""

    prefix: str  # "" in a single edition; the work id (its anchors' prefix) in a volume
    title: str
    source: str  # the print edition as the bibliography prints it, as plain text
    short_title: str = ""  # for page labels a volume must tell apart; the title if not given

    def __post_init__(self) -> None:
        if not self.short_title:
            object.__setattr__(self, "short_title", self.title.split(":")[0].strip())


@dataclass(frozen=True)
class Edition:
    """A work or volume, prepared once; every writer reads it and none changes it."""

    work_id: str
    front_matter: dict  # the work's YAML front matter (a volume: the same keys, from its manifest)
    profile: Profile
    doc: Document  # the full pandoc AST: title page … colophon, citations resolved
    entries: tuple[ApparatusEntry, ...]  # (`apparatus` here is the field above)
    counts: dict[str, int]  # emendations by kind
    build_date: str  # ISO date
    epoch: int
    # the original's page and column breaks, in reading order (a volume's: none)
    page_breaks: tuple[PageBreak, ...] = ()
    works: tuple[str, ...] = ()  # a volume's works, in its order; a work's: none
    collation: Collation | None = None  # a work's; a volume has none of its own
    witness_kind: WitnessKind | None = None  # how the collation read the witness (a volume: none)
    # the bibliography as the edition lists it (CSL's order; the copy-text's entry first if
    # the list lacks it), decoded from the .bib once for every writer
    references: tuple[bibliography.Entry, ...] = ()
    title_page: TitlePage | None = None  # the book's own (a volume's, not its works')
    # each work the book holds (a work's: itself), with its print edition as printed
    work_facts: tuple[WorkFacts, ...] = ()

    @property
    def title(self) -> str:
        return str(self.front_matter["title"])

    @property
    def cited_keys(self) -> tuple[str, ...]:
        """The keys of the edition's bibliography, in its order: what it cites, its sources."""
        return tuple(r.key for r in self.references)

    def to_json(self) -> dict:
        """The edition as JSON data (for dist/.cache); from_json reads it back."""
        return {"work_id": self.work_id, "front_matter": self.front_matter,
                "profile": self.profile.name,
                "csl": self.profile.csl,  # the work's own style, if it names one
                "doc": self.doc,
                "entries": [dataclasses.asdict(e) for e in self.entries],
                "counts": self.counts, "build_date": self.build_date, "epoch": self.epoch,
                "page_breaks": [dataclasses.asdict(b) for b in self.page_breaks],
                "works": list(self.works), "witness_kind": self.witness_kind,
                "references": [dataclasses.asdict(r) for r in self.references],
                "title_page": dataclasses.asdict(self.title_page) if self.title_page else None,
                "work_facts": [dataclasses.asdict(w) for w in self.work_facts],
                "collation": dataclasses.asdict(self.collation) if self.collation else None}

    @classmethod
    def from_json(cls, data: dict, profile: Profile) -> Edition:
        collation = data["collation"]
        return cls(
            work_id=data["work_id"], front_matter=data["front_matter"],
            profile=dataclasses.replace(profile, csl=data["csl"]), doc=data["doc"],
            entries=tuple(apparatus.Entry(_emendation(e["emendation"]), e["location"],
                                          e["note"]) for e in data["entries"]),
            counts=data["counts"], build_date=data["build_date"], epoch=data["epoch"],
            page_breaks=tuple(PageBreak(**{**b, "notes": tuple(b["notes"])})
                              for b in data["page_breaks"]),
            works=tuple(data["works"]), witness_kind=data["witness_kind"],
            references=tuple(bibliography.Entry.from_json(r) for r in data["references"]),
            title_page=None if data["title_page"] is None else TitlePage(
                tuple(TitleLine(**line) for line in data["title_page"]["lines"]),
                tuple(data["title_page"]["classes"])),
            work_facts=tuple(WorkFacts(**w) for w in data["work_facts"]),
            collation=None if collation is None else Collation(
                normalisations=tuple(Normalisation(**n)
                                     for n in collation["normalisations"]),
                witness=_stream(collation["witness"]),
                readings=tuple(_stream(r) for r in collation["readings"]),
                # JSON's keys are strings
                witness_lines={int(n): line for n, line in collation["witness_lines"].items()}))


def _stream(data: dict) -> Stream:
    return Stream(data["text"], {int(n): (a, b) for n, (a, b) in data["places"].items()})


def _emendation(data: dict) -> Emendation:
    return Emendation(**{**data, "block": tuple(data.get("block", ()))})  # JSON has lists


def given_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as the reproducible-builds rule reads it: unset or empty (as a shell
    or CI template often leaves it) is no date; anything but a count of seconds is refused."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ProjectError(f"SOURCE_DATE_EPOCH is '{value}', not a number of seconds since "
                           "1970", hint="unset it, or set it to a date: "
                           "SOURCE_DATE_EPOCH=$(date -d 2026-01-01 +%s)")
    return int(value)


def build_epoch(project: Project, inputs: Iterable[Path] = ()) -> int:
    """When the edition was made, the same at every rebuild, so rebuilds are byte-identical.

    SOURCE_DATE_EPOCH if set; else the last commit that touched the inputs (a work's
    folder, a volume's manifest and works); else, outside git (a zip download, `git
    archive`) or before the first commit, the newest input file's time. Never 1970.
    """
    given = given_epoch()
    if given is not None:
        return given
    paths = [p.resolve() for p in inputs] or [project.source_dir.resolve()]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", *map(str, paths)],
                             cwd=project.root, capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    newest = 0.0
    for path in paths:
        files = path.rglob("*") if path.is_dir() else [path]
        newest = max([newest, *(f.stat().st_mtime for f in files if f.is_file())])
    # a file dated at the epoch (some archivers) says nothing: today, then
    return int(newest) if newest > 86400 else int(time.time())


def counts_by_kind(markup: Markup) -> dict[str, int]:
    found = Counter(e.kind for e in markup.emendations)
    return {kind: found.get(kind, 0) for kind in KINDS}


def normalisation_line(n: Normalisation, space: str = "\u00a0") -> str:
    """A silent normalisation as the note on the text lists it, with its count."""
    return f"{n.text} ({n.count}{space}{'time' if n.count == 1 else 'times'})"


def _note_blocks(note_doc: Document | None, markup: Markup, counts: dict[str, int],
                 normalisations: tuple[Normalisation, ...]) -> list[Node]:
    blocks: list[Node] = [Header(1, attr("note-on-the-text", ["unnumbered", "note-on-text"]),
                                 text("Note on the Text"))]
    if note_doc:
        blocks += note_doc["blocks"]
    blocks.append(Header(2, attr("silent-normalisations", ["unnumbered"]),
                         text("Silent normalisations")))
    if normalisations:
        blocks.append(Para(text("Besides the emendations listed in the textual notes, and "
                                "only these, the edition departs from the witness as follows "
                                "(with the number of times this text does so); a collation run "
                                "at every build, of paragraphs, headings and block quotations "
                                "as well as of words, proves that no other difference "
                                "exists.")))
        blocks.append({"t": "BulletList", "c": [[Plain(text(normalisation_line(n)))]
                                                for n in normalisations]})
    else:  # a list needs an item (TEI, JATS): a text that needed none says so
        blocks.append(Para(text("None: the edition departs from the witness only by the "
                                "emendations listed in the textual notes; a collation run at "
                                "every build, of paragraphs, headings and block quotations as "
                                "well as of words, proves that no other difference exists.")))
    blocks.append(Header(2, attr("emendation-counts", ["unnumbered"]),
                         text("Emendations by kind")))
    rows = [[kind, str(n)] for kind, n in counts.items()]
    rows.append(["total", str(sum(counts.values()))])
    pages = sum(1 for pb in markup.page_breaks if pb.page)
    blocks.append(_table(["Kind", "Emendations"], rows, "emendation-counts-table"))
    blocks.append(Para(text(
        f"The text records {pages} page breaks and "
        f"{len(markup.page_breaks) - pages} column breaks of the original; "
        f"{markup.footnote_count} notes are the author\u2019s.")))
    return blocks


def _table(head: list[str], rows: list[list[str]], identifier: str) -> Node:
    def cell(s: str) -> list:
        return [attr(), {"t": "AlignDefault"}, 1, 1, [Plain(text(s))]]

    def row(cells: list[str]) -> list:
        return [attr(), [cell(c) for c in cells]]

    return {"t": "Table", "c": [
        attr(identifier), [None, []],
        [[{"t": "AlignLeft"}, {"t": "ColWidthDefault"}],
         [{"t": "AlignRight"}, {"t": "ColWidthDefault"}]],
        [attr(), [row(head)]],
        [[attr(), 0, [], [row(r) for r in rows]]],
        [attr(), []],
    ]}


def edited_by(editor: str) -> str:
    """The title page's editor line: a body named with an article reads it in lower case
    after "Edited by" ("Edited by the editio editors", not "Edited by The editio ...")."""
    first, _, rest = editor.partition(" ")
    if first in ("The", "A", "An") and rest:
        editor = f"{first.lower()} {rest}"
    return f"Edited by {editor}"


@dataclass(frozen=True)
class TitleLine:
    kind: str  # title, subtitle, author, date, editor; source: the copy-text's key ("": none)
    text: str


@dataclass(frozen=True)
class TitlePage:
    """A title page as data, made once: the document's, a volume's opening of each work and
    the EPUB's cover are all drawn from it."""

    lines: tuple[TitleLine, ...]
    classes: tuple[str, ...] = ("title-page",)

    def blocks(self, skip: tuple[str, ...] = ()) -> list[Node]:
        """Its lines as paragraphs, leaving out the kinds in `skip`."""
        out: list[Node] = []
        for line in self.lines:
            if line.kind in skip:
                continue
            if line.kind != "source":
                out.append(Para([Span(attr("", [line.kind]), text(line.text))]))
            elif line.text:  # filled from the bibliography when citations are resolved
                out.append(Para([Span(attr("", ["source"], {"data-key": line.text}),
                                      [Str("Source:")])]))
            else:  # a draft: said plainly, never an unknown key
                out.append(Para([Span(attr("", ["source", "draft"]),
                                      [Str("Source:"), Space(), *text(DRAFT_SOURCE)])]))
        return out

    def div(self) -> Node:
        return Div(attr("title-page", list(self.classes)), self.blocks())


def work_title_page(meta: dict) -> TitlePage:
    lines = [TitleLine("title", str(meta["title"]))]
    if meta.get("subtitle"):
        lines.append(TitleLine("subtitle", str(meta["subtitle"])))
    lines += [TitleLine("author", str(meta["author"])), TitleLine("date", str(meta["date"])),
              TitleLine("source", str(meta.get("source") or ""))]
    if meta.get("editor"):
        lines.append(TitleLine("editor", edited_by(str(meta["editor"]))))
    return TitlePage(tuple(lines))


def colophon(meta: dict, profile: Profile, counts: dict[str, int], date: str,
             draft: bool = False) -> list[Node]:
    # a volume is its editors' book, named as its title page names them
    by = ("e" + edited_by(str(meta["editor"]))[1:] if "contents" in meta
          else f"by {meta['author']}")
    lines = [
        f"{meta['title']}, {by}. Edition {meta.get('version', '0')}, "
        f"built {date}." + (f" A draft: its source is {DRAFT_SOURCE}." if draft else ""),
        f"Made with editio {__version__}, pandoc {pandoc.pandoc_version()} and "
        f"WeasyPrint {importlib.metadata.version('weasyprint')}; citations in the style "
        f"{citations.style_title(profile.csl)} ({citations.style_label(profile.csl)}); "
        f"profile {profile.name}.",
        f"Textual notes: {sum(counts.values())} emendations.",
        f"Rights: {' '.join(str(meta['rights']).split())}",
    ]
    return [Div(attr("colophon", ["colophon"]),
                [Header(1, attr("colophon-heading", ["unnumbered"]), text("Colophon")),
                 *[Para(text(s)) for s in lines]])]


def fill_source_lines(doc: Document) -> tuple[list[str], dict[str, str]]:
    """Copy each copy-text's bibliography entry onto its title page, in the CSL style. Returns
    the keys of the bibliography citeproc made, in its order (the one walk that finds them),
    and each copy-text's entry as plain text, by key, as printed on its title page."""
    entries: dict[str, list[Node]] = {}
    lines: list[Node] = []
    for node in iter_nodes(doc["blocks"]):  # one walk: the document is large
        t = node.get("t")
        if t == "Div" and node["c"][0][0].startswith("ref-"):
            first = node["c"][1][0] if node["c"][1] else None
            if first and first["t"] in ("Para", "Plain"):
                entries[node["c"][0][0][4:]] = first["c"]
        elif t == "Span" and "source" in node["c"][0][1]:
            lines.append(node)
    printed: dict[str, str] = {}
    for node in lines:
        key = attr_get(node["c"][0], "data-key", "") or ""
        if key:  # a draft's line says so already
            entry = entries.get(key) or text(key)
            node["c"][1] = [Str("Source:"), Space(), *entry]
            printed[key] = stringify(entry).strip()
    return list(entries), printed


def print_edition(key: str | None, printed: dict[str, str]) -> str:
    """A work's print edition as its title page gives it: its entry as the bibliography
    prints it, or a draft's plain statement that it has none yet."""
    return (printed.get(key) or key) if key else DRAFT_SOURCE


@dataclass(frozen=True)
class WorkParts:
    """One work, checked and numbered, before citations are resolved.

    A single edition adds its bibliography and colophon to these parts; a
    volume binds the parts of several works together.
    """

    source: WorkSource
    profile: Profile
    title_page: TitlePage
    note_on_text: list[Node]  # the editor's note, the silent normalisations, the counts
    text: list[Node]  # the work's heading and its numbered paragraphs
    apparatus: list[Node]  # the textual notes
    entries: tuple[ApparatusEntry, ...]  # (`apparatus` here is the field above)
    counts: dict[str, int]
    collation: Collation
    pandoc_meta: dict[str, Node]  # pandoc's metadata of the text (not the front matter as YAML)
    api_version: list[int]
    page_breaks: tuple[PageBreak, ...] = ()

    def after_title_page(self) -> list[Node]:
        return [*self.note_on_text, *self.text, *self.apparatus]


def work_style(project: Project, profile: Profile, source: WorkSource) -> Profile:
    """The profile with the work's own citation style, if its front matter names one
    (`csl: apa`, or a .csl file beside the work or elsewhere in the project)."""
    csl = source.meta.get("csl")
    if not csl:
        return profile
    csl, line = str(csl), meta_line(source.text, "csl")
    if is_file(csl):
        csl = citations.resolve_file(csl, source.directory, project.readable_roots(),
                                     source.text_path, line)
    else:
        style_path(csl, source.text_path, line)
    return dataclasses.replace(profile, csl=csl)


def work_parts(project: Project, work_id: str) -> WorkParts:
    source: WorkSource = load_work(project, work_id)
    profile = work_style(project, load_profile(project, source.profile_name), source)
    bib = bibliography.load(project.bib_dir)

    doc, note_doc, witness_doc = pandoc.parse_markdown_all(
        [source.text, source.note or None, markdown_witness(source)])
    assert doc is not None  # the text is always there to parse
    sandbox.clean_document(doc, source.text_path, source.text)
    sandbox.check_resources(doc, project.readable_roots(), source.directory, source.text_path,
                            source.text)
    markup = read_markup(doc, source)
    # the apparatus notes' one pandoc run goes on while the text is collated
    notes_pool = ThreadPoolExecutor(max_workers=1)
    notes = notes_pool.submit(apparatus.parse_notes, markup.emendations)
    notes_pool.shutdown(wait=False)
    collation = collate(doc, markup, source, witness_doc)

    if note_doc and source.note_path:  # (a note has its path)
        sandbox.clean_document(note_doc, source.note_path, source.note)
        sandbox.check_resources(note_doc, project.readable_roots(), source.directory,
                                source.note_path, source.note)
    keys = bibliography.cited_keys(doc)
    bibliography.check_citations(keys, bib, source.text_path, source.text,
                                 extra={source.source_key: "source:"} if source.source_key
                                 else None)
    for warning in source.warnings:
        warn(warning)
    note_keys = bibliography.cited_keys(note_doc) if note_doc else []
    if note_doc and source.note_path:
        bibliography.check_citations(note_keys, bib, source.note_path, source.note)
    bibliography.check_complete(bib, [*keys, *note_keys, *filter(None, [source.source_key])])

    body, locations = number_paragraphs(doc["blocks"])
    entries = apparatus.entries(markup, locations, notes.result())
    apparatus.link_emendations(body, entries)
    counts = counts_by_kind(markup)

    heading = Header(1, attr("text", ["unnumbered", "work-title", "work-text"]),
                     text(str(source.meta["title"])))
    return WorkParts(source=source, profile=profile, title_page=work_title_page(source.meta),
                     note_on_text=_note_blocks(note_doc, markup, counts,
                                               collation.normalisations),
                     text=[heading, *body], apparatus=apparatus.apparatus_blocks(entries),
                     entries=tuple(entries), counts=counts, collation=collation,
                     pandoc_meta=doc["meta"], api_version=doc["pandoc-api-version"],
                     page_breaks=markup.page_breaks)


def bibliography_heading(profile: Profile) -> str:
    """The profile's `bibliography-title`, else the style's convention (APA: References)."""
    return citations.bibliography_heading(profile.csl, profile.bibliography_title)


def bibliography_blocks(identifier: str = "bibliography", level: int = 1,
                        title: str = "Bibliography") -> list[Node]:
    return [Header(level, attr(identifier, ["unnumbered", "bibliography"]), text(title)),
            Div(attr("refs", ["references"]), [])]


def resolve_citations(project: Project, profile: Profile, doc: Document, source_keys: list[str],
                      lang: str) -> tuple[Document, list[str], dict[str, str]]:
    """Run citeproc once over a whole document; it lists every cited key once. Returns the
    document, the keys of the bibliography it lists, in its order, the sources first where
    the list lacks them, and each source's entry as printed (fill_source_lines)."""
    csl = style_path(profile.csl, profile.path)
    bib = bibliography.load(project.bib_dir)  # checked already: its one parse, not another
    meta = dict(doc["meta"])
    meta["nocite"] = {"t": "MetaInlines", "c": [
        {"t": "Cite", "c": [[{"citationId": key, "citationPrefix": [], "citationSuffix": [],
                              "citationMode": {"t": "NormalCitation"}, "citationNoteNum": 0,
                              "citationHash": 0}], [Str(f"@{key}")]]} for key in source_keys]}
    meta["link-citations"] = {"t": "MetaBool", "c": True}
    cited: Document = {"pandoc-api-version": doc["pandoc-api-version"], "meta": meta,
                       "blocks": doc["blocks"]}
    full = pandoc.citeproc(cited, bib.path, csl, lang)
    _file_by_sort_titles(full, cited, bib.path, csl, lang)
    listed, printed = fill_source_lines(full)
    # build machinery, not metadata: absolute paths would leak into DOCX properties and
    # make the same edition differ between checkouts
    for key in ("bibliography", "csl", "nocite", "link-citations", "witness", "profile"):
        full["meta"].pop(key, None)
    return full, [*(k for k in source_keys if k not in listed), *listed], printed


def references(project: Project, keys: Iterable[str]) -> tuple[bibliography.Entry, ...]:
    """The entries of `keys` (each once, in their order), decoded for the writers."""
    found = bibliography.entries(project.bib_dir)
    return tuple(found[k] for k in dict.fromkeys(keys) if k in found)


def _reference_keys(doc: Document) -> list[str]:
    return [n["c"][0][0][4:] for n in iter_nodes(doc["blocks"])
            if n.get("t") == "Div" and n["c"][0][0].startswith("ref-")]


def _file_by_sort_titles(full: Document, doc: Document, bib: Path, csl: Path, lang: str) -> None:
    """Put the bibliography in the order the style gives it when each entry with a `sorttitle`
    is sorted under that title: CSL knows no sort title and files 'The Prophet Armed' under
    T. The style sorts a second time, from a .bib whose titles are the sort titles, and its
    order is taken; the entries printed are the first run's (their real titles)."""
    filed = bibliography.sort_titles(bib)
    if not filed.keys() & set(_reference_keys(full)):
        return  # nothing cited has a sort title: the style's order is the order
    order = {key: i for i, key in enumerate(_sort_title_order(
        json.dumps(doc), bibliography.with_sort_titles(bib), bib.name, csl, lang))}
    if citations.adds_year_suffix(csl):
        order = _keep_year_letters(order, _reference_keys(full), bibliography.entries(bib.parent))
    for node in iter_nodes(full["blocks"]):
        if node.get("t") == "Div" and node["c"][0][0] == "refs":
            node["c"][1].sort(key=lambda ref: order.get(ref["c"][0][0][4:], len(order)))


def _keep_year_letters(order: dict[str, int], lettered: list[str],
                       entries: dict[str, bibliography.Entry]) -> dict[str, int]:
    """The sort titles' order, except among works of one author and year: those keep the
    order the style gave their letters in (`lettered`, the run that printed them), so that
    1954a is listed before 1954b. The style letters them by their printed titles, and the
    letters are in the text's citations too: the filing gives way, not the letters."""
    groups: dict[tuple[object, str], list[str]] = {}
    for key in lettered:
        entry = entries.get(key)
        if entry is not None and entry.year and key in order:
            names = entry.names.get("author") or entry.names.get("editor") or ()
            groups.setdefault((names, entry.year), []).append(key)
    kept = dict(order)
    for keys in groups.values():
        for key, place in zip(keys, sorted(order[k] for k in keys), strict=True):
            kept[key] = place
    return kept


# The preview prepares the work again at each save: the same input keeps its order.
@lru_cache(maxsize=4)
def _sort_title_order(doc_json: str, sorting_bib: str, name: str, csl: Path,
                      lang: str) -> tuple[str, ...]:
    with tempfile.TemporaryDirectory() as tmp:
        sorting = Path(tmp) / name
        sorting.write_text(sorting_bib, encoding="utf-8")
        return tuple(_reference_keys(pandoc.citeproc(json.loads(doc_json), sorting, csl,
                                                     lang)))


def prepare(project: Project, work_id: str, parts: WorkParts | None = None) -> Edition:
    """The work's Edition, from its `parts` when the caller has them (dist/.cache's)."""
    parts = parts or work_parts(project, work_id)
    source, profile = parts.source, parts.profile
    epoch = build_epoch(project, [source.directory])
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    blocks = [parts.title_page.div(), *parts.after_title_page(),
              *bibliography_blocks(title=bibliography_heading(profile))]
    blocks += colophon(source.meta, profile, parts.counts, date, draft=not source.source_key)
    doc: Document = {"pandoc-api-version": parts.api_version,
                     "meta": dict(parts.pandoc_meta), "blocks": blocks}
    full, cited, printed = resolve_citations(project, profile, doc,
                                    [k for k in [source.source_key] if k],
                                    str(source.meta["lang"]))
    if not stringify(full["blocks"]).strip():
        raise SourceError("the edition came out empty", path=source.text_path)
    return Edition(work_id=work_id, front_matter=source.meta, profile=profile, doc=full,
                   entries=parts.entries, counts=parts.counts, build_date=date, epoch=epoch,
                   page_breaks=parts.page_breaks, collation=parts.collation,
                   witness_kind=source.witness_kind, references=references(project, cited),
                   title_page=parts.title_page,
                   work_facts=(WorkFacts("", str(source.meta["title"]),
                                         print_edition(source.source_key, printed)),))


def rights_statement(edition: Edition) -> str:
    """The rights as metadata states them: a volume's own, then each work's, so that every
    text's terms are stated in the book (a volume prints them in its colophon too)."""
    own = " ".join(str(edition.front_matter["rights"]).split())
    works = [f"{w['title']}: {w['rights']}" for w in edition.front_matter.get("contents", ())]
    return " ".join([own, *works])


def description(edition: Edition) -> str:
    """The book in a sentence, for catalogues (dc:description, the PDF's subject)."""
    meta = edition.front_matter
    if not edition.works:
        return (f"A critical edition of {edition.title} by {meta['author']}, {meta['date']}, "
                "with textual notes.")
    title = edition.title + (f": {meta['subtitle']}" if meta.get("subtitle") else "")
    works = "; ".join(f"{w['title']} by {w['author']} ({w['date']})"
                      for w in meta.get("contents", ()))
    return (f"{title}, edited by {meta['editor']}: critical editions, with textual notes, "
            f"of {works}.")


def identifier(edition: Edition) -> str:
    """A stable identifier, so the same edition always gets the same EPUB id."""
    name = f"editio:{edition.work_id}:{edition.front_matter.get('version', '0')}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def output_path(project: Project, work_id: str, ext: str) -> Path:
    return project.dist_dir / f"{work_id}.{ext}"
