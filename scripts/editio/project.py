"""Where things are: the project's folders, its works and its profiles."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from editio.errors import ProjectError

TEXT_FILE = "text.md"
NOTE_FILE = "note.md"
ACCEPTED_WORDS_FILE = "accepted-words.txt"
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

    def readable_roots(self) -> tuple[Path, ...]:
        """The folders a document may read from; everything else is refused."""
        return (self.source_dir, self.bib_dir, self.styles_dir)


@dataclass(frozen=True)
class Profile:
    """A house style: everything about presentation that is chosen by name."""

    name: str
    csl: str
    reference_docx: Path
    page: str
    font: str
    pdf_css: tuple[Path, ...]
    epub_css: Path
    pdf_template: str = "edition.html.j2"
    options: dict = field(default_factory=dict)


def find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "source").is_dir() and (candidate / "styles").is_dir():
            return candidate
    raise ProjectError(
        f"not inside an editio project: no source/ and styles/ above {here}",
        hint="run editio from the project folder, or pass --root",
    )


def load_profile(project: Project, name: str) -> Profile:
    profiles = project.styles_dir / "profiles"
    path = profiles / f"{name}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in profiles.glob("*.yaml"))
        close = difflib.get_close_matches(name, known, n=3)
        hint = f"did you mean {', '.join(close)}?" if close else f"profiles: {', '.join(known)}"
        raise ProjectError(f"unknown profile '{name}'", path=profiles, hint=hint)
    from editio.source import read_text  # source.py needs this module first

    try:
        data = yaml.safe_load(read_text(path)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise ProjectError(f"profile is not valid YAML: {exc}", path=path, line=line) from None
    if not isinstance(data, dict):
        raise ProjectError("a profile must be a YAML mapping", path=path)
    required = ("csl", "reference-docx", "page", "font", "pdf-css", "epub-css")
    missing = [key for key in required if key not in data]
    if missing:
        raise ProjectError(f"profile lacks {', '.join(missing)}", path=path)

    def style_file(rel: str) -> Path:
        target = (project.styles_dir / rel).resolve()
        if not target.is_relative_to(project.styles_dir.resolve()):
            raise ProjectError(f"'{rel}' is outside styles/", path=path)
        if not target.is_file():
            raise ProjectError(f"profile names a missing file: styles/{rel}", path=path)
        return target

    css = data["pdf-css"]
    css_list = css if isinstance(css, list) else [css]
    csl = str(data["csl"])
    if csl.lower().endswith(".csl"):  # a style file of the project's own, in styles/
        csl = str(style_file(csl))
    return Profile(
        name=name,
        csl=csl,
        reference_docx=style_file(str(data["reference-docx"])),
        page=str(data["page"]),
        font=str(data["font"]),
        pdf_css=tuple(style_file(str(c)) for c in css_list),
        epub_css=style_file(str(data["epub-css"])),
        pdf_template=str(data.get("pdf-template", "edition.html.j2")),
        options={k: v for k, v in data.items() if k not in required},
    )
