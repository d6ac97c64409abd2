"""The collation check: it passes on the edition and catches every silent change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, WORK, first_case_fast, run_editio
from editio.proof.collate import Context, Token, context, differences

TEXT = Path("source") / WORK / "text.md"


def edit(root: Path, old: str, new: str, count: int = 1, text: Path = TEXT) -> None:
    path = root / text
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(root: Path, needle: str, path: Path = TEXT) -> int:
    text = (root / path).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_the_edition_collates(project, capsys):
    assert run_editio(project, "collate", WORK) == 0
    assert "witness and reading text agree" in capsys.readouterr().out


MUTATIONS = {
    "added word": ("A fresh gust of wind is blowing", "A fresh gust of new wind is blowing"),
    "removed word": ("Gone are the days when the whole", "Gone are the days when whole"),
    "changed letter": ("the new Leviathan state", "the new Leviathen state"),
    "changed punctuation": ("It becomes subject to checks and balances.",
                            "It becomes subject to checks and balances!"),
    "split word": ("The stupendous machine of terror", "The stupen dous machine of terror"),
}


@pytest.mark.parametrize("name", first_case_fast(sorted(MUTATIONS)))
def test_a_silent_change_stops_the_build(project, capsys, name):
    old, new = MUTATIONS[name]
    edit(project, old, new)
    assert run_editio(project, "collate", WORK) == 9
    err = capsys.readouterr().err
    assert "collation error" in err
    assert f"text.md:{line_of(project, new)}" in err
    assert re.search(r"witness\.md:\d+", err)
    assert "Traceback" not in err


def test_a_moved_sentence_is_caught(project, capsys):
    sentence = " It becomes subject to checks and balances."
    edit(project, sentence, "")
    edit(project, "It is not only Caesar's head that has vanished.",
         "It is not only Caesar's head that has vanished." + sentence)
    assert run_editio(project, "collate", WORK) == 9
    err = capsys.readouterr().err
    assert "2 difference(s)" in err


def test_an_emendation_with_a_wrong_witness_reading_is_named(project, capsys):
    edit(project, 'sic="Robsepierre"', 'sic="Robespiere"')
    assert run_editio(project, "collate", WORK) == 9
    err = capsys.readouterr().err
    assert "emendation" in err and "gives the witness reading 'Robespiere,'" in err
    assert "reads 'Robsepierre,'" in err


def test_an_unrecorded_correction_is_caught(project, capsys):
    """Correcting the witness without the span is exactly what the check is for."""
    edit(project, '[Robespierre]{.corr sic="Robsepierre" kind="compositor"', "[Robespierre]{")
    text = (project / TEXT).read_text(encoding="utf-8")
    (project / TEXT).write_text(re.sub(r"\[Robespierre\]\{[^}]*\}", "Robespierre", text),
                                encoding="utf-8")
    assert run_editio(project, "collate", WORK) == 9
    assert "witness 'Robsepierre,'" in capsys.readouterr().err


# --- structure: paragraphs, headings and block quotations are text too --------------------

def witness_line_of(root: Path, needle: str) -> int:
    text = (root / "source" / WORK / "witness.md").read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


# name: (old, new, the words that begin the changed block, what the message calls it)
STRUCTURE_MUTATIONS = {
    "split": ("power. When government passes", "power.\n\nWhen government passes",
              "When government passes", "an unrecorded split"),
    "merge": ("perpetuum mobile* at last", None, "It is not only Caesar's head",
              "an unrecorded merge"),
    "paragraph to heading": ("\n\nIt is not only Caesar's head that has vanished.",
                             "\n\n## It is not only Caesar's head that has vanished.",
                             "It is not only Caesar's head", "has a heading where"),
    "heading to paragraph": ("## A fresh gust of wind\n", "A fresh gust of wind\n",
                             "A fresh gust of wind\n", "has a paragraph where"),
    "paragraph to block quotation": ("\n\nIt is not only Caesar's head",
                                     "\n\n> It is not only Caesar's head",
                                     "It is not only Caesar's head",
                                     "has a block quotation where"),
}


@pytest.mark.parametrize("name", first_case_fast(sorted(STRUCTURE_MUTATIONS)))
def test_an_unrecorded_change_of_structure_stops_the_build(project, capsys, name):
    old, new, block, message = STRUCTURE_MUTATIONS[name]
    if name == "merge":  # two paragraphs of the witness run together
        old, new = "balances.\n\nIt is not only", "balances. It is not only"
    edit(project, old, new)
    assert run_editio(project, "collate", WORK) == 9
    err = capsys.readouterr().err
    assert "collation error" in err and message in err, err
    needle = block if name != "merge" else "balances. It is not only"
    assert f"text.md:{line_of(project, needle)}:" in err, err
    assert f"witness.md:{witness_line_of(project, block.strip())}" in err, err
    assert "block=" in err and "Traceback" not in err


RECORDED_STRUCTURE = {
    "split": ("power. When government passes",
              'power.\n\n[]{.corr block="none" note="x"}When government passes'),
    "merge": ("balances.\n\nIt is not only",
              'balances. []{.corr block="para" note="x"}It is not only'),
    "paragraph to heading": ("\n\nIt is not only Caesar's head that has vanished.",
                             '\n\n## []{.corr block="para"}It is not only Caesar\'s head that '
                             'has vanished.'),
    "paragraph to block quotation": ("\n\nIt is not only Caesar's head",
                                     '\n\n> []{.corr block="para"}It is not only Caesar\'s '
                                     'head'),
}


@pytest.mark.parametrize("name", first_case_fast(sorted(RECORDED_STRUCTURE)))
def test_a_recorded_change_of_structure_collates(project, capsys, name):
    edit(project, *RECORDED_STRUCTURE[name])
    assert run_editio(project, "collate", WORK) == 0, capsys.readouterr().err


def small_work(root: Path, witness: str, text: str) -> None:
    import hashlib

    folder = root / "source" / "small"
    folder.mkdir()
    (folder / "witness.md").write_text(witness, encoding="utf-8")
    digest = hashlib.sha256(witness.encode("utf-8")).hexdigest()
    (folder / "text.md").write_text(
        "---\ntitle: Small\nauthor: Nobody\ndate: 2026\nlang: en-GB\neditor: Tests\n"
        f"rights: none\nsource: {SOURCE_KEY}\nversion: 0.1.0\nprofile: default\n"
        f"witness:\n  path: witness.md\n  sha256: {digest}\n---\n\n{text}", encoding="utf-8")


SOURCE_KEY = "deutscher1957russia"
QUOTED = "He said:\n\n> Words quoted at length stand apart.\n\nAnd so on.\n"


def test_a_block_quotation_turned_into_a_paragraph_is_caught(project, capsys):
    small_work(project, QUOTED, QUOTED.replace("> ", ""))
    assert run_editio(project, "collate", "small") == 9
    err = capsys.readouterr().err
    assert "small/text.md:18: the reading text has a paragraph where witness.md:3 has a " \
           "block quotation" in err, err


def test_a_block_quotation_kept_collates(project, capsys):
    small_work(project, QUOTED, QUOTED)
    assert run_editio(project, "collate", "small") == 0, capsys.readouterr().err
    project_text = project / "source" / "small" / "text.md"
    project_text.write_text(project_text.read_text(encoding="utf-8").replace(
        "> Words", '[]{.corr block="quote" note="set as a paragraph"}Words'), encoding="utf-8")
    assert run_editio(project, "collate", "small") == 0, capsys.readouterr().err


def test_a_structural_emendation_is_listed_with_both_structures(project):
    from editio.base import pandoc
    from editio.base.project import Project
    from editio.edition.apparatus import entries, readings
    from editio.intake.markup import read_markup
    from editio.intake.source import load_work

    edit(project, *RECORDED_STRUCTURE["split"])
    source = load_work(Project(project), WORK)
    markup = read_markup(pandoc.parse_markdown(source.text), source)
    split = next(e for e in markup.emendations if e.block == ("none",))
    assert (split.kind, split.edition_block) == ("structural", "para")
    assert readings(split) == ("¶", "run on")
    byline = markup.emendations[0]
    assert readings(byline) == ("¶", "heading ISAAC DEUTSCHER ¶")
    assert any(entry.emendation is split for entry in entries(markup, {}))


@pytest.mark.parametrize("bad", first_case_fast(['[]{.corr block="chapter"}',
                                                 '[]{.corr block="para none"}',
                                                 'x []{.corr block="none"} y']))
def test_a_malformed_structural_emendation_is_refused(project, capsys, bad):
    edit(project, "It becomes subject", f"{bad}It becomes subject")
    assert run_editio(project, "collate", WORK) == 8
    assert "markup error" in capsys.readouterr().err


def test_the_build_prints_the_silent_normalisations(project, capsys):
    assert run_editio(project, "collate", WORK) == 0
    out = capsys.readouterr().out
    assert re.search(r"^\s+14\s+Headings are set at one level", out, re.M), out
    assert re.search(r"^\s+2\s+A word divided by a page or column break", out, re.M), out


def test_a_difference_is_reported_at_its_own_line(project, capsys):
    """In a paragraph wrapped over many lines, the line of the change, not the first."""
    import textwrap

    path = project / TEXT
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("It is the twilight"))
    lines[index] = "\n".join(textwrap.wrap(lines[index], 60))
    path.write_text("\n".join(lines), encoding="utf-8")
    wrapped = lines[index].split("\n")
    assert len(wrapped) >= 5
    word = wrapped[4].split()[1]
    wrapped[4] = wrapped[4].replace(f" {word} ", f" {word}x ", 1)
    lines[index] = "\n".join(wrapped)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert run_editio(project, "collate", WORK) == 9
    err = capsys.readouterr().err
    assert f"text.md:{index + 5}: reading text differs" in err, err


PLAIN = "bln600-3206211949"  # a plain-text witness: one OCR line per segment


@pytest.mark.parametrize("old, new, message", [
    ("(Prussia), had claimed", "(Prussia),\n\nhad claimed", "an unrecorded split"),
    ("(Prussia), had claimed", "(Prussia),\nhad claimed", "an unrecorded split"),
    ("\nCaptain Wilson, being", " Captain Wilson, being", "an unrecorded merge"),
])
def test_a_plain_witness_lines_bound_the_blocks(project, capsys, old, new, message):
    path = project / "source" / PLAIN / "text.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert run_editio(project, "collate", PLAIN) == 9
    err = capsys.readouterr().err
    assert message in err and "witness.txt:3" in err, err
    edited = path.read_text(encoding="utf-8")
    needle = "had claimed" if "split" in message else "Captain Wilson, being"
    assert f"text.md:{edited[: edited.index(needle)].count(chr(10)) + 1}:" in err, err


def test_context_of_an_insertion_inside_a_word() -> None:
    pieces = [("It was a ", None), ("wo", None), ("", 3), ("rd of the ", None),
              ("time.\n\nNext", None)]
    assert context(pieces, 3, bound="\n\n") == Context("It was a wo", "", "rd of the time.",
                                                         False, False)
    assert context(pieces, 4) is None


def _tokens(*words: str) -> list[Token]:
    return [Token(w, 1, None) for w in words]


def test_a_change_of_case_alone_is_a_difference() -> None:
    """The witness's capitals are text: "Leviathan" made "leviathan" silently is caught."""
    witness = _tokens("the", "new", "Leviathan", "state", "is", "here")
    reading = _tokens("the", "new", "leviathan", "state", "is", "here")
    assert [(d.witness, d.reading) for d in differences(witness, reading)] == \
        [("Leviathan", "leviathan")]
    assert differences(witness, _tokens("the", "new", "Leviathan", "state", "is", "here")) == []


