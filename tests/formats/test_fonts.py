"""fonts.py: static instances of the variable book font, one per weight the styles can ask for."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import fontpkg
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from conftest import run_editio
from editio.base.errors import ProjectError
from editio.formats import fonts

FAMILY = "EB Garamond"


def test_declared_weights_are_found_in_nested_rules(tmp_path: Path):
    css = tmp_path / "a.css"
    css.write_text("""
        /* font-weight: 300 in a comment is not a declaration */
        p { font-weight: 600; }
        h1 { font: italic 500 1.2rem/1.2 serif; }
        @page :left { @top-left { font-weight: 300 } }
        @media print { strong { font-weight: bold; } em { font-weight: 800 } }
        """, encoding="utf-8")
    assert fonts.declared_weights([css]) == {600, 500, 300, 800}


def test_a_weight_css_rejects_cuts_no_instance(tmp_path: Path):
    """WeasyPrint ignores `font-weight: 650` (not a hundred), so no 650 instance is cut."""
    css = tmp_path / "a.css"
    css.write_text("b { font-weight: 650 } i { font-weight: 1000 } s { font-weight: 200 }",
                   encoding="utf-8")
    assert fonts.declared_weights([css]) == {200}


def test_a_stylesheet_in_another_encoding_is_read_by_its_charset(tmp_path: Path):
    css = tmp_path / "latin1.css"
    css.write_bytes('@charset "latin1";\n/* Zürich */ p { font-weight: 500 }'.encode("latin1"))
    assert fonts.declared_weights([css]) == {500}


def test_one_instance_per_weight_the_styles_can_ask_for(tmp_path: Path):
    css = tmp_path / "a.css"
    css.write_text("strong { font-weight: 600 } small { font-weight: 300 }", encoding="utf-8")
    faces = fonts.book_faces(FAMILY, [css], tmp_path / "cache")
    # 400-800 is the axis: normal, bold, 600 as named, bolder/lighter and 300 at the ends
    assert sorted((f.style, int(f.weight)) for f in faces) == sorted(
        (style, w) for style in ("normal", "italic") for w in (400, 600, 700, 800))
    for face in faces:
        assert face.path.parent == tmp_path / "cache"
        static = TTFont(face.path)
        assert "fvar" not in static and "gvar" not in static
        assert static["OS/2"].usWeightClass == int(face.weight)


@pytest.mark.slow
def test_an_instance_has_the_outlines_fonttools_would_make(tmp_path: Path):
    """HarfBuzz's instance matches fontTools' (which WeasyPrint used) glyph for glyph."""
    from fontTools.varLib.instancer import instantiateVariableFont  # 0.2 s to import

    variable = next(f for f in fontpkg.family(FAMILY).files if f.style == "normal")
    face = next(f for f in fonts.book_faces(FAMILY, [], tmp_path) if f.style == "normal"
                and f.weight == "700")
    ours = TTFont(face.path)
    saved = io.BytesIO()
    instantiateVariableFont(TTFont(variable.path), {"wght": 700}, static=True).save(saved)
    theirs = TTFont(io.BytesIO(saved.getvalue()))
    assert ours.getGlyphOrder() == theirs.getGlyphOrder()
    for name in ("a", "g", "Q", "ampersand", "a.sc", "one.osf"):
        assert ours["glyf"][name].getCoordinates(ours["glyf"])[0] == \
            theirs["glyf"][name].getCoordinates(theirs["glyf"])[0], name
        assert ours["hmtx"][name] == theirs["hmtx"][name], name
    # every layout feature stays: small caps and old-style figures are used by the book
    features = {r.FeatureTag for r in ours["GSUB"].table.FeatureList.FeatureRecord}
    assert {"smcp", "c2sc", "onum", "lnum", "liga"} <= features


def test_instances_are_made_once(tmp_path: Path):
    first = fonts.book_faces(FAMILY, [], tmp_path)
    stamps = {f.path: f.path.stat().st_mtime_ns for f in first}
    again = fonts.book_faces(FAMILY, [], tmp_path)
    assert {f.path: f.path.stat().st_mtime_ns for f in again} == stamps


def test_a_font_with_other_axes_is_left_to_weasyprint(tmp_path: Path, monkeypatch):
    real = fontpkg.family(FAMILY)
    optical = type(real.axes[0])(tag="opsz", min=8.0, max=72.0)
    monkeypatch.setattr(fonts.fontpkg, "family",
                        lambda _name: dataclasses.replace(real, axes=(*real.axes, optical)))
    faces = fonts.book_faces(FAMILY, [], tmp_path)
    assert [f.path for f in faces] == [Path(f.path).resolve() for f in real.files]
    assert {f.weight for f in faces} == {"400 800"}
    assert not list(tmp_path.iterdir())


def test_an_unknown_font_is_a_project_error(tmp_path: Path):
    with pytest.raises(ProjectError, match="'No Such Serif' is not installed"):
        fonts.book_faces("No Such Serif", [], tmp_path)


@pytest.mark.slow
def test_weasyprint_instances_nothing(project: Path, tmp_path: Path, monkeypatch):
    """The PDF is set from the static instances: WeasyPrint never instances a variable font
    (it would with the package's files), and embeds the weights the book uses."""
    import weasyprint.pdf.fonts

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    calls = []
    monkeypatch.setattr(weasyprint.pdf.fonts, "instantiateVariableFont",
                        lambda *args, **_kwargs: calls.append(args))
    work = "bln600-3202982093"  # the smallest work: it sets italic and medium too
    assert run_editio(project, "build", work, "--to", "pdf", "-q") == 0
    assert calls == []
    names = set()
    for page in PdfReader(project / "dist" / f"{work}.pdf").pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[1])
    assert {"EB-Garamond", "EB-Garamond-Italic", "EB-Garamond-Medium"} <= names
    assert sorted(p.name.split("-wght")[1] for p in
                  (tmp_path / "cache" / "editio" / "fonts").glob("EBGaramond[[]wght]-*")) == \
        ["400.ttf", "500.ttf", "600.ttf", "700.ttf", "800.ttf"]


