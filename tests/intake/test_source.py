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


# --- a work's files read from a small folder (make mutants runs these alone,
# EDITIO_UNIT_TESTS_ONLY in tests/conftest.py) -------------------------------------------------

WITNESS_BYTES = b"The witness, line one.\nLine two.\n"
FRONT = ("---\ntitle: T\nauthor: A\ndate: 1957\nlang: en-GB\nrights: none\nsource: key\n"
         "witness:\n  path: witness.txt\n  sha256: {sha}\n---\n")


def _work(tmp_path: Path, front: str | None = None, body: str = "\nThe text.\n",
          witness: bytes = WITNESS_BYTES):
    """A project of one work, `w`, in tmp_path; its Project."""
    import hashlib

    from editio.base.project import Project

    folder = tmp_path / "source" / "w"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "witness.txt").write_bytes(witness)
    sha = hashlib.sha256(witness).hexdigest()
    (folder / "text.md").write_text((front or FRONT).format(sha=sha) + body, encoding="utf-8")
    return Project(tmp_path)


def _refused(tmp_path: Path, error, message: str, line: int | None, hint: str | None = None,
             **work):
    from editio.intake.source import load_work

    project = _work(tmp_path, **work)
    with pytest.raises(error) as caught:
        load_work(project, "w")
    assert caught.value.message == message
    assert caught.value.line == line
    assert caught.value.path == tmp_path / "source" / "w" / "text.md"
    if hint is not None:
        assert caught.value.hint == hint
    return caught.value


def test_a_work_is_read_with_its_front_matter_note_and_accepted_words(tmp_path: Path):
    from editio.intake.source import load_work

    project = _work(tmp_path)
    folder = tmp_path / "source" / "w"
    (folder / "note.md").write_text("A note.\n", encoding="utf-8")
    (folder / "accepted-words.txt").write_text("# words\nRussia\n\n  Okhrana \n  # more\n",
                                               encoding="utf-8")
    source = load_work(project, "w")
    assert (source.work_id, source.directory, source.body_line) == ("w", folder, 12)
    assert source.meta["title"] == "T" and source.text.endswith("\nThe text.\n")
    assert source.witness_path == (folder / "witness.txt").resolve()
    assert (source.text_path, source.witness_kind) == (folder / "text.md", "lines")
    assert source.witness == WITNESS_BYTES.decode()
    assert (source.note_path, source.note) == (folder / "note.md", "A note.\n")
    assert source.accepted_words == frozenset({"russia", "okhrana"})
    assert source.warnings == ()
    assert (source.profile_name, source.source_key) == ("default", "key")


def test_a_work_without_note_or_accepted_words_has_none(tmp_path: Path):
    from editio.intake.source import load_work

    source = load_work(_work(tmp_path), "w")
    assert (source.note_path, source.note, source.accepted_words) == (None, "", frozenset())
    (tmp_path / "source" / "w" / "note.md").write_text("", encoding="utf-8")
    assert load_work(_work(tmp_path), "w").note_path is None


def test_a_draft_is_warned_of_at_its_source_line_or_the_top(tmp_path: Path):
    from editio.intake.source import load_work

    source = load_work(_work(tmp_path, FRONT.replace("source: key", "source: ''")), "w")
    (warning,) = source.warnings
    assert warning.message == ("no source: the edition is a draft, its title page says the "
                               "source is not yet recorded")
    assert (warning.line, warning.path) == (7, tmp_path / "source" / "w" / "text.md")
    assert warning.hint == "add the copy-text to bib/references.bib and its key as 'source: KEY'"
    assert source.source_key is None
    commented = load_work(_work(tmp_path, FRONT.replace("source: key", "# source: key")), "w")
    assert commented.warnings[0].line == 7
    gone = load_work(_work(tmp_path, FRONT.replace("source: key\n", "")), "w")
    assert gone.warnings[0].line == 2


