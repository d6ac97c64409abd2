"""Bad source files give one clear message with file and line, and leave dist/ alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import WORK, run_editio
from proof.test_collate import line_of

TEXT = Path("source") / WORK / "text.md"


PREVIOUS = b"the output of an earlier build"


def _dist(root: Path) -> dict[str, bytes]:
    """Every file in dist/ but the cache's (its lock files come and go with any run)."""
    dist = root / "dist"
    return {str(p.relative_to(dist)): p.read_bytes() for p in sorted(dist.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def check_error(root: Path, capsys, code: int, *needles: str, work: str = WORK) -> str:
    # dist/ holds a previous build's outputs, which a failed build must leave as they are
    (root / "dist").mkdir(exist_ok=True)
    for ext in ("pdf", "epub", "docx"):
        (root / "dist" / f"{work}.{ext}").write_bytes(PREVIOUS)
    before = _dist(root)
    assert run_editio(root, "build", work, "--to", "docx") == code
    err = capsys.readouterr().err
    for needle in needles:
        assert needle in err, (needle, err)
    assert "Traceback" not in err
    assert _dist(root) == before
    return err


def test_broken_yaml_names_its_line(project, capsys):
    path = project / TEXT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("lang: en-GB", "lang: [en-GB", 1), encoding="utf-8")
    check_error(project, capsys, 4, "text.md:", "front matter is not valid YAML")


def test_missing_metadata(project, capsys):
    path = project / TEXT
    path.write_text(path.read_text(encoding="utf-8").replace("rights: >-", "rightz: >-", 1),
                    encoding="utf-8")
    check_error(project, capsys, 4, "text.md:2", "front matter lacks rights")


def test_changed_witness_stops_the_build(project, capsys):
    witness = project / "source" / WORK / "witness.md"
    witness.write_bytes(witness.read_bytes().replace(b"Robsepierre", b"Robespierre"))
    check_error(project, capsys, 5, "witness witness.md has changed", "text.md:")


def test_missing_witness(project, capsys):
    (project / "source" / WORK / "witness.md").unlink()
    check_error(project, capsys, 5, "witness file witness.md is missing")


def test_a_witness_outside_the_works_folder_is_refused(project, capsys):
    """Even an unchanged copy of the witness (the right sha256) is refused when it lies
    outside source/<work>/: the work's folder is the edition's whole evidence."""
    shutil.copy(project / "source" / WORK / "witness.md", project / "source" / "outside.md")
    path = project / TEXT
    path.write_text(path.read_text(encoding="utf-8").replace("path: witness.md",
                                                             "path: ../outside.md", 1),
                    encoding="utf-8")
    check_error(project, capsys, 5, "the witness must lie in the work's own folder",
                f"text.md:{line_of(project, 'witness:')}")


def test_non_utf8_names_line_and_column(project, capsys):
    path = project / TEXT
    data = path.read_bytes().replace(b"Gone are", b"Gone \xe9re", 1)
    path.write_bytes(data)
    line = data[: data.index(b"\xe9")].count(b"\n") + 1
    check_error(project, capsys, 4, f"text.md:{line}:", "not UTF-8")


def _as_windows(path: Path) -> None:
    """What a Windows editor may save: a byte-order mark and CRLF line ends."""
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))


def test_bom_and_crlf_are_read_as_text(project, capsys):
    """text.md, note.md, word list, .bib, profile and manifest saved the Windows way."""
    from editio.base.project import Project, load_profile
    from editio.edition.bibliography import load as load_bib
    from editio.edition.volume import load_manifest
    from editio.intake.source import load_work

    small = Path("source") / SMALL / "text.md"  # the smallest work: any work shows it
    before = load_work(Project(project), SMALL)
    for rel in (small, small.with_name("note.md"), small.with_name("accepted-words.txt"),
                Path("bib/references.bib"), Path("styles/profiles/default.yaml"),
                Path("source/volumes/reader.yaml")):
        _as_windows(project / rel)
        assert (project / rel).read_bytes().startswith(b"\xef\xbb\xbf")
    after = load_work(Project(project), SMALL)
    assert (after.meta, after.text, after.note, after.accepted_words, after.body_line) == \
        (before.meta, before.text, before.note, before.accepted_words, before.body_line)
    assert "\r" not in after.text and not after.text.startswith("\ufeff")
    assert "deutscher1957russia" in load_bib(project / "bib").keys
    assert load_profile(Project(project), "default").csl == "chicago-notes-bibliography"
    assert load_manifest(Project(project), "reader").works[0] == WORK
    assert run_editio(project, "collate", SMALL) == 0, capsys.readouterr().err


