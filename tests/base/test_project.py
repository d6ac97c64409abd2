"""Profiles are checked whole, once, at load: typed fields, and file:line for a bad value
whatever format is built."""

from __future__ import annotations

import pytest

from conftest import ROOT, WORK, run_editio
from editio.base.errors import ProjectError
from editio.base.project import PDF_VARIANTS, PdfOptions, Project, load_profile

SHIPPED = sorted(p.stem for p in (ROOT / "styles" / "profiles").glob("*.yaml"))


def _edit_profile(root, old: str, new: str, name: str = "default") -> int:
    """Replace text in a profile; return the line the new text stands on."""
    path = root / "styles" / "profiles" / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_profiles_load(name):
    profile = load_profile(Project(ROOT), name)
    assert profile.page_css.is_file() and profile.docx_styles.is_file()
    assert profile.path.name == f"{name}.yaml"
    assert isinstance(profile.pdf, PdfOptions)


def test_pdf_variants_are_weasyprints():
    from weasyprint.pdf import VARIANTS

    assert set(VARIANTS) == PDF_VARIANTS


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  variant: null", "  variant: pdf/z-9", "pdf: unknown variant 'pdf/z-9'"),
    ("  variant: null", "  variant: null\n  bleed: lots", "pdf: bleed 'lots' is not a length"),
    ("  variant: null", "  variant: null\n  marks: stars", "pdf: marks 'stars'"),
    ("  variant: null", "  varient: null", "pdf: unknown key varient"),
    ("page: a5", "page: b5", "page 'b5' has no styles/pdf/page-b5.css"),
    ("epub-css: epub/edition.css", "epub-css: epub/none.css", "missing file: styles/epub/"),
    ("docx-styles: docx/styles.yaml", "docx-styles: ../x.yaml", "outside styles/"),
    ("pdf-template: edition.html.j2", "pdf-template: nope.j2", "styles/pdf/nope.j2"),
    ("csl: chicago-notes-bibliography", "csl: chicago-notes-bibliografy", "unknown CSL style"),
    ("font: EB Garamond", "font: EB Garamond\nfonts: many", "unknown key 'fonts'"),
])
def test_a_bad_value_fails_any_build_at_its_line(project, capsys, old, new, message):
    """A bad pdf: value fails `--to epub` too, naming the profile's file and line."""
    line = _edit_profile(project, old, new)
    if "\n" in new:  # the added line
        line += 1
    assert run_editio(project, "build", WORK, "--to", "epub") == 3
    err = capsys.readouterr().err
    assert message in err, err
    assert f"default.yaml:{line}: project error" in err, err


def test_volume_bibliography_is_checked_at_load(project):
    _edit_profile(project, "volume-bibliography: merged", "volume-bibliography: shared",
                  name="course-a4")
    with pytest.raises(ProjectError, match="volume-bibliography: 'shared'") as failed:
        load_profile(Project(project), "course-a4")
    assert failed.value.line is not None