def test_without_a_writable_cache_the_package_files_serve(tmp_path: Path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert fonts.book_faces(FAMILY, []) == fonts.package_faces(FAMILY)


# Run in a fresh process: WeasyPrint looks for the library once, when it is imported.
_WITHOUT_SUBSETTER = """
import sys
import cffi

_dlopen = cffi.FFI.dlopen


def dlopen(self, name, *args, **kwargs):
    if "harfbuzz-subset" in str(name):
        raise OSError(f"{name}: hidden by the test")
    return _dlopen(self, name, *args, **kwargs)


cffi.FFI.dlopen = dlopen
from weasyprint.text import ffi  # noqa: E402

assert ffi.harfbuzz_subset is None, "the subsetter was not hidden"
from editio.cli import main  # noqa: E402

sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_pdf_is_built_without_harfbuzz_subset(project: Path, tmp_path: Path):
    """A machine without libharfbuzz-subset0: WeasyPrint subsets with fontTools, with a hint,
    and two builds are byte-identical (fontTools would date each font subset by the clock)."""
    import os
    import subprocess
    import sys
    import time

    work = "bln600-3202982093"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}

    def build(**more: str) -> bytes:
        done = subprocess.run(
            [sys.executable, "-c", _WITHOUT_SUBSETTER, "--root", str(project), "build", work,
             "--to", "pdf"], capture_output=True, text=True, timeout=300,
            env={**env, "XDG_CACHE_HOME": str(tmp_path / "cache"), **more})
        assert done.returncode == 0, done.stderr
        assert "libharfbuzz-subset0" in done.stderr and "fontTools" in done.stderr
        assert len([line for line in done.stderr.splitlines() if "subset" in line]) == 1
        return (project / "dist" / f"{work}.pdf").read_bytes()

    first = build()
    time.sleep(1.1)  # the clock fontTools would date the second build's fonts by has moved
    # set but empty, as a CI template may leave it: as if unset
    assert build(SOURCE_DATE_EPOCH="") == first
    reader = PdfReader(project / "dist" / f"{work}.pdf")
    assert len(reader.pages) >= 3
    assert "Criminal Court" in "".join(page.extract_text() for page in reader.pages)
    full = max(Path(f.path).stat().st_size for f in fontpkg.family(FAMILY).files)
    embedded = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()
            descriptor = descriptor.get("/FontDescriptor") or \
                descriptor["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            embedded.append(len(descriptor.get_object()["/FontFile2"].get_object().get_data()))
    # every font in the PDF is embedded, and cut down to the glyphs the book uses
    assert embedded and max(embedded) < full / 2
