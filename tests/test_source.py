"""Bad source files give one clear message with file and line, and leave dist/ alone."""

from __future__ import annotations

from pathlib import Path

from conftest import WORK, run_editio

TEXT = Path("source") / WORK / "text.md"


def check_error(root: Path, capsys, code: int, *needles: str) -> str:
    before = sorted((root / "dist").glob("*")) if (root / "dist").exists() else []
    assert run_editio(root, "build", WORK, "--to", "docx") == code
    err = capsys.readouterr().err
    for needle in needles:
        assert needle in err, (needle, err)
    assert "Traceback" not in err
    after = sorted((root / "dist").glob("*.docx")) if (root / "dist").exists() else []
    assert after == [p for p in before if p.suffix == ".docx"]
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


def test_non_utf8_names_line_and_column(project, capsys):
    path = project / TEXT
    data = path.read_bytes().replace(b"Gone are", b"Gone \xe9re", 1)
    path.write_bytes(data)
    line = data[: data.index(b"\xe9")].count(b"\n") + 1
    check_error(project, capsys, 4, f"text.md:{line}:", "not UTF-8")


def test_bom_is_refused(project, capsys):
    path = project / TEXT
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    check_error(project, capsys, 4, "text.md:1", "byte-order mark")


def test_crlf_is_refused(project, capsys):
    path = project / TEXT
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    check_error(project, capsys, 4, "text.md:1", "CRLF")


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
    check_error(project, capsys, 3, "unknown CSL style", "chicago-notes-bibliography")


def test_missing_reference_docx(project, capsys):
    (project / "styles" / "docx" / "reference.docx").unlink()
    check_error(project, capsys, 3, "missing file: styles/docx/reference.docx")


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
    assert run_editio(project, "build", WORK, "--to", "pdf") == 3
    err = capsys.readouterr().err
    assert "font 'No Such Serif' is not installed" in err and "fontpkg" in err
    assert "Traceback" not in err


def test_language_must_be_a_tag(project, capsys):
    path = project / TEXT
    path.write_text(path.read_text(encoding="utf-8").replace("lang: en-GB", "lang: British"),
                    encoding="utf-8")
    check_error(project, capsys, 4, "text.md:5", "lang 'British' is not a language tag")
