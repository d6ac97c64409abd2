"""The correction writer, through `editio suspects text.md --apply` and directly: every row
written as an emendation, the text collated, a wrong row or a changed file refused with
nothing written, every other byte kept, undo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editio.base.errors import CorrectionError, EditioError
from editio.base.project import Project
from editio.cli import main
from editio.desk.writer import Correction, restore, write
from editio.intake.scaffold import new_work
from editio.intake.source import load_work

WITNESS = ("THE ROBBERY AT LEE.\n"
           "The prisoner, tbe man who stole a wxatch, was taken at thanwths ol the house.\n"
           "He said nothing, and tbe magistrate remanded him.\n")


@pytest.fixture
def work(project: Path) -> tuple[Path, Path]:
    """A new work made from a witness with known errors, as `editio new` makes it."""
    scan = project / "scan.txt"
    scan.write_text(WITNESS, encoding="utf-8")
    made = new_work(Project(project), "lee", scan, title="Robbery")
    return project, made.text_path


def _line(text_md: Path, start: str) -> tuple[int, str]:
    for number, line in enumerate(text_md.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith(start):
            return number, line
    raise AssertionError(start)


def _tsv(path: Path, rows: list[tuple[int, int, str, str]]) -> Path:
    path.write_text("line\tcolumn\ttoken\tsuggestion\treason\n" + "".join(
        f"{line}\t{column}\t{token}\t{reading}\tunknown-word\n"
        for line, column, token, reading in rows), encoding="utf-8")
    return path


def test_every_row_is_written_and_the_text_collates(work, capsys):
    project, text_md = work
    n, line = _line(text_md, "The prisoner")
    m, other = _line(text_md, "He said")
    table = _tsv(project / "fix.tsv", [
        (n, line.index("tbe") + 1, "tbe", "the"),
        (n, line.index("wxatch,") + 1, "wxatch,", "watch,"),  # the comma stays outside
        (n, line.index("thanwths ol") + 1, "thanwths ol", ""),  # a garble of two words: gone
        (m, other.index("tbe") + 1, "tbe", "the"),
    ])
    assert main(["--root", str(project), "suspects", str(text_md), "--apply", str(table)]) == 0
    out = capsys.readouterr()
    assert "wrote 4 emendation(s)" in out.err
    text = text_md.read_text(encoding="utf-8")
    assert ('The prisoner, [the]{.corr sic="tbe" cert="low"} man who stole a '
            '[watch]{.corr sic="wxatch" cert="low"}, was taken at '
            '[]{.corr sic="thanwths ol " cert="low"}the house.') in text
    assert 'and [the]{.corr sic="tbe" cert="low"} magistrate' in text
    # the collation proves it: every change is recorded
    assert main(["--root", str(project), "collate", "lee"]) == 0
    assert main(["--root", str(project), "collation", "lee", "-q"]) == 0
    page = (project / "dist" / "lee-collation.html").read_text(encoding="utf-8")
    assert "thanwths ol" in page and "wxatch" in page


def test_a_wrong_row_is_refused_with_its_line_and_nothing_is_written(work, capsys):
    project, text_md = work
    n, line = _line(text_md, "The prisoner")
    before = text_md.read_bytes()
    table = _tsv(project / "fix.tsv", [
        (n, line.index("tbe") + 1, "tbe", "the"),
        (n, line.index("wxatch") + 3, "wxatch", "watch"),  # two columns off: row 3
    ])
    assert main(["--root", str(project), "suspects", str(text_md), "--apply", str(table)]) == 14
    err = capsys.readouterr().err
    assert "row 3 (line" in err and "not 'wxatch'" in err and "fix.tsv" in err
    assert text_md.read_bytes() == before


def test_a_row_that_would_not_collate_is_refused(work):
    project, text_md = work
    n, line = _line(text_md, "The prisoner")
    source = load_work(Project(project), "lee")
    before = text_md.read_bytes()
    # a reading with an unbalanced span would leave markup the collation cannot read
    with pytest.raises(CorrectionError, match="would not collate"):
        write(source, [Correction(n, line.index("tbe") + 1, "tbe", "the]{.corr")])
    assert text_md.read_bytes() == before


def test_a_file_changed_on_disk_is_not_overwritten_and_undo_restores_the_bytes(work):
    project, text_md = work
    # a Windows editor's file: a byte-order mark and CRLF line ends, kept as they are
    text_md.write_bytes(b"\xef\xbb\xbf" + text_md.read_bytes().replace(b"\n", b"\r\n"))
    source = load_work(Project(project), "lee")
    n, line = _line(text_md, "The prisoner")
    original = text_md.read_bytes()
    fix = Correction(n, line.index("tbe") + 1, "tbe", "the")
    written = write(source, [fix])
    after = text_md.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\r\n") == original.count(b"\r\n")
    assert after.replace(b'[the]{.corr sic="tbe" cert="low"}', b"tbe", 1) == original

    # the editor saves in their own editor meanwhile: the desk's next write is refused
    text_md.write_bytes(after + b"\r\nA line of their own.\r\n")
    with pytest.raises(CorrectionError, match="changed on disk"):
        write(source, [Correction(m, 1, "He", "Her") for m in [_line(text_md, "He")[0]]],
              expected=written.digest)
    with pytest.raises(CorrectionError, match="changed on disk"):
        restore(written)  # nor is their save undone
    text_md.write_bytes(after)
    restore(written)
    assert text_md.read_bytes() == original


def test_tokens_in_an_emendation_or_in_the_front_matter_are_refused(project: Path):
    source = load_work(Project(project), "bln600-3202982093")
    n, line = _line(source.text_path, "Mr. Beasley")
    inside = line.index("the Treasury,]") + 1
    with pytest.raises(CorrectionError, match="in an emendation already"):
        write(source, [Correction(n, inside, "the", "tho")])
    with pytest.raises(CorrectionError, match="not a line of the text's body"):
        write(source, [Correction(2, 1, "author:", "Author:")])


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_a_change_within_paragraphs_is_proved_paragraph_by_paragraph(project: Path):
    """The desk's quick proof: the changed paragraphs, read on their own, turn back into the
    tokens they turned back into before; the whole collation agrees with it."""
    from editio.desk.writer import collate_blocks, collate_text

    source = load_work(Project(project), "deutscher-1957")
    before = collate_text(source, source.text)
    n, line = _line(source.text_path, "Many recent acts")  # a paragraph with a page break
    word = "government"
    assert word in line and "[" + word not in line
    text = source.text.replace(line, line.replace(word, f'[x{word}]{{.corr sic="{word}"}}', 1))
    quick = collate_blocks(source, before, text, [n])
    assert quick is not None
    whole = collate_text(source, text)
    assert [(t.text, t.line) for t in quick.rebuilt] == [(t.text, t.line) for t in whole.rebuilt]

    # a silent change is not proved: the quick proof gives up, the whole collation refuses
    silent = source.text.replace(line, line.replace(word, "x" + word, 1))
    assert collate_blocks(source, before, silent, [n]) is None
    with pytest.raises(EditioError, match="not recorded"):
        collate_text(source, silent)

@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_a_paragraph_holding_a_structural_emendation_is_proved_on_its_own_while_it_stands(
        project: Path):
    """The essay's first paragraph begins with the byline the OCR set as a heading (a
    structural emendation, block="heading para"). A word emended beside it is proved on the
    paragraph alone, as the whole collation proves it; a change to the structural emendation
    itself is left to the whole collation."""
    from editio.desk.writer import collate_blocks, collate_text

    source = load_work(Project(project), "deutscher-1957")
    before = collate_text(source, source.text)
    n, line = _line(source.text_path, "[]{.corr sic=\"ISAAC DEUTSCHER\"")
    assert 'block="heading para"' in line
    word = "petrified"
    text = source.text.replace(line, line.replace(word, f'[{word}x]{{.corr sic="{word}"}}', 1))
    quick = collate_blocks(source, before, text, [n])
    assert quick is not None
    whole = collate_text(source, text)
    assert [(t.text, t.line) for t in quick.rebuilt] == [(t.text, t.line) for t in whole.rebuilt]

    silent = source.text.replace(line, line.replace(word, word + "x", 1))
    assert collate_blocks(source, before, silent, [n]) is None
    moved = source.text.replace(line, line.replace('block="heading para"', 'block="para para"'))
    assert collate_blocks(source, before, moved, [n]) is None


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_paragraphs_with_notes_are_proved_on_their_own_as_the_whole_collation_would(
        project: Path):
    """A paragraph holding a note's call, a page break that lets out a note printed at the
    page's foot, or a footnote's definition: the quick proof agrees with the whole
    collation token for token and line for line, and a silent change there is not proved."""
    from editio.desk.writer import collate_blocks, collate_text

    source = load_work(Project(project), "deutscher-1957")
    before = collate_text(source, source.text)
    lines = source.text.split("\n")
    called = next(n for n, s in enumerate(lines, 1) if "[^1]" in s and not s.startswith("[^"))
    let_out = next(n for n, s in enumerate(lines, 1) if 'notes="2"' in s)
    defined = next(n for n, s in enumerate(lines, 1) if s.startswith("[^3]:"))
    for n in (called, let_out, defined):
        line = lines[n - 1]
        words = re.sub(r"\[[^\]]*\]\{[^}]*\}|\[\^\d+\]:?", " ", line).split()  # no markup
        word = next(w for w in words if w.isalpha() and len(w) > 4 and line.count(w) == 1)
        text = source.text.replace(line, line.replace(word, f'[{word}x]{{.corr sic="{word}"}}'))
        quick = collate_blocks(source, before, text, [n])
        assert quick is not None, line[:60]
        whole = collate_text(source, text)
        assert [(t.text, t.line) for t in quick.rebuilt] == \
            [(t.text, t.line) for t in whole.rebuilt]
        silent = source.text.replace(line, line.replace(word, word + "x"))
        assert collate_blocks(source, before, silent, [n]) is None

    # a note called once more, or a break that lets out another note: the whole collation
    line = lines[called - 1]
    twice = source.text.replace(line, line.replace("[^1]", "[^1][^1]"))
    assert collate_blocks(source, before, twice, [called]) is None
    line = lines[let_out - 1]
    other = source.text.replace(line, line.replace('notes="2"', 'notes="1"'))
    assert collate_blocks(source, before, other, [let_out]) is None


def test_a_word_split_in_two_is_one_row_of_the_tsv_and_one_emendation(project: Path, capsys):
    """A reading that takes the neighbouring token with it (polit ical -> political, con-
    cerned -> concerned): `--format tsv` gives the stretch as the row's token, `--apply`
    writes it as one emendation, and the text collates."""
    scan = project / "scan.txt"
    scan.write_text("THE MEETING.\nThe polit ical question was raised by the member for the "
                    "borough, who was con- cerned in the matter of the new road.\n",
                    encoding="utf-8")
    text_md = new_work(Project(project), "meeting", scan, title="Meeting").text_path
    assert main(["--root", str(project), "suspects", str(text_md), "--format", "tsv"]) == 1
    rows = [r.split("\t") for r in capsys.readouterr().out.splitlines()[1:]]
    got = {(token, reading) for _, _, token, reading, _ in rows}
    assert {("polit ical", "political"), ("con- cerned", "concerned")} <= got, rows
    table = project / "fix.tsv"
    table.write_text("line\tcolumn\ttoken\tsuggestion\treason\n" + "".join(
        "\t".join(r) + "\n" for r in rows if " " in r[2]), encoding="utf-8")
    assert main(["--root", str(project), "suspects", str(text_md), "--apply", str(table)]) == 0
    text = text_md.read_text(encoding="utf-8")
    assert 'The [political]{.corr sic="polit ical" cert="low"} question' in text
    assert 'was [concerned]{.corr sic="con- cerned" cert="low"} in the matter' in text
    assert main(["--root", str(project), "collate", "meeting"]) == 0
