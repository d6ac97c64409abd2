"""A volume's PDF typeset in parts: front matter, one part per work, back matter.

A course reader of twenty works is 600 pages; laid out whole, a one-word change in one
work lays out every page again. Here each part is laid out on its own, with the same
stylesheets and its first page's place in the book (folio, recto or verso, index for
@page :first/:nth), and its PDF is kept in dist/.cache/<volume>/ under a digest of all
it was made from; a build lays out only the parts whose digest changed, and pdf_merge
joins the parts into one PDF.

What a part cannot know alone, it is told:
- where it starts: the page counts of the parts before it (a changed count moves the
  later parts, which are then laid out again with their new folios);
- the blank page the book leaves before the next part when that part opens on a recto:
  the next part's first heading, emptied, is laid out after the part (a probe) and the
  page it lands on is dropped, so WeasyPrint itself decides whether a blank comes first;
- the page numbers of the contents (target-counter to another part): given as text by a
  stylesheet of the part's own, made from the profile's rules (literal_target_counters);
- links to other parts: a placeholder anchor, so WeasyPrint writes the link with its
  named destination, which pdf_merge resolves in the book.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import tinycss2
import weasyprint

from editio.base.errors import ToolError
from editio.base.outputs import atomic_output
from editio.base.pandoc_ast import Node, attr, content, iter_nodes
from editio.base.project import Project
from editio.base.spans import opened_work
from editio.edition.cache import package_digest
from editio.edition.work import Edition
from editio.formats.pdf import merge as pdf_merge
from editio.formats.pdf import writer as pdf

PROBE_ID = "editio-next-part"


@dataclass(frozen=True)
class Part:
    """Whole top-level sections of the volume's document, laid out together."""

    name: str  # "front", a work id, or "back"
    blocks: list[Node]
    probe: Node | None  # the next part's first heading, emptied (None for the last part)

    @property
    def note_prefix(self) -> str:
        # notes are numbered in each part: the ids must stay unique in the book
        return "" if self.name == "front" else f"{self.name}-"


@dataclass(frozen=True)
class TypesetPart:
    """A part's PDF in the cache and what the book needs to know of it."""

    name: str
    path: Path
    first_folio: int  # its first page's number in the book (1-based)
    pages: int
    anchors: dict[str, int]  # the ids it holds -> page index in the part
    laid_out: bool  # typeset in this build, not taken from the cache


class PartsError(ToolError):
    """A volume whose document cannot be cut into parts that start on their own page."""


def split_volume(edition: Edition) -> list[Part]:
    """The volume's top-level blocks cut at its level-1 headings (pandoc's sections):
    the blocks before the first work, each work, and the blocks after the last work."""
    blocks = edition.doc["blocks"]
    cuts: list[tuple[int, str]] = []
    after_works = False
    for i, block in enumerate(blocks):
        if block.get("t") != "Header" or block["c"][0] != 1:
            continue
        work = opened_work(block)
        if work:
            cuts.append((i, work))
        elif cuts and not after_works:
            cuts.append((i, "back"))
            after_works = True
    if not cuts or cuts[0][0] == 0:
        raise PartsError(f"{edition.work_id}: no front matter before the first work")
    bounds = [(0, "front"), *cuts, (len(blocks), "")]
    parts = []
    for (start, name), (end, _) in zip(bounds, bounds[1:], strict=False):
        following = blocks[end] if end < len(blocks) else None
        probe = None
        if following is not None:
            probe = copy.deepcopy(following)
            probe["c"][1] = attr(PROBE_ID, list(following["c"][1][1]))
            probe["c"][2] = []
        parts.append(Part(name, blocks[start:end], probe))
    return parts


def _ids(blocks: list[Node]) -> set[str]:
    found = set()
    for node in iter_nodes(blocks):
        t, c = node.get("t"), content(node)
        a = c[1] if t == "Header" else c[0] if t in ("Div", "Span") else None
        if a and a[0]:
            found.add(a[0])
    return found


def _links(blocks: list[Node]) -> set[str]:
    return {n["c"][2][0][1:] for n in iter_nodes(blocks)
            if n.get("t") == "Link" and n["c"][2][0].startswith("#")}


