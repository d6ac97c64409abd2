"""The book's typeface for the PDF: @font-face data for a font installed from PyPI (fontpkg-*).

A variable font whose only axis is weight is cut into static instances, one for each weight
the stylesheets can ask for, by HarfBuzz (uharfbuzz) in about 10 ms each. Given the variable
font, WeasyPrint would instance it again with fontTools in every PDF it writes: a third of a
second for the essay, on every build. The instances are kept, like fontconfig's cache, in the
user's cache folder (named by the font's digest, so every project can share them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fontpkg
import tinycss2
import uharfbuzz as hb

from editio.base.errors import ProjectError
from editio.base.outputs import atomic_output, user_cache

# What CSS can compute a weight to without naming a number: normal, bold, and the
# results of `bolder` and `lighter` (100, 400, 700, 900), which clamp to the axis's ends.
_KEYWORD_WEIGHTS = (100, 400, 700, 900)
# The numbers `font-weight` accepts (CSS Fonts 3, as WeasyPrint validates it): any other
# number is an invalid declaration, ignored, so no instance is cut for it.
CSS_WEIGHTS = frozenset(range(100, 1000, 100))


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


# WeasyPrint's notice that it subsets with fontTools: speed, not the PDF; subsetter_hint says
# it once instead
FONTTOOLS_NOTICE = "Using fontTools instead of HarfBuzz-Subset"


def subsetter_hint() -> str | None:
    """A line for the user when WeasyPrint must cut the PDF's fonts with fontTools.

    HarfBuzz's subsetter is a system library (libharfbuzz-subset0), not a pip package:
    without it WeasyPrint subsets with fontTools, which is slower but makes a valid PDF.
    """
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    if harfbuzz_subset is not None and harfbuzz.hb_version_atleast(4, 1, 0):
        return None
    return ("the PDF's fonts are subset with fontTools, which is slower; for speed install "
            "HarfBuzz's subsetter (Debian: apt-get install libharfbuzz-subset0)")


@contextmanager
def subsets_dated(epoch: int) -> Iterator[None]:
    """Inside the block, every font WeasyPrint subsets with fontTools is dated `epoch`.

    fontTools writes the time of saving into a font's head table (`modified`, and so its
    checksum), unless SOURCE_DATE_EPOCH is set: two builds of one edition without HarfBuzz's
    subsetter would differ. WeasyPrint 70 makes each font it subsets, instances or cleans
    through the name `weasyprint.pdf.fonts.TTFont`; in the block that name makes fonts dated
    by the build. One PDF is written at a time in a process, so swapping it is safe.
    """
    from fontTools.misc.timeTools import epoch_diff
    from fontTools.ttLib import TTFont
    from weasyprint.pdf import fonts as weasy_fonts

    stamp = epoch - epoch_diff  # the head table counts seconds from 1904

    class Dated(TTFont):
        def __init__(self, *args: Any, **kwargs: Any) -> None:  # as TTFont's
            super().__init__(*args, **{**kwargs, "recalcTimestamp": False})

        def save(self, file: object, *args: Any, **kwargs: Any) -> object:
            if "head" in self:
                self["head"].modified = stamp
            return super().save(file, *args, **kwargs)

    original = weasy_fonts.TTFont
    weasy_fonts.TTFont = Dated
    try:
        yield
    finally:
        weasy_fonts.TTFont = original


def installed() -> list[str]:
    """The families installed from PyPI."""
    return sorted(f.name for f in fontpkg.families().values())


def _family(name: str) -> fontpkg.Family:
    try:
        return fontpkg.family(name)
    except fontpkg.FontpkgError as exc:
        raise ProjectError(f"font '{name}' is not installed: {exc}",
                           hint="add its fontpkg-* package to requirements.txt") from None


def _as_shipped(fam: fontpkg.Family, f: fontpkg.FontFile) -> FontFace:
    weight = f"{f.wght_min} {f.wght_max}" if f.variable and f.wght_min else str(f.weight or 400)
    return FontFace(fam.name, Path(f.path).resolve(), f.style, weight)


def package_faces(name: str) -> list[FontFace]:
    """The font's files as the package ships them, variable or not."""
    fam = _family(name)
    return [_as_shipped(fam, f) for f in fam.files]


def _declarations(nodes: Iterable) -> Iterator:
    for node in nodes:
        if node.type == "declaration":
            yield node
        elif node.type in ("qualified-rule", "at-rule") and node.content:
            # @page holds margin boxes, @media holds rules: parse whatever is inside
            yield from _declarations(tinycss2.parse_blocks_contents(
                node.content, skip_comments=True, skip_whitespace=True))


def declared_weights(stylesheets: Iterable[Path]) -> set[int]:
    """Every valid numeric weight in a `font-weight` or `font` declaration of the stylesheets."""
    weights: set[int] = set()
    for path in stylesheets:
        # bytes, so that a stylesheet's @charset or BOM decides, as it does for WeasyPrint
        rules, _ = tinycss2.parse_stylesheet_bytes(path.read_bytes(), skip_comments=True,
                                                   skip_whitespace=True)
        for decl in _declarations(rules):
            if decl.lower_name in ("font-weight", "font"):
                weights.update(token.int_value for token in decl.value
                               if token.type == "number" and token.is_integer
                               and token.int_value in CSS_WEIGHTS)
    return weights


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/editio/fonts, or ~/.cache/editio/fonts (a relative one is ignored)."""
    return user_cache("fonts")


def _instances(source: Path, weights: list[int], cache: Path) -> list[Path]:
    """The static instances of `source` at `weights`, each made once and kept in `cache`."""
    data = source.read_bytes()
    # named by the font's bytes and HarfBuzz's version: the same name, the same instance
    made_by = f"{hashlib.sha256(data).hexdigest()[:16]}-hb{hb.__version__}"
    targets = [cache / f"{source.stem}-{made_by}-wght{w}.ttf" for w in weights]
    missing = [(w, t) for w, t in zip(weights, targets, strict=True) if not t.is_file()]
    if missing:
        face = hb.Face(hb.Blob(data))
        for weight, target in missing:
            keep = hb.SubsetInput()
            keep.keep_everything()  # every glyph, feature and table: only the axis goes
            keep.pin_axis_location(face, "wght", weight)
            made = hb.subset(face, keep)
            if made is None:
                raise ValueError(f"HarfBuzz cannot instance {source.name}")
            with atomic_output(target) as tmp:
                tmp.write_bytes(made.blob.data)
    return targets


def book_faces(name: str, stylesheets: Iterable[Path],
               cache: Path | None = None) -> list[FontFace]:
    """@font-face rules for the PDF: static instances where the font varies only in weight."""
    fam = _family(name)
    if {axis.tag for axis in fam.axes} - {"wght"}:
        return package_faces(name)  # other axes (opsz, wdth): WeasyPrint instances them
    named = declared_weights(stylesheets)
    faces = []
    for f in fam.files:
        if not (f.variable and f.wght_min):
            faces.append(_as_shipped(fam, f))
            continue
        path = Path(f.path).resolve()
        low, high = int(f.wght_min), int(f.wght_max)
        weights = sorted({min(max(w, low), high) for w in (*_KEYWORD_WEIGHTS, *named)})
        try:
            instances = _instances(path, weights, cache or cache_dir())
        except (OSError, ValueError):
            # no cache to write to, or a font HarfBuzz cannot cut: WeasyPrint instances it
            return package_faces(name)
        faces += [FontFace(fam.name, instance, f.style, str(w))
                  for w, instance in zip(weights, instances, strict=True)]
    return faces
