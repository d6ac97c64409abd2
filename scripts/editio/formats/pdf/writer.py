"""PDF: the edition's AST as HTML through a Jinja2 template, typeset by WeasyPrint."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
import jinja2.meta
import pyphen
from weasyprint import CSS, HTML
from weasyprint.anchors import gather_anchors
from weasyprint.css import StyleFor
from weasyprint.document import Document as LaidOut
from weasyprint.formatting_structure.boxes import Box
from weasyprint.layout.page import PageType
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from editio import __version__
from editio.base import pandoc
from editio.base.errors import ProjectError, SandboxError, ToolError
from editio.base.outputs import atomic_output
from editio.base.pandoc_ast import Document, LineBreak, Node, Span, attr, copy_doc, walk
from editio.base.project import Profile, Project
from editio.edition.apparatus import link_empty_readings
from editio.edition.work import Edition, description
from editio.formats.fonts import FONTTOOLS_NOTICE, FontFace, book_faces, subsets_dated
from editio.formats.pdf import tags as pdf_tags
from editio.formats.pdf.hyphenation import limit_hyphen_runs


class RefusedURLError(FatalURLFetchingError):
    """Raised inside WeasyPrint; FatalURLFetchingError stops the rendering."""

    def __init__(self, url: str, why: str):
        super().__init__(f"{url}: {why}")
        self.url = url
        self.why = why


class SandboxFetcher(URLFetcher):
    def __init__(self, allowed: tuple[Path, ...]):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.allowed = tuple(p.resolve() for p in allowed)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme != "file":
            raise RefusedURLError(url, "network access is not allowed")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.allowed):
            raise RefusedURLError(url, "outside the project's source, bib and styles folders")
        return super().fetch(url, headers)


def _inline_footnotes(blocks: list[Node], prefix: str = "") -> list[Node]:
    """Notes become spans in place, so CSS `float: footnote` sets them at the page foot;
    each has an id (fn-1, ..., or <prefix>fn-1 in a volume's part), which its call links to."""
    count = 0

    def note_to_span(node: Node) -> Node | None:
        nonlocal count
        if node.get("t") != "Note":
            return None
        inlines: list[Node] = []
        for i, block in enumerate(node["c"]):
            if i:
                inlines.append(LineBreak())
            if block.get("t") in ("Para", "Plain"):
                inlines.extend(block["c"])
        count += 1
        return Span(attr(f"{prefix}fn-{count}", ["footnote"]), inlines)

    return walk(blocks, note_to_span)


def load_hyphenation(lang: str) -> None:
    """Read a language's hyphenation patterns ahead of typesetting (about 50 ms); pyphen
    keeps them for the process, and WeasyPrint's first hyphenated line finds them read."""
    name = pyphen.language_fallback(lang)
    if name:
        pyphen.Pyphen(lang=name)


def render_html(project: Project, edition: Edition, fonts: list[FontFace],
                blocks: list[Node] | None = None, note_prefix: str = "") -> str:
    """The HTML of the edition, or of some of its top-level `blocks` (a volume's part)."""
    whole = edition.doc
    shown: Document = whole if blocks is None else {
        "pandoc-api-version": whole["pandoc-api-version"], "meta": whole["meta"], "blocks": blocks}
    doc = copy_doc(shown)
    # a reading with no words is reached by its ° mark, as in the EPUB and DOCX
    doc["blocks"] = link_empty_readings(_inline_footnotes(doc["blocks"], note_prefix))
    # Sections give each part its own page group, so CSS can find its opening page.
    body = pandoc.write(doc, "html5", None, ["--wrap=none", "--section-divs"])
    # the project's styles/pdf first, then editio's: a template may extend a default one
    templates = [folder / "pdf" for folder in project.style_dirs]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.globals["editio_version"] = __version__  # the generator the HTML names
    try:
        template = env.get_template(edition.profile.pdf_template)
    except jinja2.TemplateNotFound:
        raise ProjectError(f"template styles/pdf/{edition.profile.pdf_template} not found") \
            from None
    created = datetime.fromtimestamp(edition.epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    front = edition.front_matter
    return template.render(
        meta=front, title=edition.title, author=str(front["author"]),
        lang=str(front["lang"]), created=created, body=jinja2.utils.markupsafe.Markup(body),
        fonts=fonts, profile=edition.profile,
        subject=description(edition),
    )


def stylesheet_paths(profile: Profile) -> list[Path]:
    """The shared pdf-css, then the page CSS; a page CSS listed by hand is not read twice."""
    page = profile.page_css
    shared = [p for p in profile.pdf_css if p.resolve() != page]
    return [*shared, page]


def template_paths(project: Project, profile: Profile) -> list[Path]:
    """The profile's Jinja2 template and the templates it extends or includes."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(
        [folder / "pdf" for folder in project.style_dirs]))
    found: list[Path] = []
    pending = [profile.pdf_template]
    while pending:
        name = pending.pop()
        path = project.style(f"pdf/{name}")
        if path in found or not path.is_file():
            continue
        found.append(path)
        ast = env.parse(path.read_text(encoding="utf-8"))
        pending += [n for n in jinja2.meta.find_referenced_templates(ast) if n]
    return found


# A page's link as WeasyPrint gathers it: (kind, target, rectangle, box)
Link = tuple[str, object, object, Box]

# Margin numbers (paragraph numbers, the original's page numbers) stand in the outer margin:
# the CSS puts them in the recto's (right) margin; on a verso pdf.py mirrors them.
_MARGIN_CLASSES = {"pnum", "pb-n"}


def _margin_boxes(box: Box, containing: Box, found: list[tuple[Box, Box]]) -> None:
    """The margin-number boxes below `box`, each with its containing block."""
    element = getattr(box, "element", None)
    if element is not None and box.element_tag == "span" and \
            box.is_absolutely_positioned() and \
            _MARGIN_CLASSES & set((element.get("class") or "").split()):
        found.append((box, containing))
        return
    if box.style["position"] in ("relative", "absolute", "fixed"):
        containing = box
    for child in getattr(box, "children", ()):
        _margin_boxes(child, containing, found)


def _mirror_versos(document: LaidOut, recto_first: bool = True) -> int:
    """Move the margin numbers of every verso (left) page into its outer (left) margin.

    They are absolutely positioned, so nothing reflows: each box is mirrored about its
    containing block (the paragraph) and its lines are right-aligned instead of left-
    aligned -- what `left: <the recto's right>; text-align: right` would lay out, without
    a second layout of the whole document. The first page is a recto (a volume's part may
    start on a verso).
    """
    moved = 0
    for page in document.pages[1 if recto_first else 0::2]:
        found: list = []
        _margin_boxes(page._page_box, None, found)
        for box, containing in found:
            if containing is None:
                continue
            left = containing.padding_box_x()
            right = left + containing.padding_width()
            box.translate(left + right - 2 * box.position_x - box.margin_width(), 0)
            for line in getattr(box, "children", ()):
                inlines = list(getattr(line, "children", ()))
                if inlines:
                    end = max(i.position_x + i.margin_width() for i in inlines)
                    shift = box.content_box_x() + box.width - end
                    for inline in inlines:
                        inline.translate(shift, 0)
            moved += 1
    return moved


class _Collected(logging.Handler):
    """WeasyPrint's warnings in this thread (a volume's next work may be prepared beside)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # fontTools standing in for HarfBuzz's subsetter changes speed, not the PDF: the
        # scheduler says so once (fonts.subsetter_hint)
        if record.thread == self.thread and not record.getMessage().startswith(
                FONTTOOLS_NOTICE):
            self.messages.append(record.getMessage())


@contextmanager
def weasyprint_warnings() -> Iterator[list[str]]:
    """The warnings WeasyPrint logs inside the block (it logs, it never raises, for CSS it
    ignores, an anchor it cannot find, a font it cannot load)."""
    handler = _Collected()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


_AT_LINE = re.compile(r" at (\d+):(\d+)")


def _refuse_warnings(messages: list[str], what: str, path: Path | None = None) -> None:
    """A PDF that is not what its styles and document say is a failed build, not a log line."""
    if messages:
        at = _AT_LINE.search(messages[0])  # CSS warnings say where: "Ignored `x` at 75:1"
        raise ToolError(f"WeasyPrint ignored part of {what}:\n  " + "\n  ".join(messages),
                        path=path, line=int(at[1]) if at else None,
                        column=int(at[2]) if at else None,
                        hint="fix the CSS or markup it names; the PDF would print without it")


def _stylesheet(path: Path, fetcher: URLFetcher, fonts: FontConfiguration,
                profiles: dict | None = None) -> CSS:
    """A stylesheet, read once; its @color-profile rules go into `profiles`, which the
    layout is given too (WeasyPrint takes a PDF's output intent from there)."""
    with weasyprint_warnings() as messages:
        css = CSS(filename=str(path), url_fetcher=fetcher, font_config=fonts,
                  color_profiles=profiles)
    _refuse_warnings(messages, f"the stylesheet {path.name}", path)
    return css


def _link_note_calls(document: LaidOut) -> int:
    """Each footnote call links to its note, and the note's number back to the call.

    WeasyPrint makes the call and the number (::footnote-call, ::footnote-marker) from the
    note's element, and links neither; the links are set on the laid-out boxes, as HTML's
    href would set them, before the PDF is written.
    """
    linked = 0

    def visit(box: Box) -> None:
        nonlocal linked
        tag = getattr(box, "element_tag", None) or ""
        note_id = box.element.get("id") if getattr(box, "element", None) is not None else None
        if note_id and tag.endswith("::footnote-call"):
            box.style["anchor"] = f"{note_id}-call"
            box.link = ("url", ("internal", note_id))
            linked += 1
        elif note_id and tag.endswith("::footnote-marker"):
            box.link = ("url", ("internal", f"{note_id}-call"))
        for child in box.all_children() if hasattr(box, "all_children") else ():
            visit(child)

    for page in document.pages:
        visit(page._page_box)
        # WeasyPrint gathered links and anchors when it made the page: gather them again
        page.links, page.anchors, page.bookmarks, page.forms = [], {}, [], {None: []}
        gather_anchors(page._page_box, page.anchors, page.links, page.bookmarks, page.forms)
        page.links = _outermost_links(page._page_box, page.links)
    return linked


def _outermost_links(page_box: Box, links: list[Link]) -> list[Link]:
    """The links of a page less those of boxes inside a box with the same link.

    WeasyPrint gives every box inside a link (a citation's <span> and <em> inside its <a>)
    an annotation of its own over the same words: each became a Link inside the Link in
    the structure tree, and a second, third click target in the first's rectangle.
    """
    linked = {id(box): (kind, target) for kind, target, _, box in links}
    inner: set[int] = set()

    def visit(box: Box, outer: Box | None) -> None:
        here = linked.get(id(box))
        if here is not None and outer is not None and linked[id(outer)] == here:
            inner.add(id(box))
        elif here is not None:
            outer = box
        for child in box.all_children() if hasattr(box, "all_children") else ():
            visit(child, outer)

    visit(page_box, None)
    return [link for link in links if id(link[3]) not in inner]


@contextmanager
def _page_index_from(first: int) -> Iterator[None]:
    """@page :first and :nth(n) match a page by its index in the book, not in the part.

    WeasyPrint 70 matches page selectors in `StyleFor._page_type_match` on the PageType's
    index (0 = :first); a volume's part laid out alone sees its pages counted from 0, so
    the index is shifted by the part's first page while it is laid out. Named page groups
    (:nth(1 of part)) keep their own count: a part holds whole groups.
    """
    original = StyleFor._page_type_match
    if not first:
        yield
        return

    def match(selector: object, page_type: PageType) -> bool:
        return original(selector, page_type._replace(index=page_type.index + first))

    StyleFor._page_type_match = staticmethod(match)
    try:
        yield
    finally:
        StyleFor._page_type_match = staticmethod(original)


@dataclass
class Typesetter:
    """What every WeasyPrint run of one edition shares: fonts, stylesheets, the sandbox."""

    project: Project
    edition: Edition
    faces: list[FontFace]
    fetcher: SandboxFetcher
    fonts: FontConfiguration
    stylesheets: list[CSS]
    render: dict[str, bytes | bool | str | None]  # write_pdf's options
    profiles: dict[str, object]  # the stylesheets' @color-profile rules, by name (device-cmyk, --x)

    def lay_out(self, html: str, extra_css: str = "", first_index: int = 0,
                recto_first: bool = True) -> LaidOut:
        """The laid-out WeasyPrint Document of `html`; a volume's part gives its first page's
        index in the book, its side and a stylesheet of its own (folio, side, contents)."""
        # relative URLs in the template are read beside it (the project's or editio's)
        folder = self.project.style(f"pdf/{self.edition.profile.pdf_template}").parent
        source = HTML(string=html, base_url=str(folder) + "/",
                      url_fetcher=self.fetcher)
        extra = [CSS(string=extra_css, font_config=self.fonts)] if extra_css else []
        with _page_index_from(first_index), limit_hyphen_runs():
            document = source.render(font_config=self.fonts, color_profiles=self.profiles,
                                     stylesheets=self.stylesheets + extra, **self.render)
        _mirror_versos(document, recto_first)  # one layout: the verso numbers move
        _link_note_calls(document)
        return document

    def write(self, document: LaidOut, path: Path, soft_hyphens: bool) -> None:
        """The tagged PDF of a laid-out document, finished (pdf_tags) in place."""
        with pdf_tags.tagging(), subsets_dated(self.edition.epoch):
            document.write_pdf(path, **self.render)
        pdf_tags.finish(path, metadata(self.edition), soft_hyphens=soft_hyphens)


def metadata(edition: Edition) -> pdf_tags.Metadata:
    return pdf_tags.Metadata(
        title=edition.title, creator=str(edition.front_matter["author"]),
        lang=str(edition.front_matter["lang"]),
        subject=description(edition),
        created=datetime.fromtimestamp(edition.epoch, UTC))


@contextmanager
def typesetter(project: Project, edition: Edition) -> Iterator[Typesetter]:
    """The edition's Typesetter; WeasyPrint's failures inside the block become ours."""
    faces = book_faces(edition.profile.font, stylesheet_paths(edition.profile))
    fetcher = SandboxFetcher(project.readable_roots() + tuple({f.path.parent for f in faces}))
    options = edition.profile.pdf
    render = {"pdf_tags": True, "pdf_variant": options.variant,
              "pdf_identifier": edition.work_id.encode()}
    fonts = FontConfiguration()
    try:
        # inside the try: a stylesheet's @import or url() goes through the sandbox too
        profiles: dict[str, object] = {}
        stylesheets = [_stylesheet(p, fetcher, fonts, profiles)
                       for p in stylesheet_paths(edition.profile)]
        if options.bleed != "0" or options.marks != "none":
            stylesheets.append(CSS(string=f"@page {{ bleed: {options.bleed}; "
                                          f"marks: {options.marks}; }}"))
        yield Typesetter(project, edition, faces, fetcher, fonts, stylesheets, render,
                         profiles)
    except RefusedURLError as exc:
        raise SandboxError(f"the document or its styles asked for {exc.url}: {exc.why}",
                           path=project.source_dir / edition.work_id / "text.md") from None
    except (OSError, ValueError) as exc:
        raise ToolError(f"WeasyPrint failed: {exc}") from None


def refuse_warnings(project: Project, edition: Edition, messages: list[str]) -> None:
    _refuse_warnings(messages, f"the document of {edition.work_id}",
                     project.source_dir / edition.work_id / "text.md")


def write_whole_pdf(project: Project, edition: Edition, target: Path) -> Path:
    """The edition's PDF in one layout (a work's; or a volume's whole, as its parts, typeset
    by formats.pdf.parts and combined, must equal: formats.pdf.book chooses)."""
    with typesetter(project, edition) as setter:
        html = render_html(project, edition, setter.faces)
        with weasyprint_warnings() as messages:
            document = setter.lay_out(html)
            with atomic_output(target) as tmp:
                setter.write(document, tmp, soft_hyphens="\u2010" not in html)
                refuse_warnings(project, edition, messages)
    return target