def test_an_unknown_front_matter_key_is_warned_of_with_the_one_meant(tmp_path: Path):
    from editio.intake.source import load_work

    front = FRONT.replace("rights: none\n", "rights: none\nprofle: x\nzzzzzz: 1\n")
    source = load_work(_work(tmp_path, front), "w")
    typo, other = source.warnings
    assert typo.message == "front matter key 'profle' is not one editio reads; it is ignored"
    assert (typo.line, typo.hint) == (7, "did you mean 'profile'?")
    assert typo.path == other.path == tmp_path / "source" / "w" / "text.md"
    assert other.line == 8
    assert other.hint == ("keys: title, author, date, lang, rights, witness, source, editor, "
                          "subtitle, version, profile, csl, suspects")
    assert load_work(_work(tmp_path, FRONT.replace("title: T", "title: T\nprofile: p")),
                     "w").profile_name == "p"


def test_front_matter_that_is_missing_or_unclosed_is_refused(tmp_path: Path):
    from editio.base.errors import SourceError

    _refused(tmp_path, SourceError, "no YAML front matter", 1,
             "the file must begin with a line '---', the metadata, and a closing '---'",
             front="title: T\n")
    _refused(tmp_path, SourceError, "front matter is not closed by '---'", 1,
             front="---\ntitle: T\n")
    _refused(tmp_path, SourceError, "front matter must be a YAML mapping of fields", 2,
             front="---\n- a list\n---\n")


def test_front_matter_closed_by_dots_is_read():
    from editio.intake.source import split_front_matter

    assert split_front_matter("---\na: 1\n...  \nbody\n", Path("t")) == ({"a": 1}, 4)
    assert split_front_matter("---\na: 1\n---\n\nbody\n", Path("t")) == ({"a": 1}, 4)


def test_broken_yaml_is_refused_at_its_line(tmp_path: Path):
    from editio.base.errors import SourceError

    error = _refused(tmp_path, SourceError, "front matter is not valid YAML: could not find "
                     "expected ':'", 5, front="---\ntitle: T\nauthor: A\nbad line\nlang: x\n---\n")
    assert error.hint is None


def test_missing_fields_are_named_with_all_that_are_required(tmp_path: Path):
    from editio.base.errors import SourceError

    _refused(tmp_path, SourceError, "front matter lacks author, rights", 2,
             "required fields: title, author, date, lang, rights, witness",
             front=FRONT.replace("author: A", "author: ''").replace("rights: none\n", ""))


def test_an_empty_text_is_refused_at_its_first_line(tmp_path: Path):
    from editio.base.errors import SourceError

    _refused(tmp_path, SourceError, "the text is empty: nothing after the front matter", 12,
             body="\n  \n")


def test_a_language_that_is_no_tag_is_refused_at_its_line(tmp_path: Path):
    from editio.base.errors import SourceError

    _refused(tmp_path, SourceError, "lang 'British' is not a language tag", 5,
             "e.g. en-GB, en-US, de, fr", front=FRONT.replace("en-GB", "British"))
    _refused(tmp_path, SourceError, "lang 'e' is not a language tag", 5,
             front=FRONT.replace("en-GB", "e"))
    _refused(tmp_path, SourceError, "lang 'en-GB x' is not a language tag", 5,
             front=FRONT.replace("en-GB", "en-GB x"))


@pytest.mark.parametrize("witness", ["witness: witness.txt\n",
                                     "witness:\n  path: witness.txt\n"])
def test_a_witness_without_path_and_checksum_is_refused(tmp_path: Path, witness):
    from editio.base.errors import SourceError

    front = FRONT.replace("witness:\n  path: witness.txt\n  sha256: {sha}\n", witness)
    _refused(tmp_path, SourceError, "'witness' needs 'path' and 'sha256'", 8, front=front)


def test_a_witness_outside_its_folder_or_missing_is_refused(tmp_path: Path):
    from editio.base.errors import WitnessError

    _refused(tmp_path, WitnessError, "the witness must lie in the work's own folder", 8,
             front=FRONT.replace("path: witness.txt", "path: ../w/../witness.txt"))
    _refused(tmp_path, WitnessError, "witness file gone.txt is missing", 8,
             front=FRONT.replace("path: witness.txt", "path: gone.txt"))