def test_a_markup_error_in_a_crlf_file_keeps_its_line(project, capsys):
    path = project / TEXT
    text = path.read_text(encoding="utf-8").replace("lang: en-GB", "lang: British")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    check_error(project, capsys, 4, "text.md:5", "lang 'British' is not a language tag")


@pytest.mark.parametrize(("convert", "named"), [
    (lambda b: b.replace(b"\n", b"\r\n"), "line ends (LF made CRLF)"),
    (lambda b: b"\xef\xbb\xbf" + b, "byte-order mark"),
    (lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"), "line ends"),
])
def test_a_converted_witness_is_refused_naming_the_conversion(project, capsys, convert, named):
    witness = project / "source" / WORK / "witness.md"
    witness.write_bytes(convert(witness.read_bytes()))
    err = check_error(project, capsys, 5, "witness witness.md has changed")
    assert named in err and "git checkout -- witness.md" in err


def test_an_edited_witness_gets_no_line_end_hint(project, capsys):
    witness = project / "source" / WORK / "witness.md"
    witness.write_bytes(witness.read_bytes().replace(b"\n", b"\r\n").replace(b"the", b"teh", 1))
    err = check_error(project, capsys, 5, "witness witness.md has changed")
    assert "line ends" not in err and "never edited" in err


def test_empty_text(project, capsys):
    path = project / TEXT
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\n---\n", 4) + 5], encoding="utf-8")
    check_error(project, capsys, 4, "the text is empty")


def test_unknown_work_suggests(project, capsys):
    assert run_editio(project, "build", "deutscher-1958") == 3
    err = capsys.readouterr().err
    assert "did you mean deutscher-1957" in err


def test_unknown_profile_suggests(project, capsys):
    path = project / TEXT
    path.write_text(path.read_text(encoding="utf-8").replace("profile: default",
                                                             "profile: defualt"), encoding="utf-8")
    check_error(project, capsys, 3, "unknown profile 'defualt'", "did you mean default")


def test_unknown_csl_style_suggests(project, capsys):
    path = project / "styles" / "profiles" / "default.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "csl: chicago-notes-bibliography", "csl: chicago-notes-bibliografy"), encoding="utf-8")
    check_error(project, capsys, 3, "unknown CSL style", "chicago-notes-bibliography", work=SMALL)


def test_missing_reference_docx(project, capsys):
    # a file the project's styles/ lacks is editio's default: only one neither has is missing
    path = project / "styles" / "profiles" / "default.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "docx/reference.docx", "docx/house.docx"), encoding="utf-8")
    check_error(project, capsys, 3, "missing file: styles/docx/house.docx", work=SMALL)


def test_a_huge_witness_is_refused_clearly(project, capsys):
    """Several MB of OCR: refused at once, not after minutes and gigabytes."""
    work = project / "source" / WORK
    witness = (work / "witness.md").read_bytes()
    big = witness * 90  # about 5 MB
    (work / "witness.md").write_bytes(big)
    import hashlib

    text = (work / "text.md").read_text(encoding="utf-8")
    old = hashlib.sha256(witness).hexdigest()
    (work / "text.md").write_text(text.replace(old, hashlib.sha256(big).hexdigest()),
                                  encoding="utf-8")
    check_error(project, capsys, 4, "witness.md", "MB; one work may be at most 2 MB",
                "split the text into several works")


def test_missing_font(project, capsys):
    path = project / "styles" / "profiles" / "default.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("font: EB Garamond",
                                                             "font: No Such Serif"),
                    encoding="utf-8")
    assert run_editio(project, "build", SMALL, "--to", "pdf") == 3  # any work: the quickest
    err = capsys.readouterr().err
    assert "font 'No Such Serif' is not installed" in err and "fontpkg" in err
    assert "Traceback" not in err


