"""The EPUB that pandoc wrote, finished for reading systems and accessibility checkers.

pandoc writes the content documents; this adds what it does not: each document titled by its
heading, epub:type and DPUB-ARIA roles per part of the edition, landmarks, print-page
navigation (page breaks and the nav's page-list), notes linked both ways with the back link
at the end of the note (a note that begins with its back link breaks Kobo, jgm/pandoc#9851),
each work's author's notes numbered from 1 in a volume, and the accessibility metadata of
EPUB Accessibility 1.1, stating only what the book has.
"""

from __future__ import annotations

import copy
import posixpath
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from editio.base.project import EpubAccessibility
from editio.base.spans import WORK_KEY, WORK_OPENING
from editio.base.xmltree import must_find
from editio.edition.work import WorkFacts

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
NS = {"x": XHTML, "epub": OPS, "opf": OPF, "dc": DC}
EPUB_TYPE = f"{{{OPS}}}type"

# class of a part (set by edition.py, apparatus.py, volume.py) -> epub:type, role, landmark
PARTS = (
    ("work-opening", "part", "doc-part", None),
    ("note-on-text", "foreword", "doc-foreword", "foreword"),
    ("work-text", "chapter", "doc-chapter", "bodymatter"),
    ("apparatus", "endnotes", "doc-endnotes", "endnotes"),
    ("bibliography", "bibliography", "doc-bibliography", "bibliography"),
    ("colophon", "colophon", "doc-colophon", "colophon"),
)
LANDMARK_LABELS = {"toc": "Contents", "titlepage": "Title page", "foreword": "Note on the text",
                   "bodymatter": "Text", "endnotes": "Textual notes",
                   "bibliography": "Bibliography", "colophon": "Colophon"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
BACK = "\u21a9\ufe0e"  # ↩, as text rather than emoji


@dataclass
class Finished:
    """What the finishing found, for the metadata and for tests."""

    page_breaks: list[tuple[str, str]] = field(default_factory=list)  # (href, label)
    paged_works: list[str] = field(default_factory=list)  # prefixes of works with page breaks
    # page-break elements in reading order, labelled once the whole book is read
    pending_pages: list[tuple[etree._Element, str, WorkFacts, str]] = field(
        default_factory=list)
    landmarks: dict[str, str] = field(default_factory=dict)  # epub:type -> href
    footnotes: int = 0
    notes_sections: list[tuple[str, str, str]] = field(default_factory=list)  # href, part, id
    textual_notes: int = 0
    tables: int = 0
    images: int = 0
    problems: list[str] = field(default_factory=list)  # why a conformance claim is withheld
    app_entries: set[str] = field(default_factory=set)  # the textual notes' ids
    app_links: set[str] = field(default_factory=set)  # the ids the text links to
    cover: bool = False
    work: WorkFacts | None = None  # the work the last opening read opened


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def _add_type(el: etree._Element, value: str) -> None:
    kinds = (el.get(EPUB_TYPE) or "").split()
    if value not in kinds:
        el.set(EPUB_TYPE, " ".join([*kinds, value]))


def _opened_work(body: etree._Element, works: list[WorkFacts],
                 found: Finished) -> WorkFacts:
    """The work a content document holds, the documents read in spine order: the one its
    work-opening section names, else the one the last opening named (or the book's one)."""
    opened = next((el.get(f"data-{WORK_KEY}") for el in body.iter(f"{{{XHTML}}}section")
                   if WORK_OPENING in _classes(el)), None)
    if opened:
        found.work = next((w for w in works if w.prefix == opened), None)
    return found.work or works[0]


def _finish_document(root: etree._Element, href: str, works: list[WorkFacts], found: Finished,
                     counter: list[int]) -> None:
    body = must_find(root, f"{{{XHTML}}}body", f"pandoc's EPUB document {href}")
    _title_by_heading(root)
    body.set(EPUB_TYPE, _mark_parts(body, href, found) or "bodymatter")
    _mark_page_breaks(body, href, works, found)
    _number_and_link_notes(body, href, found, counter)
    _close_textual_notes(body, found)
    found.app_links.update((a.get("href") or "").split("#")[-1]
                           for a in body.iter(f"{{{XHTML}}}a")
                           if "corr-link" in _classes(a) and a.get("href"))
    found.tables += len(body.findall(f".//{{{XHTML}}}table"))
    images = body.findall(f".//{{{XHTML}}}img")
    found.images += len(images)
    if any(not (img.get("alt") or "").strip() for img in images):
        found.problems.append(f"{href}: an image without a text alternative")


def _title_by_heading(root: etree._Element) -> None:
    heading = root.find(f".//{{{XHTML}}}h1")
    if heading is None:
        heading = root.find(f".//{{{XHTML}}}h2")
    title = root.find(f"{{{XHTML}}}head/{{{XHTML}}}title")
    if title is not None and heading is not None:
        title.text = _text(heading)


def _mark_parts(body: etree._Element, href: str, found: Finished) -> str | None:
    """epub:type and role on each part; returns the document's matter (front, body, back)."""
    matter = None
    # sections carry their heading's classes (pandoc), divs their own
    for el in body.iter(f"{{{XHTML}}}section", f"{{{XHTML}}}div"):
        classes = _classes(el)
        if "title-page" in classes:
            _add_type(el, "titlepage")
            found.landmarks.setdefault("titlepage", f"{href}#{el.get('id')}")
            matter = matter or "frontmatter"
        elif "contents" in classes:
            matter = matter or "frontmatter"
        for cls, kind, role, landmark in PARTS:
            if cls not in classes:
                continue
            target = el
            if el.tag == f"{{{XHTML}}}div":  # the apparatus and colophon divs wrap a section
                inner = el.find(f"{{{XHTML}}}section")
                target = inner if inner is not None else el
            _add_type(target, kind)
            target.set("role", role)
            if landmark:
                found.landmarks.setdefault(landmark, f"{href}#{target.get('id')}")
            matter = matter or {"foreword": "frontmatter", "part": "bodymatter",
                                "chapter": "bodymatter"}.get(kind, "backmatter")
    return matter


def _mark_page_breaks(body: etree._Element, href: str, works: list[WorkFacts],
                      found: Finished) -> None:
    work = _opened_work(body, works, found)
    first_seen: set[str] = set()
    for span in list(body.iter(f"{{{XHTML}}}span")):
        if "pb" not in _classes(span) or not span.get("id"):
            continue
        number = span.get("data-page") or ""  # the page as data, never its text "|5"
        if not number:
            continue
        if work.prefix not in first_seen:
            first_seen.add(work.prefix)
            if "pb-first" not in _classes(span):  # not finished already
                _mark_first_page(span, number, found, href, work)
        _add_type(span, "pagebreak")
        span.set("role", "doc-pagebreak")
        found.pending_pages.append((span, href, work, number))
        if work.prefix not in found.paged_works:
            found.paged_works.append(work.prefix)


def _mark_first_page(span: etree._Element, number: str, found: Finished, href: str,
                     work: WorkFacts) -> None:
    """The page the text begins on, the one before its first break: pandoc's text marks only
    where pages end, so "go to page 4" would find nothing in an essay printed on pp. 4-12."""
    if not number.isdigit() or int(number) < 2:
        return
    text = next((s for s in span.iterancestors(f"{{{XHTML}}}section")
                 if "work-text" in _classes(s)), None)
    heading = text.find(f"{{{XHTML}}}h1") if text is not None else None
    if heading is None and text is not None:
        heading = next((h for h in text if etree.QName(h).localname in
                        ("h2", "h3", "h4")), None)
    if heading is None:
        return
    first = str(int(number) - 1)
    prefix = f"{work.prefix}-" if work.prefix else ""
    marker = etree.Element(f"{{{XHTML}}}span", {
        "id": f"{prefix}pb-{first}", "class": "pb pb-first", "data-page": first})
    marker.text = ""
    # after the heading: the page begins with the text, which the heading names
    heading.addnext(marker)
    marker.tail = heading.tail
    heading.tail = None
    # collected in reading order, before the break that follows it
    found.pending_pages.append((marker, href, work, first))
    _add_type(marker, "pagebreak")
    marker.set("role", "doc-pagebreak")


def label_pages(found: Finished) -> None:
    """Page labels are the page numbers, as the print edition prints them; a work's short
    title goes before the number only where two works of a volume share that number."""
    owners: dict[str, set[str]] = {}
    for _, _, work, number in found.pending_pages:
        owners.setdefault(number, set()).add(work.prefix)
    for span, href, work, number in found.pending_pages:
        shared = len(owners[number]) > 1
        label = f"{work.short_title} {number}" if shared else number
        span.set("aria-label", label)
        span.set("title", f"{work.title}, page {number}" if work.prefix else f"page {number}")
        found.page_breaks.append((f"{href}#{span.get('id')}", label))


def _number_and_link_notes(body: etree._Element, href: str, found: Finished,
                           counter: list[int]) -> None:
    # pandoc numbers notes through the whole book; as in the PDF, they count from 1 in each
    # work, and again in its text (whose textual notes cite them so: "n. 2")
    note_numbers: dict[str, int] = {}  # note id -> number; pandoc's ids are per document
    calls: dict[str, etree._Element] = {}  # note id -> its call
    for el in body.iter(f"{{{XHTML}}}section", f"{{{XHTML}}}a"):
        if el.tag == f"{{{XHTML}}}section":
            if _classes(el) & {"work-opening", "work-text"}:
                counter[0] = 0
        elif "footnote-ref" in _classes(el):
            counter[0] += 1
            note_id = (el.get("href") or "").split("#")[-1]
            note_numbers[note_id] = counter[0]
            calls[note_id] = el
            for child in list(el):
                el.remove(child)
            # a superscript call: on the baseline, "education.1" reads as a number
            el.text = None
            etree.SubElement(el, f"{{{XHTML}}}sup").text = str(counter[0])
            el.set("aria-label", f"note {counter[0]}")
    for aside in list(body.iter(f"{{{XHTML}}}aside")):
        ident = aside.get("id")
        if aside.get(EPUB_TYPE) != "footnote" or not ident:
            continue
        found.footnotes += 1
        number = note_numbers.get(ident)
        call = calls.get(ident)
        if call is not None and call.get("id") and \
                not aside.xpath(".//x:a[@role='doc-backlink']", namespaces=NS):
            _append_back_link(aside, f"#{call.get('id')}",
                              f"back to note {number}" if number else "back to the text")
        if number is not None:
            _label_note(aside, number)
        if call is not None:
            _file_note(aside, call, href, found)
    # pandoc's one notes section at the end of the document, emptied by _file_note
    for section in body.findall(f"{{{XHTML}}}section"):
        if "footnotes-end-of-document" in _classes(section) and \
                section.find(f"{{{XHTML}}}aside") is None:
            body.remove(section)


def _label_note(aside: etree._Element, number: int) -> None:
    """The note's number leads it, as on a printed page: where a reading system shows the
    notes in the flow rather than popping them up, each says which call it answers."""
    first = aside.find(f".//{{{XHTML}}}p")
    host = first if first is not None else aside
    if host.find(f"{{{XHTML}}}span[@class='note-number']") is not None:
        return  # finished already
    label = etree.Element(f"{{{XHTML}}}span", {"class": "note-number"})
    label.text = f"{number}."
    label.tail = " " + (host.text or "")
    host.text = None
    host.insert(0, label)


def _part_of(el: etree._Element) -> etree._Element | None:
    """The part (note on the text, text; else the outermost section) an element stands in."""
    outer = None
    for anc in el.iterancestors(f"{{{XHTML}}}section"):
        if _classes(anc) & {"note-on-text", "work-text"}:
            return anc
        if "footnotes" not in _classes(anc):
            outer = anc
    return outer


def _file_note(aside: etree._Element, call: etree._Element, href: str, found: Finished) -> None:
    """Move the note to a "Notes" section at the end of the part that calls it: in a volume
    one document holds a work's note on the text and its text, each numbering from 1, and
    pandoc's single list at the document's end would mix them after the textual notes."""
    part = _part_of(call)
    parent = aside.getparent()
    if part is None or parent is not None and parent.get("data-notes-of") == part.get("id"):
        return
    notes = next((s for s in part.findall(f"{{{XHTML}}}section")
                  if s.get("data-notes-of") == part.get("id")), None)
    if notes is None:
        heading = next((h for h in part if etree.QName(h).localname in
                        ("h1", "h2", "h3", "h4", "h5")), None)
        level = int(etree.QName(heading).localname[1]) + 1 if heading is not None else 2
        notes_id = f"{part.get('id')}-notes"
        notes = etree.SubElement(part, f"{{{XHTML}}}section", {
            "id": notes_id, "class": "footnotes",
            EPUB_TYPE: "footnotes", "data-notes-of": part.get("id") or ""})
        h = etree.SubElement(notes, f"{{{XHTML}}}h{min(level, 6)}",
                             {"class": "notes-heading"})
        h.text = "Notes"
        notes.text = h.tail = "\n"
        notes.tail = "\n"
        found.notes_sections.append((href, part.get("id") or "", notes_id))
    notes.append(aside)
    aside.tail = "\n"


def _close_textual_notes(body: etree._Element, found: Finished) -> None:
    """The location leads each entry as text; the link back to the reading closes it."""
    for entry in body.iter(f"{{{XHTML}}}div"):
        if "app-entry" not in _classes(entry):
            continue
        found.textual_notes += 1
        found.app_entries.add(entry.get("id") or "")
        loc = entry.find(f".//{{{XHTML}}}a[@class='app-loc']")
        back = loc.get("href") if loc is not None else None
        if loc is None or back is None:
            continue
        loc.tag = f"{{{XHTML}}}span"
        del loc.attrib["href"]
        _append_back_link(entry, back, f"back to {_text(loc)} in the text")


def _append_back_link(note: etree._Element, href: str, label: str) -> None:
    paras = note.findall(f".//{{{XHTML}}}p")
    host = paras[-1] if paras else note
    if len(host):
        last = host[-1]
        last.tail = (last.tail or "") + " "
    else:
        host.text = (host.text or "") + " "
    link = etree.SubElement(host, f"{{{XHTML}}}a", {"href": href, "role": "doc-backlink",
                                                     "class": "backlink", "aria-label": label})
    link.text = BACK


def _list_notes_sections(toc: etree._Element, found: Finished, nav_dir: str) -> None:
    """Each part's "Notes" (added after pandoc wrote the nav) listed last under the part."""
    for href, part, notes_id in found.notes_sections:
        target = posixpath.relpath(href, nav_dir) if nav_dir else href
        entry = next((a.getparent() for a in toc.iter(f"{{{XHTML}}}a")
                      if a.get("href") == f"{target}#{part}"), None)
        if entry is None or any(a.get("href") == f"{target}#{notes_id}"
                                for a in entry.iter(f"{{{XHTML}}}a")):
            continue
        sub = entry.find(f"{{{XHTML}}}ol")
        if sub is None:
            sub = etree.SubElement(entry, f"{{{XHTML}}}ol", {"class": "toc"})
        li = etree.SubElement(sub, f"{{{XHTML}}}li")
        etree.SubElement(li, f"{{{XHTML}}}a", {"href": f"{target}#{notes_id}"}).text = "Notes"


def _finish_nav(root: etree._Element, found: Finished, nav_dir: str) -> None:
    body = must_find(root, f"{{{XHTML}}}body", "pandoc's EPUB navigation document")
    for nav in body.findall(f"{{{XHTML}}}nav"):
        if nav.get(EPUB_TYPE) in ("landmarks", "page-list"):
            body.remove(nav)
        elif nav.get(EPUB_TYPE) == "toc":
            # a heading's spans (an emendation's anchor) are no TOC entry's business, and
            # EPUB forbids an empty one there
            etree.strip_tags(nav, f"{{{XHTML}}}span")
            _list_notes_sections(nav, found, nav_dir)

    def rel(href: str) -> str:
        return posixpath.relpath(href, nav_dir) if nav_dir else href

    def nav_list(kind: str, role: str | None, heading: str,
                 items: Sequence[tuple[str, str, str | None]]) -> None:
        nav = etree.SubElement(body, f"{{{XHTML}}}nav", {EPUB_TYPE: kind, "id": kind,
                                                          "hidden": "hidden"})
        if role:
            nav.set("role", role)
        h = etree.SubElement(nav, f"{{{XHTML}}}h2")
        h.text = heading
        ol = etree.SubElement(nav, f"{{{XHTML}}}ol")
        for href, label, item_type in items:
            li = etree.SubElement(ol, f"{{{XHTML}}}li")
            a = etree.SubElement(li, f"{{{XHTML}}}a", {"href": href})
            if item_type:
                a.set(EPUB_TYPE, item_type)
            a.text = label
        nav.tail = "\n"

    landmarks = [("#toc", LANDMARK_LABELS["toc"], "toc")]
    landmarks += [(rel(href), LANDMARK_LABELS[kind], kind) for kind, href in sorted(
        found.landmarks.items(), key=lambda kv: list(LANDMARK_LABELS).index(kv[0]))]
    nav_list("landmarks", None, "Landmarks", landmarks)
    if found.page_breaks:
        nav_list("page-list", "doc-pagelist", "Pages",
                 [(rel(href), label, None) for href, label in found.page_breaks])


def summary_of(found: Finished, works: list[WorkFacts], claim: str | None) -> str:
    """An accessibility summary stating what this book has, and nothing it has not."""
    volume = any(w.prefix for w in works)
    what = ("Apart from a cover image that repeats its title page, this " if found.cover
            else "This ")
    parts = [f"{what}{'volume' if volume else 'edition'} is text only, with no images, audio "
             "or video, and reflows to the reader's own font and size."]
    if claim:
        parts.append(f"It meets {claim}.")
    if volume:
        parts.append(f"It binds {len(works)} works. A table of contents, landmarks and "
                     "headings for every section lead through the title page and contents, "
                     "then each work's opening, note on the text, text and textual notes, "
                     "then the bibliography and colophon, in reading order.")
    else:
        parts.append("A table of contents, landmarks and headings for every section lead "
                     "through the title page, note on the text, text, textual notes, "
                     "bibliography and colophon, in reading order.")
    if found.page_breaks:
        paged = [w for w in works if w.prefix in found.paged_works]
        if volume:
            counts = {w.prefix: 0 for w in paged}
            for _, _, work, _ in found.pending_pages:
                counts[work.prefix] += 1
            each = "; ".join(f"{w.title}, {counts[w.prefix]} pages of {w.source}"
                             for w in paged)
            unpaged = [w.title for w in works if w.prefix not in found.paged_works]
            parts.append(f"The pages of each work's own print edition are marked in its text "
                         f"and listed for page navigation by their numbers ({each})."
                         + (f" {_join(unpaged)} {'has' if len(unpaged) == 1 else 'have'} no "
                            "page numbers." if unpaged else ""))
        else:
            parts.append(f"The {len(found.page_breaks)} pages of the print edition "
                         f"({paged[0].source}) are marked in the text, from the first, and "
                         "listed for page navigation by their numbers.")
    if found.footnotes:
        parts.append(f"The {found.footnotes} notes are numbered, follow the part that calls "
                     "them under the heading Notes, and link to the text and back.")
    if found.textual_notes:
        linked = len(found.app_entries & found.app_links)
        if linked == found.textual_notes:
            parts.append(f"Each of the {found.textual_notes} textual notes links to the "
                         "emended reading and back.")
        else:
            parts.append(f"The {found.textual_notes} textual notes link back to the text; "
                         f"{linked} of them are linked from it.")
    if found.tables:
        parts.append("Tables have header rows.")
    return " ".join(parts)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _finish_opf(root: etree._Element, found: Finished, works: list[WorkFacts],
                claims: EpubAccessibility) -> None:
    metadata = must_find(root, f"{{{OPF}}}metadata", "pandoc's EPUB package document")
    for meta in list(metadata):
        prop = meta.get("property") or ""
        if prop.startswith(("schema:access", "a11y:", "dcterms:conformsTo", "pageBreakSource")) or \
                meta.tag == f"{{{DC}}}source":
            metadata.remove(meta)

    # new entries are copies of pandoc's own, so they keep its (unprefixed) namespaces
    meta_model = must_find(metadata, f"{{{OPF}}}meta", "pandoc's EPUB package document")
    dc_model = must_find(metadata, f"{{{DC}}}title", "pandoc's EPUB package document")

    def add(prop: str, value: str) -> None:
        el = copy.deepcopy(meta_model)
        el.attrib.clear()
        el.set("property", prop)
        el.text = value
        el.tail = "\n    "
        metadata.append(el)

    def add_dc(name: str, value: str) -> None:
        el = copy.deepcopy(dc_model)
        el.tag = f"{{{DC}}}{name}"
        el.attrib.clear()
        el.text = value
        el.tail = "\n    "
        metadata.append(el)

    for work in works:
        if work.source:
            add_dc("source", work.source)
    paged = [w for w in works if w.prefix in found.paged_works]
    if any(not w.source for w in paged):
        found.problems.append("page breaks without a print edition to name as their source")
    met = not found.problems
    claim = claims.conforms_to if claims.conforms_to and met else None
    add("schema:accessMode", "textual")
    add("schema:accessModeSufficient", "textual")
    features = ["tableOfContents", "structuralNavigation", "readingOrder",
                "displayTransformability", "ARIA"]
    if found.page_breaks:
        features += ["printPageNumbers", "pageNavigation"]
    if found.images:
        features.append("alternativeText")
    for feature in features:
        add("schema:accessibilityFeature", feature)
    add("schema:accessibilityHazard", "none")
    add("schema:accessibilitySummary", claims.summary or summary_of(found, works, claim))
    for work in paged:  # a volume's works keep their own print editions' pages
        add("pageBreakSource", work.source)
    if claim:
        add("dcterms:conformsTo", claim)
        if claims.certified_by:
            add("a11y:certifiedBy", claims.certified_by)


def _order_spine(opf: etree._Element, nav_id: str) -> None:
    """The book opens on its title page: pandoc's nav (first in its spine) goes last and out
    of the linear order, where reading systems show it as their table of contents."""
    spine = must_find(opf, f"{{{OPF}}}spine", "pandoc's EPUB package document")
    nav_ref = spine.find(f"{{{OPF}}}itemref[@idref='{nav_id}']")
    if nav_ref is None:
        return
    tail = spine[-1].tail if len(spine) else None
    spine.remove(nav_ref)
    nav_ref.set("linear", "no")
    spine.append(nav_ref)
    for ref in spine:
        ref.tail = "\n    "
    nav_ref.tail = tail


COVER = "media/cover.png"


def _add_cover(opf: etree._Element, files: dict[str, bytes], base: str,
               cover: bytes) -> zipfile.ZipInfo | None:
    """The cover image, for reading systems' shelves and thumbnails: `cover-image` in the
    manifest (EPUB 3) and the `cover` meta that EPUB 2 readers (and calibre) look for."""
    manifest = must_find(opf, f"{{{OPF}}}manifest", "pandoc's EPUB package document")
    name = posixpath.join(base, COVER)
    new = name not in files
    files[name] = cover
    if manifest.find(f"{{{OPF}}}item[@id='cover-image']") is None:
        item = etree.SubElement(manifest, f"{{{OPF}}}item", {
            "id": "cover-image", "href": COVER, "media-type": "image/png",
            "properties": "cover-image"})
        item.tail = "\n  "
        metadata = must_find(opf, f"{{{OPF}}}metadata", "pandoc's EPUB package document")
        meta = etree.SubElement(metadata, f"{{{OPF}}}meta", {"name": "cover",
                                                             "content": "cover-image"})
        meta.tail = "\n  "
    return zipfile.ZipInfo(name) if new else None


def finish_epub(path: Path, works: list[WorkFacts], claims: EpubAccessibility,
                cover: bytes | None = None) -> Finished:
    """Rewrite the EPUB at `path` in place (the caller writes it atomically); `cover` is
    a PNG for the cover image."""
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        files = {i.filename: z.read(i.filename) for i in infos}
    container = etree.fromstring(files["META-INF/container.xml"])
    opf_name = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
    base = posixpath.dirname(opf_name)
    opf = etree.fromstring(files[opf_name])
    # the manifest: each item's id and href (EPUB requires both), the navigation document's
    items = list(opf.iterfind(".//opf:manifest/opf:item", NS))
    hrefs = {i.get("id", ""): i.get("href", "") for i in items}
    nav_id = next(i.get("id", "") for i in items
                  if "nav" in (i.get("properties") or "").split())
    nav_name = posixpath.join(base, hrefs[nav_id])
    found = Finished()
    counter = [0]  # the running note number, carried from document to document
    parsed: dict[str, etree._Element] = {}
    for ref in opf.iterfind(".//opf:spine/opf:itemref", NS):
        href = hrefs[ref.get("idref", "")]
        name = posixpath.join(base, href)
        if name == nav_name:
            continue
        root = etree.fromstring(files[name])
        _finish_document(root, href, works, found, counter)
        parsed[name] = root
    label_pages(found)
    found.cover = cover is not None
    _order_spine(opf, nav_id)
    added = _add_cover(opf, files, base, cover) if cover is not None else None
    nav = etree.fromstring(files[nav_name])
    _finish_nav(nav, found, posixpath.dirname(posixpath.relpath(nav_name, base)))
    parsed[nav_name] = nav
    _finish_opf(opf, found, works, claims)
    parsed[opf_name] = opf
    for name, root in parsed.items():
        if name == opf_name:
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            # lxml names the package namespace by pandoc's spare "opf:" prefix on new metas
            files[name] = data.replace(b"<opf:meta ", b"<meta ").replace(b"</opf:meta>",
                                                                         b"</meta>")
            continue
        for el in root.iter():
            # no <span/>: reading systems that parse the XHTML as HTML would not close it
            if el.text is None and len(el) == 0 and isinstance(el.tag, str) and \
                    etree.QName(el).localname not in VOID:
                el.text = ""
        files[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                     doctype="<!DOCTYPE html>")
    with zipfile.ZipFile(path, "w") as out:
        for info in infos:  # same order, dates and compression: mimetype first, stored
            out.writestr(info, files[info.filename], compress_type=info.compress_type)
        if added is not None:  # a PNG is compressed already
            added.date_time = infos[-1].date_time
            out.writestr(added, files[added.filename], compress_type=zipfile.ZIP_STORED)
    return found
