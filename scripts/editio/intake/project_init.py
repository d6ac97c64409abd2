"""`editio init`: a new edition project, holding only the editor's content and settings.

The project gets editio.yaml (the editio it needs), a Makefile that calls the installed
`editio`, source/, bib/ with a starter bibliography, styles/ for the project's own
overrides (empty: editio's defaults apply file by file), a README for the editor, a
.gitignore and a .gitattributes. Nothing editio needs later is copied: the styles,
templates, schemas and DAISY Ace's pin stay in the installed package, so upgrading editio
changes no file of the project (and a project pins the editio it needs in editio.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from editio import __version__
from editio.base.errors import ProjectError
from editio.base.project import DEFAULT_STYLES, PROJECT_FILE

TEMPLATES = Path(__file__).resolve().parents[1] / "data" / "project"
# what init writes: its place in the project <- the template in data/project (dotfiles are
# kept without their dot in the package, where setuptools' globs would not see them)
FILES = {
    PROJECT_FILE: "editio.yaml.j2",
    "Makefile": "Makefile.j2",
    "README.md": "README.md.j2",
    ".gitignore": "gitignore",
    ".gitattributes": "gitattributes",
    "bib/references.bib": "references.bib",
    "styles/README.md": "styles-README.md.j2",
}
FOLDERS = ("source", "bib", "styles")


@dataclass(frozen=True)
class NewProject:
    root: Path
    written: tuple[Path, ...]


def _yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def requirements(version: str = __version__) -> tuple[str, str]:
    """What a new project asks for: this editio's release or later (0.1.0: >=0.1), and, for
    the editor who wants it, the same pinned to this series (>=0.1,<0.2)."""
    major, minor = (version.split(".") + ["0"])[:2]
    minimum = f">={major}.{minor}"
    return minimum, f"{minimum},<{major}.{int(minor) + 1}"


def init_project(root: Path, title: str | None = None) -> NewProject:
    """Make the project folder `root` (which may exist, if empty of editio's files)."""
    if root.exists() and not root.is_dir():
        raise ProjectError("exists and is not a folder", path=root)
    clashes = [name for name in (*FILES, "source") if (root / name).exists()]
    if clashes:
        raise ProjectError(f"{root} has {', '.join(clashes)} already: editio init makes a "
                           "new project and overwrites nothing",
                           hint="choose an empty or new folder")
    title = " ".join((title or root.resolve().name.replace("-", " ").title()).split())
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["yaml"] = _yaml_string
    requires, pinned = requirements()
    values = {"title": title, "version": __version__, "requires": requires, "pinned": pinned,
              "profiles": sorted(p.stem for p in (DEFAULT_STYLES / "profiles").glob("*.yaml"))}
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
    written = []
    for target, template in FILES.items():
        path = root / target
        text = env.get_template(template).render(values) if template.endswith(".j2") \
            else (TEMPLATES / template).read_text(encoding="utf-8")
        with open(path, "w", encoding="utf-8", newline="\n") as out:  # LF on Windows too
            out.write(text)
        written.append(path)
    return NewProject(root=root, written=tuple(written))