def _is_target_counter(token: tinycss2.ast.Node) -> bool:
    return token.type == "function" and token.lower_name == "target-counter" and \
        "".join(tinycss2.serialize(token.arguments).split()) == "attr(href),page"


def _with_href(selector: str, name: str) -> str:
    test = f'[href="#{name}"]'
    base, sep, pseudo = selector.partition("::")
    return f"{base}{test}{sep}{pseudo}"


def literal_target_counters(stylesheets: list[Path], folios: dict[str, int]) -> str:
    """Rules that print `target-counter(attr(href), page)` as the known folio of each
    target in `folios`, for the links to other parts: the profile's own rules, each
    narrowed to one target, so leaders and spacing stay the style's."""
    rules = []
    for path in stylesheets:
        for rule in tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"),
                                              skip_comments=True, skip_whitespace=True):
            if rule.type != "qualified-rule":
                continue
            for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                        skip_whitespace=True):
                if decl.type != "declaration" or decl.lower_name != "content" or \
                        not any(_is_target_counter(t) for t in decl.value):
                    continue
                selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
                for name, folio in sorted(folios.items()):
                    value = "".join(f'"{folio}"' if _is_target_counter(t)
                                    else tinycss2.serialize([t]) for t in decl.value)
                    rules.append(f"{', '.join(_with_href(s, name) for s in selectors)} "
                                 f"{{ content: {value.strip()}; }}")
    return "\n".join(rules)


def _part_css(first_folio: int, contents: str) -> str:
    """The part's own stylesheet: its first folio and side, and the contents' numbers."""
    side = "right" if first_folio % 2 else "left"
    css = [f"html {{ break-before: {side}; }}"]
    if first_folio > 1:
        css.append(f"@page :nth({first_folio}) {{ counter-increment: page {first_folio}; }}")
    return "\n".join([*css, contents])


class _Cache:
    """dist/.cache/<volume>/<part>.pdf and .json: the part and what is known of it."""

    def __init__(self, project: Project, edition: Edition, setter: pdf.Typesetter):
        self.folder = project.cache_dir / edition.work_id
        h = hashlib.sha256(package_digest().encode())
        h.update(f"weasyprint {weasyprint.__version__}".encode())
        for path in [*pdf.stylesheet_paths(edition.profile),
                     *pdf.template_paths(project, edition.profile)]:
            h.update(path.name.encode() + path.read_bytes())
        for face in setter.faces:  # instances are named by their digest
            h.update(f"{face}|{face.path.stat().st_size}".encode())
        h.update(json.dumps([edition.doc["meta"], str(edition.profile.pdf)],
                            sort_keys=True, default=str).encode())
        self.common = h.hexdigest()
        # the front matter's date is the build's day; the book's time (its last commit, or
        # outside git its newest file, which every edit moves) is only in the document
        # info and XMP, which pdf_merge writes for the book: not a reason to lay out again
        self.dated = json.dumps(edition.front_matter, sort_keys=True, default=str)
        self.undated = json.dumps({k: v for k, v in edition.front_matter.items()
                                   if k != "date"}, sort_keys=True, default=str)

    def digest(self, part: Part, html_key: str) -> str:
        h = hashlib.sha256(self.common.encode())
        h.update((self.dated if part.name == "front" else self.undated).encode())
        h.update(json.dumps([part.blocks, part.probe], sort_keys=True).encode())
        h.update(html_key.encode())
        return h.hexdigest()

    def load(self, name: str, digest: str | None = None) -> TypesetPart | None:
        meta = self.folder / f"{name}.json"
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        path = self.folder / f"{name}.pdf"
        if (digest is not None and data.get("digest") != digest) or not path.is_file():
            return None
        return TypesetPart(name, path, data["first_folio"], data["pages"], data["anchors"],
                           laid_out=False)

    def store(self, part: TypesetPart, digest: str) -> None:
        with atomic_output(self.folder / f"{part.name}.json") as tmp:
            tmp.write_text(json.dumps({"digest": digest, "first_folio": part.first_folio,
                                       "pages": part.pages, "anchors": part.anchors},
                                      sort_keys=True), encoding="utf-8")


