"""The book's typeface for the PDF: @font-face data for a font installed from PyPI (fontpkg-*).

A variable font whose only axis is weight is cut into static instances, one for each weight
the stylesheets can ask for, by HarfBuzz (uharfbuzz) in about 10 ms each, and kept in
dist/.cache/fonts. Given the variable font, WeasyPrint would instance it again with fontTools
in every PDF it writes: a third of a second for the essay, on every build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import fontpkg
import tinycss2

from editio.errors import ProjectError
from editio.outputs import atomic_output

# What CSS can compute a weight to without naming a number: normal, bold, and the
# results of `bolder` and `lighter` (100, 400, 700, 900), which clamp to the axis's ends.
_KEYWORD_WEIGHTS = (100, 400, 700, 900)


@dataclass(frozen=True)
class FontFace:
    """One @font-face rule."""

    family: str
    path: Path
    style: str  # normal or italic
    weight: str  # "400", or "400 800" for a variable font used whole

    @property
    def url(self) -> str:
        return self.path.as_uri()


def _family(name: str):
    try:
        return fontpkg.family(name)
    except fontpkg.FontpkgError as exc:
        raise ProjectError(f"font '{name}' is not installed: {exc}",
                           hint="add its fontpkg-* package to requirements.txt") from None


def package_faces(name: str) -> list[FontFace]:
    """The font's files as the package ships them, variable or not."""
    fam = _family(name)
    return [FontFace(fam.name, Path(f.path).resolve(), f.style,
                     f"{f.wght_min} {f.wght_max}" if f.variable and f.wght_min
                     else str(f.weight or 400))
            for f in fam.files]


def _declarations(nodes: Iterable) -> Iterator:
    for node in nodes:
        if node.type == "declaration":
            yield node
        elif node.type in ("qualified-rule", "at-rule") and node.content:
            # @page holds margin boxes, @media holds rules: parse whatever is inside
            yield from _declarations(tinycss2.parse_blocks_contents(
                node.content, skip_comments=True, skip_whitespace=True))


def declared_weights(stylesheets: Iterable[Path]) -> set[int]:
    """Every numeric weight in a `font-weight` or `font` declaration of the stylesheets."""
    weights: set[int] = set()
    for path in stylesheets:
        rules = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"),
                                          skip_comments=True, skip_whitespace=True)
        for decl in _declarations(rules):
            if decl.lower_name in ("font-weight", "font"):
                weights.update(token.int_value for token in decl.value
                               if token.type == "number" and token.is_integer)
    return weights


def _instance(source: Path, weight: int, cache: Path) -> Path:
    """The static instance of `source` at `weight`, made once and kept in `cache`."""
    import uharfbuzz as hb

    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    target = cache / f"{source.stem}-{digest}-wght{weight}.ttf"
    if not target.is_file():
        face = hb.Face(hb.Blob(data))
        keep = hb.SubsetInput()
        keep.keep_everything()  # every glyph, feature and table: only the axis goes
        keep.pin_axis_location(face, "wght", weight)
        with atomic_output(target) as tmp:
            tmp.write_bytes(hb.subset(face, keep).blob.data)
    return target


def book_faces(name: str, stylesheets: Iterable[Path], cache: Path) -> list[FontFace]:
    """@font-face rules for the PDF: static instances where the font varies only in weight."""
    fam = _family(name)
    if {axis.tag for axis in fam.axes} - {"wght"}:
        return package_faces(name)  # other axes (opsz, wdth): WeasyPrint instances them
    named = declared_weights(stylesheets)
    faces = []
    for f in fam.files:
        path = Path(f.path).resolve()
        if not (f.variable and f.wght_min):
            faces.append(FontFace(fam.name, path, f.style, str(f.weight or 400)))
            continue
        low, high = int(f.wght_min), int(f.wght_max)
        weights = {min(max(w, low), high) for w in (*_KEYWORD_WEIGHTS, *named)}
        faces += [FontFace(fam.name, _instance(path, w, cache), f.style, str(w))
                  for w in sorted(weights)]
    return faces
