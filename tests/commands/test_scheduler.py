"""The build scheduler: works built together in one process are the works built alone, and a
failing work stops the build after the ones before it."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, copy_project, run_editio

LLOYDS, DAILY_NEWS = "bln600-3206211949", "bln600-3202982093"
GOLDEN = ROOT / "tests" / "golden" / "book" / "golden"


def _outputs(root) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "dist").glob("*.*"))
            if p.name.startswith(("bln600-", "golden."))}


@pytest.mark.slow
def test_works_built_together_are_the_works_built_alone(tmp_path, monkeypatch):
    """One process prepares the next work while it typesets this one's PDF: the outputs are
    byte for byte those of one process per work. The works: the smallest newspaper and the
    golden book (tests/golden/book: every kind of markup the edition reads, a table and a
    note among them), a few pages each to typeset."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    works = (DAILY_NEWS, "golden")
    together, alone = copy_project(tmp_path / "together"), copy_project(tmp_path / "alone")
    for root in (together, alone):
        shutil.copytree(GOLDEN, root / "source" / "golden")
    assert run_editio(together, "build", *works, "-q") == 0
    for work in works:
        assert run_editio(alone, "build", work, "-q") == 0
    built = _outputs(together)
    assert sorted(built) == sorted(f"{w}.{f}" for w in works
                                   for f in ("pdf", "epub", "docx", "tei.xml", "jats.xml"))
    assert built == _outputs(alone)


@pytest.mark.slow
def test_a_failing_work_stops_the_build_after_the_one_before(project, capsys):
    note = project / "source" / DAILY_NEWS / "note.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nAs [@nosuchkey] says.\n",
                    encoding="utf-8")
    assert run_editio(project, "build", LLOYDS, DAILY_NEWS, "-q") == 7
    assert sorted(_outputs(project)) == [f"{LLOYDS}.{f}" for f in
                                         ("docx", "epub", "jats.xml", "pdf", "tei.xml")]
    err = capsys.readouterr().err
    assert "nosuchkey" in err and "note.md" in err and "Traceback" not in err


@pytest.mark.slow
def test_a_writer_failing_beside_the_pdf_names_its_file(project, tmp_path, monkeypatch, capsys):
    """The EPUB and DOCX are written in the background while the PDF is typeset: when pandoc
    dies there, the user is told which file, the build fails, and that file stays as it was."""
    from editio.base import pandoc

    real = pandoc.pandoc_path()
    broken = tmp_path / "pandoc"  # pandoc as a full disk or a broken install leaves it
    broken.write_text('#!/bin/sh\ncase " $* " in *" -t docx "*)\n'
                      '  echo "pandoc: writing failed: no space left on device" >&2; exit 1;;\n'
                      f'esac\nexec "{real}" "$@"\n', encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(pandoc, "pandoc_path", lambda: str(broken))
    dist = project / "dist"
    dist.mkdir()
    (dist / f"{DAILY_NEWS}.docx").write_bytes(b"the DOCX of an earlier build")
    assert run_editio(project, "build", DAILY_NEWS, "-q") == 11
    err = capsys.readouterr().err
    assert f"dist/{DAILY_NEWS}.docx: tool error: pandoc failed while writing docx" in err, err
    assert "no space left on device" in err and "Traceback" not in err
    assert (dist / f"{DAILY_NEWS}.docx").read_bytes() == b"the DOCX of an earlier build"
    # the PDF, typeset beside it, is not published either: a work's outputs are one build's
    assert not (dist / f"{DAILY_NEWS}.pdf").exists()
    assert not [p.name for p in dist.iterdir() if p.name.endswith(".part")]