def _typeset(setter: pdf.Typesetter, cache: _Cache, part: Part, first_folio: int,
             folios: dict[str, int]) -> TypesetPart:
    """The part from the cache, or laid out now (with the folios of other parts' ids)."""
    linked = _links(part.blocks)
    outside = {n: f for n, f in folios.items() if n in linked}
    contents = literal_target_counters(pdf.stylesheet_paths(setter.edition.profile),
                                       outside) if outside else ""
    css = _part_css(first_folio, contents)
    digest = cache.digest(part, css)
    cached = cache.load(part.name, digest)
    if cached is not None:
        return cached
    blocks = part.blocks + ([part.probe] if part.probe else [])
    html = pdf.render_html(setter.project, setter.edition, setter.faces, blocks,
                           note_prefix=part.note_prefix)
    # a part WeasyPrint warned about is not kept: the next build would take it from the
    # cache and not hear the warning again
    with pdf.weasyprint_warnings() as messages:
        made = _lay_out(setter, cache, part, html, css, first_folio)
        pdf.refuse_warnings(setter.project, setter.edition, messages)
    cache.store(made, digest)
    return made


def _lay_out(setter: pdf.Typesetter, cache: _Cache, part: Part, html: str, css: str,
             first_folio: int) -> TypesetPart:
    document = setter.lay_out(html, css, first_index=first_folio - 1,
                              recto_first=first_folio % 2 == 1)
    pages = document.pages
    if part.probe is not None:
        if PROBE_ID not in pages[-1].anchors or len(pages[-1].anchors) > 1:
            raise PartsError(f"{setter.edition.work_id}: the part after '{part.name}' does "
                             "not start on a page of its own",
                             hint="the profile's CSS must break the page before each work "
                                  "and before the back matter")
        pages = pages[:-1]  # the probe's page: what is left is the part and its blank
    anchors: dict[str, int] = {}
    for i, page in enumerate(pages):
        for name in page.anchors:  # an element on several pages is named on each
            anchors.setdefault(name, i)
    for target in _links(part.blocks) - set(anchors):
        # a link to another part: WeasyPrint writes it with its named destination only
        # when the name is in the document; pdf_merge points it at the right page
        pages[0].anchors.setdefault(target, (0, 0, 0, 0))
    document = document.copy(pages)
    cache.folder.mkdir(parents=True, exist_ok=True)
    path = cache.folder / f"{part.name}.pdf"
    with atomic_output(path) as tmp:
        setter.write(document, tmp, soft_hyphens="\u2010" not in html)
    return TypesetPart(part.name, path, first_folio, len(pages), anchors, laid_out=True)


def typeset_parts(setter: pdf.Typesetter) -> list[TypesetPart]:
    """Every part of the volume, from the cache where nothing it depends on changed."""
    edition = setter.edition
    parts = split_volume(edition)
    cache = _Cache(setter.project, edition, setter)
    front, rest = parts[0], parts[1:]
    known = cache.load(front.name)  # the last build's front matter: its length, likely
    if known is None:  # the first build: the contents' numbers are not known yet
        unknown = dict.fromkeys(_links(front.blocks) - _ids(front.blocks), 0)
        known = _typeset(setter, cache, front, 1, unknown)
    front_pages = known.pages
    for _ in range(3):  # the contents' length does not depend on its numbers: once, mostly
        folio, typeset = front_pages + 1, []
        for part in rest:
            typeset.append(_typeset(setter, cache, part, folio, {}))
            folio += typeset[-1].pages
        folios = {name: t.first_folio + index for t in typeset
                  for name, index in t.anchors.items()}
        first = _typeset(setter, cache, front, 1, folios)
        if first.pages == front_pages:
            return [first, *typeset]
        front_pages = first.pages
    raise PartsError(f"{edition.work_id}: the contents' length does not settle")


def write_volume_pdf(project: Project, edition: Edition, target: Path) -> Path:
    """The volume's PDF from its parts, each laid out only when it changed."""
    with pdf.typesetter(project, edition) as setter, pdf.weasyprint_warnings() as messages:
        parts = typeset_parts(setter)
        with atomic_output(target) as tmp:
            pdf_merge.merge([pdf_merge.Source(p.path, set(p.anchors)) for p in parts],
                            tmp, pdf.metadata(edition))
            pdf.refuse_warnings(project, edition, messages)
    return target