def test_language_must_be_a_tag(project, capsys):
    path = project / TEXT
    path.write_text(path.read_text(encoding="utf-8").replace("lang: en-GB", "lang: British"),
                    encoding="utf-8")
    check_error(project, capsys, 4, "text.md:5", "lang 'British' is not a language tag")


SMALL = "bln600-3202982093"  # a short newspaper report: the quickest whole build


def _git(*args: str, cwd: Path) -> None:
    import subprocess

    subprocess.run(["git", "-c", "user.name=editio", "-c", "user.email=editio@example.org",
                    "-c", "init.defaultBranch=main", *args], cwd=cwd, check=True,
                   capture_output=True)


def _windows_clone(tmp_path: Path, with_attributes: bool) -> Path:
    """A repository of one work, cloned as Git for Windows does by default."""
    import shutil

    from conftest import ROOT

    origin = tmp_path / "origin"
    for folder in ("bib", "styles"):
        shutil.copytree(ROOT / folder, origin / folder)
    shutil.copytree(ROOT / "source" / SMALL, origin / "source" / SMALL)
    if with_attributes:
        shutil.copy(ROOT / ".gitattributes", origin / ".gitattributes")
    _git("init", "-q", cwd=origin)
    _git("add", "-A", cwd=origin)
    _git("commit", "-q", "-m", "one work", cwd=origin)
    _git("clone", "-q", "-c", "core.autocrlf=true", str(origin), "clone", cwd=tmp_path)
    return tmp_path / "clone"


@pytest.mark.slow
def test_a_windows_checkout_builds(tmp_path, capsys):
    """core.autocrlf=true: the project's .gitattributes keeps the witness byte for byte."""
    clone = _windows_clone(tmp_path, with_attributes=True)
    work = clone / "source" / SMALL
    assert (work / "witness.txt").read_bytes() == \
        (tmp_path / "origin" / "source" / SMALL / "witness.txt").read_bytes()
    assert run_editio(clone, "build", SMALL, "-q") == 0, capsys.readouterr().err
    for ext in ("pdf", "epub", "docx"):
        assert (clone / "dist" / f"{SMALL}.{ext}").stat().st_size > 1000


def test_a_windows_checkout_without_attributes(tmp_path, capsys):
    """Every file arrives with CRLF: text.md is read, the converted witness is named."""
    clone = _windows_clone(tmp_path, with_attributes=False)
    work = clone / "source" / SMALL
    assert b"\r\n" in (work / "text.md").read_bytes()  # git did convert
    assert run_editio(clone, "collate", SMALL) == 5
    err = capsys.readouterr().err
    assert "witness witness.txt has changed" in err and "line ends (LF made CRLF)" in err
    # the witness restored byte for byte: the CRLF text.md, .bib and profile build
    (work / "witness.txt").write_bytes(
        (tmp_path / "origin" / "source" / SMALL / "witness.txt").read_bytes())
    assert run_editio(clone, "collate", SMALL) == 0, capsys.readouterr().err


def test_one_reader_of_accepted_words_skips_comments_and_blanks(tmp_path):
    """The build's check, the desk and `editio suspects --accept` read a list the same way:
    a word a line, in any case; blank lines and `#` comments (indented too) are no words."""
    from editio.intake.source import read_accepted_words

    path = tmp_path / "accepted-words.txt"
    path.write_text("# words the finder should not flag\nRobsepierre\n\n  Leviathan  \n"
                    "   # an indented comment\n#commented\n", encoding="utf-8")
    assert read_accepted_words(path) == {"robsepierre", "leviathan"}


def test_the_cli_reads_accepted_words_with_the_one_reader():
    """`editio suspects --accept` has no reader of its own (it once kept `#` lines)."""
    import inspect

    from editio import cli

    source = inspect.getsource(cli.cmd_suspects)
    assert "read_accepted_words(" in source and "splitlines" not in source