def test_a_changed_witness_is_refused_at_its_checksum_line(tmp_path: Path):
    import hashlib

    from editio.base.errors import WitnessError

    front = FRONT.replace("{sha}", "f" * 64)
    actual = hashlib.sha256(WITNESS_BYTES).hexdigest()
    _refused(tmp_path, WitnessError, f"witness witness.txt has changed: sha256 is {actual}, "
             f"the front matter records {'f' * 64}", 10,
             "the witness is never edited; restore it from its source", front=front)


def test_a_checksum_in_capitals_is_the_same_checksum(tmp_path: Path):
    import re

    from editio.intake.source import load_work

    project = _work(tmp_path)
    text = tmp_path / "source" / "w" / "text.md"
    upper = re.sub(r"sha256: ([0-9a-f]+)", lambda m: "sha256: " + m.group(1).upper(),
                   text.read_text(encoding="utf-8"))
    text.write_text(upper, encoding="utf-8")
    assert load_work(project, "w").witness == WITNESS_BYTES.decode()


@pytest.mark.parametrize(("convert", "named"), [
    (lambda b: b.replace(b"\n", b"\r\n"), "line ends (LF made CRLF)"),
    (lambda b: b"\xef\xbb\xbf" + b, "byte-order mark (one was added)"),
    (lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"),
     "line ends (LF made CRLF) and byte-order mark (one was added)"),
])
def test_a_converted_witness_is_named_with_the_conversion(tmp_path: Path, convert, named):
    from editio.base.errors import WitnessError
    from editio.intake.source import load_work

    project = _work(tmp_path)
    (tmp_path / "source" / "w" / "witness.txt").write_bytes(convert(WITNESS_BYTES))
    with pytest.raises(WitnessError) as caught:
        load_work(project, "w")
    assert caught.value.hint == (
        f"it differs from the recorded witness only in its {named}: a checkout or an editor "
        "converted it. Restore it byte for byte: in a git checkout, delete witness.txt and "
        "run 'git checkout -- witness.txt' in its folder (the project's .gitattributes keeps "
        "witnesses as they are)")


@pytest.mark.parametrize(("recorded", "now", "named"), [
    (b"a\r\nb\r\n", b"a\nb\n", "line ends (CRLF made LF)"),
    (b"\xef\xbb\xbfa\n", b"a\n", "byte-order mark (one was removed)"),
    (b"a\r\nb\r\n", b"\xef\xbb\xbfa\nb\n",
     "line ends (CRLF made LF) and byte-order mark (one was added)"),
    (b"a\nb\n", b"a\nc\n", None),
])
def test_what_converted_a_witness_is_found_by_undoing_it(tmp_path: Path, recorded, now, named):
    import hashlib

    from editio.intake.source import converted_by

    path = tmp_path / "w.txt"
    path.write_bytes(now)
    assert converted_by(path, hashlib.sha256(recorded).hexdigest()) == named


def test_a_front_matter_keys_line_is_found_at_a_lines_start():
    from editio.intake.source import meta_line

    text = "---\ntitle: x\nsubtitle: y\nlang : en\n---\n"
    assert [meta_line(text, k) for k in ("title", "subtitle", "lang", "date")] == [2, 3, 4, None]


@pytest.mark.parametrize(("text", "message", "line"), [
    # an empty front matter is closed at once, and holds no mapping
    ("---\n---\nText\n", "front matter must be a YAML mapping of fields", 2),
    # a YAML error with no place in the text (the reader's): its first line, at line 1
    ("---\ntitle: a\x07b\n---\nText\n", "front matter is not valid YAML: unacceptable "
     "character #x0007: special characters are not allowed", 1),
])
def test_front_matter_that_is_empty_or_unreadable_is_refused(text, message, line):
    from editio.base.errors import SourceError
    from editio.intake.source import split_front_matter

    with pytest.raises(SourceError) as caught:
        split_front_matter(text, Path("t/text.md"))
    assert (caught.value.message, caught.value.line) == (message, line)