def test_a_silent_change_in_a_table_is_caught(tmp_path, capsys) -> None:
    """A table's cells are text like any other: the golden book's table, one figure changed
    (the collation once read no word inside a table, so a table was never collated)."""
    root = tmp_path / "project"
    shutil.copytree(Path(__file__).resolve().parents[1] / "golden" / "book" / "golden",
                    root / "source" / "golden")
    for folder in ("bib", "styles"):
        shutil.copytree(ROOT / folder, root / folder)
    assert run_editio(root, "collate", "golden") == 0
    edit(root, "| 1920 | 2,000,000 |", "| 1920 | 2,000,001 |",
         text=Path("source/golden/text.md"))
    assert run_editio(root, "collate", "golden") == 9
    err = capsys.readouterr().err
    line = line_of(root, "2,000,001", Path("source/golden/text.md"))
    assert f"text.md:{line}: reading text differs from witness.txt:10" in err, err
    assert "witness '2,000,000', reading text rebuilds to '2,000,001'" in err


def test_a_difference_in_the_first_word_is_found() -> None:
    assert [(d.witness, d.reading) for d in differences(_tokens("Leviathan", "state"),
                                                        _tokens("leviathan", "state"))] == \
        [("Leviathan", "leviathan")]


GRID_TABLE = """+------+-----------------+
| Year | Workers         |
+======+=================+
| 1920 | Two million.    |
|      |                 |
|      | Mostly idle.    |
+------+-----------------+
| 1955 | - fifteen       |
+------+-----------------+
| 1960 | more            |
+------+-----------------+
"""


def test_every_block_of_a_tables_cells_is_read_a_row_to_a_line() -> None:
    """A grid table's cell may hold paragraphs and lists: all their words are collated, a
    cell's paragraphs apart, and each row on its own line of the text."""
    from editio.base import pandoc
    from editio.proof.collate import MARK, Flattener

    flat = Flattener(None, [], lines_only=True)
    flat.blocks(pandoc.parse_markdown(GRID_TABLE)["blocks"], [1], 1)
    words = [(t.text, t.line) for t in flat.tokens() if not t.text.startswith(MARK)]
    assert [w for w, _ in words] == ["Year", "Workers", "1920", "Two", "million.", "Mostly",
                                     "idle.", "1955", "fifteen", "1960", "more"]
    # a cell's paragraphs run on within its row; a list in a cell begins lines of its own
    shown = " ".join("/" if t.text.startswith(MARK) else t.text for t in flat.tokens())
    assert shown == "/ Year Workers / 1920 Two million. Mostly idle. / 1955 / fifteen / 1960 more"
    # the head's row, the rule under it, then a line a row (a grid table's rows are
    # taller, but its rows keep their order)
    assert [line for w, line in words if w in ("Year", "1920", "1955", "1960")] == [1, 3, 4, 5]
