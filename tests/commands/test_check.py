"""`editio check` and `editio collate`: every check on every work and volume, every finding
reported before the command fails, and what passed said."""

from __future__ import annotations

import pytest

from conftest import WORK, run_editio
from editio.base.errors import CheckError, CollationError
from editio.commands import check

LLOYDS, DAILY_NEWS = "bln600-3206211949", "bln600-3202982093"


def _silent_change(root, work: str) -> None:
    """Change one word of the reading text (on a line without markup), with no emendation."""
    path = root / "source" / work / "text.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    body = lines.index("---", 1) + 1
    index, word = next((i, w) for i in range(body, len(lines))
                       if not {"[", "]", "{", "#"} & set(lines[i])
                       for w in lines[i].split() if w.isalpha() and len(w) > 3)
    lines[index] = lines[index].replace(word, word[::-1] + "x", 1)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.slow  # test-fast's budget: 0.6-1.6 s (a build, a work prepared)
def test_collate_says_what_passed(project, capsys):
    assert run_editio(project, "collate") == 0
    out = capsys.readouterr().out
    for work in (WORK, LLOYDS, DAILY_NEWS):
        assert f"collation: {work} ok (witness and reading text agree; " in out


def test_every_finding_is_reported_before_failing(project, capsys):
    _silent_change(project, LLOYDS)
    _silent_change(project, DAILY_NEWS)
    assert run_editio(project, "check", "--only", "collation") == 9  # both collation errors
    captured = capsys.readouterr()
    assert f"collation: {WORK} ok" in captured.out
    assert f"collation: {LLOYDS} FAILED" in captured.out
    assert f"collation: {DAILY_NEWS} FAILED" in captured.out
    # the volume binds the broken works: it fails too, and each finding names its file
    assert "collation: reader FAILED" in captured.out
    assert f"{LLOYDS}/text.md:" in captured.err and f"{DAILY_NEWS}/text.md:" in captured.err
    assert "3 checks failed" in captured.err


@pytest.mark.slow
def test_a_volume_is_checked_through_its_works(project, capsys):
    assert run_editio(project, "check", "--only", "collation,suspects") == 0
    out = capsys.readouterr().out
    assert "collation: reader ok (" in out and "in 3 works)" in out
    assert "suspects: reader ok" in out


def test_findings_of_different_kinds_fail_as_a_check(project):
    def fails(kind):
        def run(_run, target):
            raise kind(f"bad {target.name}")
        return run

    checks = [check.Check("a", fails(CollationError)), check.Check("b", fails(CheckError))]
    with pytest.raises(CheckError, match="2 checks failed") as failed:
        check.run_checks(project, check.targets(project, [WORK], []), checks, lambda _: None)
    assert type(failed.value) is CheckError


def test_an_unknown_check_is_named(project, capsys):
    assert run_editio(project, "check", "--only", "nosuch") == 3
    assert "checks: collation, suspects, epubcheck, ace, pdf" in capsys.readouterr().err


def test_epubcheck_judges_the_built_epub(built, project, capsys):
    """The session's EPUB passes (EPUBCheck runs once on it: tests/formats/test_epub.py's
    verdict, tests/conftest.py); the same EPUB cut in half fails."""
    assert run_editio(built.root, "check", WORK, "--only", "epubcheck") == 0
    assert f"epubcheck: {WORK} ok (0 errors, 0 warnings)" in capsys.readouterr().out
    (project / "dist").mkdir()
    epub = built.out("epub").read_bytes()
    (project / "dist" / f"{WORK}.epub").write_bytes(epub[: len(epub) // 2])  # a truncated file
    assert run_editio(project, "check", WORK, "--only", "epubcheck") in (11, 12)
    assert f"epubcheck: {WORK} FAILED" in capsys.readouterr().out


def test_the_pdf_check_judges_the_built_pdf(built, project, capsys):
    """The real PDF passes; the same PDF without its XMP and with a link made anonymous
    fails, naming the Matterhorn conditions."""
    import pikepdf

    assert run_editio(built.root, "check", WORK, "--only", "pdf") == 0
    assert f"pdf: {WORK} ok" in capsys.readouterr().out
    (project / "dist").mkdir()
    with pikepdf.open(built.out("pdf")) as pdf:
        del pdf.Root.Metadata
        for page in pdf.pages:
            for annot in page.obj.get("/Annots") or []:
                annot.Contents = pikepdf.String("app-12")
        pdf.save(project / "dist" / f"{WORK}.pdf")
    assert run_editio(project, "check", WORK, "--only", "pdf") == 12
    out, err = capsys.readouterr()
    assert f"pdf: {WORK} FAILED" in out
    assert "06-001" in err and "28-004" in err


# --- release readiness ---------------------------------------------------------------------

def test_a_new_work_is_listed_as_a_draft_and_release_fails_on_each_reason(project, capsys):
    scan = project / "scan.txt"
    scan.write_text("The prisoner was tbe man.\n\nHe said nothing.\n", encoding="utf-8")
    assert run_editio(project, "new", "lee", "--witness", str(scan)) == 0
    text = project / "source" / "lee" / "text.md"
    body = text.read_text(encoding="utf-8")
    text.write_text(body.replace("tbe man", '[the]{.corr sic="tbe" cert="low"} man'),
                    encoding="utf-8")
    capsys.readouterr()
    assert run_editio(project, "check", "lee", "--only", "release") == 0  # listed, not failed
    out = capsys.readouterr().out
    assert "release: lee draft (not ready for release: 4 reason(s)" in out
    for reason in ("no source", 'rights: "Not yet stated."', '1 reading(s) still cert="low"',
                   "1 of 1 page(s) not validated: not proofread 1 (source/lee/page-status.tsv)"):
        assert reason in out, reason
    assert run_editio(project, "check", "lee", "--only", "release", "--release") == 12
    assert "release: lee FAILED" in capsys.readouterr().out


def test_release_passes_once_every_page_is_validated_and_every_reading_confirmed(
        project, capsys):
    folder = project / "source" / DAILY_NEWS
    assert run_editio(project, "check", DAILY_NEWS, "--only", "release", "--release") == 12
    assert "1 of 1 page(s) not validated: not proofread 1" in capsys.readouterr().err
    # the page's status as the desk moves it on: proofread is not yet validated
    (folder / "page-status.tsv").write_text("page\tstatus\n1\tproofread\n", encoding="utf-8")
    assert run_editio(project, "check", DAILY_NEWS, "--only", "release", "--release") == 12
    assert "1 of 1 page(s) not validated: proofread 1 (" in capsys.readouterr().err
    (folder / "page-status.tsv").write_text("page\tstatus\n1\tvalidated\n", encoding="utf-8")
    assert run_editio(project, "check", DAILY_NEWS, "--only", "release", "--release") == 0
    assert f"release: {DAILY_NEWS} ok (ready for release" in capsys.readouterr().out
    # a reading accepted at the desk and not confirmed: a draft again, by its line
    text = folder / "text.md"
    body = text.read_text(encoding="utf-8")
    text.write_text(body.replace('[had]{.corr sic="bad"}', '[had]{.corr sic="bad" cert="low"}'),
                    encoding="utf-8")
    line = next(n for n, s in enumerate(body.split("\n"), 1) if 'sic="bad"' in s)
    assert run_editio(project, "check", DAILY_NEWS, "--only", "release", "--release") == 12
    assert f'1 reading(s) still cert="low", not confirmed (source/{DAILY_NEWS}/text.md ' \
           f"line {line})" in capsys.readouterr().err
