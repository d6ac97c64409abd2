"""The collation check: it passes on the edition and catches every silent change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, WORK, first_case_fast, run_editio
from editio.formats.collation_model import Collated, Context, collated_contexts, context
from editio.proof.collate import Token, differences, stream

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
    assert context(stream(pieces), 3, bound="\n\n") == Context(
        "It was a wo", "", "rd of the time.", False, False)
    assert context(stream(pieces), 4) is None


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


# --- collate() over small texts in memory: no project, no build (make mutants runs these
# alone, EDITIO_UNIT_TESTS_ONLY in tests/conftest.py) ---------------------------------------

def collated(text: str, witness: str, suffix: str = ".md"):
    """What collate() makes of a reading text and its witness (a .md witness is read as
    Markdown, any other as plain text)."""
    from editio.base import pandoc
    from editio.intake.markup import read_markup
    from editio.intake.source import WorkSource
    from editio.proof.collate import collate

    source = WorkSource(
        work_id="t", directory=Path("t"), text_path=Path("t/text.md"), text=text, meta={},
        body_line=1, witness_path=Path(f"t/witness{suffix}"), witness=witness, note_path=None,
        note="", accepted_words=frozenset())
    doc = pandoc.parse_markdown(text)
    return collate(doc, read_markup(doc, source), source)


def collation_error(text: str, witness: str, suffix: str = ".md"):
    from editio.base.errors import CollationError

    with pytest.raises(CollationError) as caught:
        collated(text, witness, suffix)
    assert str(caught.value.path) == "t/text.md"
    return caught.value


# A Markdown witness and its reading text, with one of each silent normalisation
WITNESS = ('# A "Heading" -- **bold**\n\nA note. The first para-\n\nThe note at the foot.\n\n'
           'graph has an errer... It\ngoes on.\n\n> Quoted stray* mark.\n\n- An item\n')
READING = ('## A “Heading” – bold\n\nA note.[^1] The first para[]{.pb n="2" notes="1"}graph '
           'has an [error]{.corr sic="errer"}… It\ngoes on.\n\n> Quoted stray[]{.corr sic="\\*"} '
           'mark.\n\n- An item\n\n[^1]: The note at the foot.\n')


def test_a_markdown_witness_collates_with_each_normalisation_counted():
    from editio.proof.collate import (
        DIVIDED_WORDS,
        HEADING_LEVELS,
        PAGE_BREAKS,
        PLACED_NOTES,
        TYPOGRAPHY,
        Normalisation,
    )

    assert collated(READING, WITNESS).normalisations == (
        Normalisation(PAGE_BREAKS, 1), Normalisation(DIVIDED_WORDS, 1),
        Normalisation(PLACED_NOTES, 1), Normalisation(HEADING_LEVELS, 1),
        Normalisation(TYPOGRAPHY, 4))


def in_context(result) -> tuple[Collated, ...]:
    """Each emendation as the collation page shows it, cut from the sides collate() carries."""
    return tuple(collated_contexts(result, sorted({*result.witness.places,
                                                   *result.witness_lines})).values())


def test_each_emendation_is_shown_in_its_context_on_both_sides():
    assert in_context(collated(READING, WITNESS)) == (
        Collated(1, Context("¶ graph has an ", "errer", "… It goes on.", False, False),
                 Context("A note.¹ The first paragraph has an ", "error", "… It goes on.",
                         False, False), 7),
        Collated(2, Context("block quotation Quoted stray", "*", " mark.", False, False),
                 Context("Quoted stray", "", " mark.", False, False), 10))


def test_a_plain_witness_collates_its_lines_joined():
    from editio.proof.collate import PLAIN_LINES, Normalisation

    result = collated('A plain witness line\nand its next line with [error]{.corr sic="errer"}'
                      "\n\nA new one\nand a last\n", "A plain witness line\nand its next "
                      "line with errer\nA new one\nand a last\n", ".txt")
    assert result.normalisations == (Normalisation(PLAIN_LINES, 2),)
    assert in_context(result) == (Collated(
        1, Context("line / and its next line with ", "errer", "", True, False),
        Context("witness line and its next line with ", "error", "", True, False), 2),)


def test_a_level_kept_and_no_bold_is_no_heading_normalised():
    from editio.proof.collate import HEADING_LEVELS

    result = collated("## Title\n\nText.\n", "## Title\n\nText.\n")
    assert HEADING_LEVELS not in [n.text for n in result.normalisations]
    assert result.normalisations == ()
    assert [n.count for n in collated("# Title\n\nText.\n", "## Title\n\nText.\n"
                                      ).normalisations] == [1]
    assert [n.count for n in collated("## Title\n\n## Other\n", "## **Title**\n\n## Other\n"
                                      ).normalisations] == [1]


@pytest.mark.parametrize(("text", "witness", "said"), [
    ("One two.\n\nThree four.\n", "One two. Three four.\n",
     "t/text.md:3: the reading text begins a paragraph where witness.md:1 runs on: an "
     "unrecorded split"),
    ("One two. Three four.\n", "One two.\n\nThree four.\n",
     "t/text.md:1: the reading text runs on where witness.md:3 begins a paragraph: an "
     "unrecorded merge"),
    ("One two.\n\n## Three four.\n", "One two.\n\nThree four.\n",
     "t/text.md:3: the reading text has a heading where witness.md:3 has a paragraph: an "
     "unrecorded change of block"),
    ("One two.\n\n> Three four.\n", "One two.\n\n- Three four.\n",
     "t/text.md:3: the reading text has a block quotation where witness.md:3 has a list "
     "item: an unrecorded change of block"),
    ("One two.\n\n| Three four.\n", "One two.\n\n```\nThree four.\n```\n",
     "t/text.md:3: the reading text has a block (verse) where witness.md:3 has a block "
     "(code): an unrecorded change of block"),
])
def test_an_unrecorded_change_of_blocks_is_named(text, witness, said):
    error = collation_error(text, witness)
    assert said in error.message, error.message
    assert error.hint == ('mark each change as [reading]{.corr sic="witness reading"}; a '
                          "change of paragraphing or of a block's kind as []{.corr "
                          'block="para" note="…"} (block="none" where the witness runs on)')


def test_a_plain_witness_names_its_line_ends():
    error = collation_error("One two\n\nthree.\n", "One two three.\n", ".txt")
    assert "the reading text begins a line where witness.txt:1 runs on" in error.message


def test_an_unrecorded_word_is_named_with_both_readings_and_both_lines():
    error = collation_error("Intro.\n\nOne two\nthree fuor.\n", "Intro.\n\nOne two\n\nthree four.\n"
                            .replace("\n\nthree", "\nthree"))
    assert error.message == ("1 difference(s) between witness and reading text are not "
                             "recorded:\n  t/text.md:4: reading text differs from witness.md:4"
                             " with no emendation: witness 'four.', reading text rebuilds to "
                             "'fuor.'")
    assert error.line == 4
    assert error.hint == 'mark each change as [reading]{.corr sic="witness reading"}'


def test_words_missing_from_either_side_are_shown_as_nothing():
    error = collation_error("One two three.\n", "One two.\n")
    assert "witness 'two.', reading text rebuilds to 'two three.'" in error.message
    error = collation_error("One.\n\nTwo.\n", "One.\n\nTwo.\n\nThree and more.\n")
    assert "witness '[¶] Three and more.', reading text rebuilds to '(nothing)'" in \
        error.message


def test_a_wrong_witness_reading_is_blamed_on_its_emendation():
    error = collation_error('One [two]{.corr sic="tow"} three.\n', "One twp three.\n")
    assert "t/text.md:1: emendation 1 gives the witness reading 'tow', but witness.md:1 " \
           "reads 'twp'" in error.message
    # the witness has more words where an emendation's reading ends
    error = collation_error('One [two]{.corr sic="tow"} three.\n', "One tow extra three.\n")
    assert "emendation 1 gives the witness reading '(nothing)', but witness.md:1 reads " \
           "'extra'" in error.message
    error = collation_error('One [two]{.corr sic="tow"} three.\n', "One extra tow three.\n")
    assert "emendation 1 gives" in error.message


def test_a_deletion_with_a_word_missing_after_it_is_blamed_on_it():
    error = collation_error('One two[]{.corr sic="!"} four.\n', "One two! three four.\n")
    assert "emendation 1 gives the witness reading '(nothing)', but witness.md:1 reads " \
           "'three'" in error.message


def test_a_boundary_missing_beside_an_emendation_is_a_merge_not_its_fault():
    error = collation_error('One [two]{.corr sic="tow"} three.\n',
                            "One tow\n\nthree.\n")
    assert "an unrecorded merge" in error.message


def test_more_than_twelve_differences_are_counted_not_listed():
    words = [f"w{i}" for i in range(60)]
    text = " ".join(w if i % 4 else w + "x" for i, w in enumerate(words)) + "\n"
    error = collation_error(text, " ".join(words) + "\n")
    assert error.message.startswith("15 difference(s)")
    assert error.message.count("reading text differs") == 12
    assert error.message.endswith("\n  … and 3 more")
    error = collation_error(text.replace("w48x", "w48"), " ".join(words) + "\n")
    assert error.message.count("reading text differs") == 12 and "… and 2 more" in error.message
    few = collation_error(text.replace("w4x", "w4"), " ".join(words[:48]) + "\n")
    assert "more" not in few.message


def test_a_long_text_with_two_changes_far_apart_finds_each():
    """The comparison walks the texts in step and looks a window ahead where they part."""
    words = [f"w{i}" for i in range(1200)]
    edited = list(words)
    edited[500] = "changed"
    del edited[900:905]
    found = differences(_tokens(*words), _tokens(*edited))
    assert [(d.witness, d.reading) for d in found] == [
        ("w500", "changed"), ("w900 w901 w902 w903 w904", "")]


def test_texts_that_part_for_good_are_one_difference_a_window_at_a_time():
    witness = _tokens(*(f"a{i}" for i in range(500)))
    reading = _tokens(*(f"b{i}" for i in range(450)))
    found = differences(witness, reading)
    assert [(len(d.witness.split()), len(d.reading.split())) for d in found] == [(400, 400),
                                                                                  (100, 50)]


def test_a_difference_at_the_very_end_is_found():
    found = differences(_tokens("a", "b", "c", "d", "e"), _tokens("a", "b", "c", "d", "f"))
    assert [(d.witness, d.reading) for d in found] == [("e", "f")]
    found = differences(_tokens("a", "b", "c"), _tokens("a", "b", "c", "d"))
    assert [(d.witness, d.reading, d.witness_line) for d in found] == [("", "d", 1)]
    assert differences([], _tokens("a"))[0].witness_line == 0
    assert differences(_tokens("a"), [])[0].reading_line == 0


def test_a_short_agreement_between_two_changes_is_not_taken_for_being_back_in_step():
    witness = _tokens("x", "a", "b", "c", "y", "same", "same", "same", "same", "end")
    reading = _tokens("X", "a", "b", "c", "Y", "same", "same", "same", "same", "end")
    assert [(d.witness, d.reading) for d in differences(witness, reading)] == [
        ("x", "X"), ("y", "Y")]


def test_each_difference_has_its_own_lines():
    witness = [Token("a", 1, None), Token("b", 2, None), Token("c", 3, None)]
    reading = [Token("a", 5, None), Token("B", 6, None), Token("c", 7, None)]
    (d,) = differences(witness, reading)
    assert (d.witness_line, d.reading_line, d.emendation) == (2, 6, None)


def test_the_lines_where_markdown_blocks_begin():
    from editio.proof.collate import block_start_lines

    text = ("# Head\nNext para\n\nA para\nrunning on\n\n[^1]: A note\n    its body\n\n"
            "    indented\n\nBack\n## H2\n## H3\n")
    assert block_start_lines(text) == [1, 2, 4, 12, 13, 14]
    assert block_start_lines(text, 4) == [4, 12, 13, 14]
    # a note's body indented with a tab; code indented at the very start
    assert block_start_lines("[^1]: A note\n\n\tits body\n\nBack\n") == [5]
    assert block_start_lines("    code\n\nText\n") == [1, 3]


@pytest.mark.parametrize("text, lines", [
    # a code fence may interrupt a paragraph, and a paragraph may follow it at once
    ("Para.\n```\ncode\n\nmore\n```\nAfter.\n", [1, 2, 7]),
    ("A\n\n~~~~\ncode\n\n~~~\nmore\n~~~~\n\nB\n", [1, 3, 10]),
    # a div needs a blank line before it, none after; what it holds is inside it
    ("Para one\n::: x\nIn div\n\nStill div\n:::\nAfter div\n\nLast.\n", [1, 5, 9]),
    ("One\n\n::: x\nA\n\nB\n\n```\n:::\n```\n:::\n\nTwo\n", [1, 3, 13]),
    ("::: a\n::: b\ninner\n:::\n:::\n# Head\ntext\n", [1, 6, 7]),
    ("# H\n```\nc\n```\n## H2\nPara\n", [1, 2, 5, 6]),
])
def test_fenced_blocks_begin_where_pandoc_begins_them(text, lines):
    from editio.base import pandoc
    from editio.proof.collate import block_start_lines

    assert block_start_lines(text) == lines
    assert len(pandoc.parse_markdown(text)["blocks"]) == len(lines)


def test_a_word_after_a_fenced_div_is_reported_at_its_own_line():
    witness = "One.\n\n::: box\nBoxed.\n\nMore.\n:::\nAfter the box.\n"
    error = collation_error(witness.replace("After the", "After thr"), witness)
    assert "text.md:" in error.message and ":8" in error.message, error.message


def test_the_line_of_each_notes_definition_in_the_order_called():
    from editio.proof.collate import footnote_lines

    text = "A[^b] and[^a] and[^x].\n\n[^a]: One.\n\n[^b]: Two[^a].\n"
    assert footnote_lines(text) == [5, 3, 1]
    # a note defined before the next paragraph calls another
    assert footnote_lines("A[^1].\n\n[^1]: One.\n\nB[^2].\n\n[^2]: Two.\n") == [3, 7]


def test_a_plain_witness_is_a_line_boundary_and_words_a_line():
    from editio.intake.source import WorkSource
    from editio.proof.collate import MARK, witness_tokens

    source = WorkSource(
        work_id="t", directory=Path("t"), text_path=Path("t/text.md"), text="", meta={},
        body_line=1, witness_path=Path("t/witness.TXT"), witness="“One” two\n\n  three\n",
        note_path=None, note="", accepted_words=frozenset())
    assert [(t.text, t.line) for t in witness_tokens(source)] == [
        (f"{MARK}line", 1), ('"One"', 1), ("two", 1), (f"{MARK}line", 3), ("three", 3)]


def test_a_markdown_witness_is_found_by_its_suffix_whatever_its_case():
    from editio.intake.source import WorkSource
    from editio.proof.collate import markdown_witness

    def source(name: str) -> WorkSource:
        return WorkSource(
            work_id="t", directory=Path("t"), text_path=Path("t/text.md"), text="", meta={},
            body_line=1, witness_path=Path(name), witness="W", note_path=None, note="",
            accepted_words=frozenset())

    assert [markdown_witness(source(n)) for n in ("w.md", "w.MD", "w.markdown", "w.txt")] == \
        ["W", "W", "W", None]


# every kind of block and inline: a word changed in any of them is a difference at its line
# (editio's reader takes $…$ and HTML for text: no Math or raw HTML nodes reach the collation)
EVERY_KIND = ('Intro with `code` and $x^2$ math and "quoted" words.\n\n| A line of verse\n'
              '| and another\n\n```\ncode block\n```\n\nTerm\n:   Its definition\n\n'
              '::: {.box}\nIn a div.\n:::\n\n1. First item\n2. Second\n\n- Bullet\n\n---\n\n'
              '<b>raw</b>\n\nLast with errer.\n')


def test_every_kind_of_block_and_inline_collates():
    text = EVERY_KIND.replace("errer.", '[error]{.corr sic="errer"}.')
    assert collated(text, EVERY_KIND).normalisations == ()


# (a paragraph's words are reported at their own line; a verse's, a code block's, a
# definition's, a div's and a list's at the line where that block begins)
@pytest.mark.parametrize(("old", "new", "line"), [
    ("`code`", "`cod`", 1), ("$x^2$", "$x^3$", 1), ('"quoted"', '"quote"', 1),
    ("and another", "and anther", 3), ("code block", "code blok", 6),
    ("Its definition", "Its definitio", 10), ("In a div.", "In a dive.", 13),
    ("Second", "Secnd", 17), ("Bullet", "Bulet", 20), ("<b>raw</b>", "<b>rav</b>", 24),
])
def test_a_word_changed_in_any_kind_of_block_or_inline_is_found_at_its_line(old, new, line):
    text = EVERY_KIND.replace("errer.", '[error]{.corr sic="errer"}.').replace(old, new)
    error = collation_error(text, EVERY_KIND)
    assert error.message.startswith("1 difference(s)")
    assert f"t/text.md:{line}: reading text differs from witness.md:{line} " in error.message
    assert error.line == line


@pytest.mark.parametrize(("old", "new", "said"), [
    ("| A line of verse\n| and another", "A line of verse\nand another",
     "the reading text has a paragraph where witness.md:3 has a block (verse)"),
    ("- Bullet", "Bullet", "the reading text has a paragraph where witness.md:20 has a list "
     "item"),
    ("---", "***\n\nMore.", "witness '(nothing)', reading text rebuilds to 'More. [¶]'"),
])
def test_a_block_changed_in_kind_is_named(old, new, said):
    error = collation_error(EVERY_KIND.replace(old, new), EVERY_KIND)
    assert said in error.message, error.message


def test_a_rule_made_a_table_is_a_difference_of_its_words_and_boundary():
    witness = EVERY_KIND.replace("- Bullet\n\n---", "- Bullet\n\n| a |\n|---|\n| b |")
    error = collation_error(EVERY_KIND, witness)
    assert "witness '[table] a b', reading text rebuilds to '[rule]'" in error.message


def test_contexts_are_seven_words_each_side_with_quotes_code_notes_and_blocks_shown():
    witness = ('One two three four five six seven eight "nine" `ten` $e$ <i>x</i> errer eleven '
               "twelve thirteen fourteen fifteen sixteen seventeen.\n\n| verse with wrod in it"
               "\n\nA note call and hre.\n\nThe note with teh word.\n")
    text = ('One two three four five six seven eight "nine" `ten` $e$ <i>x</i> [error]{.corr '
            'sic="errer"} eleven twelve thirteen fourteen fifteen sixteen seventeen.\n\n'
            '| verse with [word]{.corr sic="wrod"} in it\n\nA note[^1] call and [here]{.corr '
            'sic="hre"}.[]{.pb n="2" notes="1"}\n\n[^1]: The note with [the]{.corr sic="teh"} '
            "word.\n")
    assert in_context(collated(text, witness)) == (
        Collated(1, Context('six seven eight "nine" ten $e$ <i>x</i> ', "errer",
                            " eleven twelve thirteen fourteen fifteen sixteen seventeen.", True,
                            False),
                 Context("six seven eight “nine” ten $e$ <i>x</i> ", "error",
                         " eleven twelve thirteen fourteen fifteen sixteen seventeen.", True,
                         False), 1),
        Collated(2, Context("verse verse with ", "wrod", " in it", False, False),
                 Context("verse with ", "word", " in it", False, False), 3),
        Collated(3, Context("¶ The note with ", "teh", " word.", False, False),
                 Context("The note with ", "the", " word.", False, False), 7),
        Collated(4, Context("¶ A note call and ", "hre", ".", False, False),
                 Context("A note¹ call and ", "here", ".", False, False), 5))


def test_a_context_is_cut_after_seven_words_on_either_side():
    words = " ".join(f"w{i}" for i in range(20))
    result = collated(f'{words} [x]{{.corr sic="y"}} {words}.\n', f"{words} y {words}.\n")
    (e,) = in_context(result)
    assert e.edition == Context("w13 w14 w15 w16 w17 w18 w19 ", "x",
                                " w0 w1 w2 w3 w4 w5 w6", True, True)
    short = collated('a b c d e f g [x]{.corr sic="y"} h i j k l m n.\n',
                     "a b c d e f g y h i j k l m n.\n")
    short = in_context(short)[0]
    assert short.edition == Context("a b c d e f g ", "x", " h i j k l m n.", False, False)


def test_a_note_called_inside_an_emendation_and_a_word_divided_at_a_column_break():
    from editio.proof.collate import DIVIDED_WORDS, PAGE_BREAKS, PLACED_NOTES, Normalisation

    result = collated('A [text[^1]]{.corr sic="text1"} with a note.[]{.pb n="2" notes="1"}\n\n'
                      "Split[]{.cb}word here.\n\n[^1]: The note.\n",
                      "A text1 with a note.\n\nThe note.\n\nSplit-\n\nword here.\n")
    assert result.normalisations == (Normalisation(PAGE_BREAKS, 1),
                                     Normalisation(DIVIDED_WORDS, 1),
                                     Normalisation(PLACED_NOTES, 1))
    (e,) = in_context(result)
    assert (e.witness.reading, e.edition.reading, e.witness_line) == ("text1", "text¹", 1)


def test_a_token_that_begins_before_an_emendations_reading_is_blamed_on_it():
    error = collation_error('He said "[word]{.corr sic="wrod"}" loudly.\n',
                            'He said "wrdo" loudly.\n')
    assert "emendation 1 gives the witness reading '\"wrod\"', but witness.md:1 reads " \
           "'\"wrdo\"'" in error.message


def test_two_boundaries_in_a_row_are_named_together():
    error = collation_error("One. Two.\n", "One.\n\n---\n\nTwo.\n")
    assert "the reading text runs on where witness.md:3 begins a block (rule) and a " \
           "paragraph: an unrecorded merge" in error.message


def test_single_quotes_are_typographic_in_the_editions_context():
    (e,) = in_context(collated("He said 'so [it]{.corr sic=\"ti\"} is'.\n",
                               "He said 'so ti is'.\n"))
    assert e.edition == Context("He said ‘so ", "it", " is’.", False, False)
    assert e.witness == Context("¶ He said 'so ", "ti", " is'.", False, False)


def test_a_structural_emendation_gives_back_each_of_the_witnesss_blocks():
    result = collated('One. []{.corr block="para heading" sic="Two"}Three.\n',
                      "One.\n\nTwo\n\n## Three.\n")
    assert result.witness_lines == {1: 3}
    # a paragraph the witness has not is the emendation's fault, named as such
    error = collation_error('One. []{.corr block="para"}Three.\n', "One. Three.\n")
    assert "t/text.md:1: emendation 1 gives the witness reading '[¶]', but witness.md:1 " \
           "reads '(nothing)'" in error.message


def test_an_emendation_of_the_witnesss_last_word_is_at_its_line():
    assert collated('One\n[two]{.corr sic="tow"}\n', "One\ntow\n").witness_lines == {1: 2}


def test_each_cut_page_break_is_counted():
    from editio.proof.collate import DIVIDED_WORDS, PAGE_BREAKS, Normalisation

    result = collated('One para[]{.pb n="2"}graph and two[]{.pb n="3"} more.\n',
                      "One para-\ngraph and two\nmore.\n", ".txt")
    assert result.normalisations == (Normalisation(PAGE_BREAKS, 2),
                                     Normalisation(DIVIDED_WORDS, 1))


def test_a_hard_line_break_is_a_line_end_of_a_plain_witness():
    assert collated("One\\\ntwo three.\n", "One\ntwo three.\n", ".txt").normalisations == ()
    error = collation_error("One\\\ntwo three.\n", "One two three.\n", ".txt")
    assert "the reading text begins a line where witness.txt:1 runs on" in error.message


def test_a_difference_in_an_inline_note_is_at_its_calls_line():
    error = collation_error("Text.\n\nMore.^[An inline nte.]\n", "Text.\n\nMore.\n\n"
                            "An inline note.\n")
    assert "t/text.md:3: reading text differs from witness.md:5" in error.message
    assert error.line == 3


def test_a_word_of_two_pieces_before_an_emendation_is_not_its_fault():
    error = collation_error('*a*b [c]{.corr sic="d"} e.\n', "ax d e.\n")
    assert "reading text differs from witness.md:1 with no emendation: witness 'ax', " \
           "reading text rebuilds to 'ab'" in error.message
    # nor after one
    error = collation_error('[c]{.corr sic="d"} e *a*b.\n', "d e ax.\n")
    assert "reading text differs from witness.md:1 with no emendation: witness 'ax.', " \
           "reading text rebuilds to 'ab.'" in error.message, error.message


def test_words_added_at_the_end_are_at_the_witnesss_last_line():
    error = collation_error("One two\nthree four\n", "One two\nthree\n")
    assert "t/text.md:2: reading text differs from witness.md:2 with no emendation: witness " \
           "'(nothing)', reading text rebuilds to 'four'" in error.message


def test_each_block_a_structural_emendation_gives_back_is_its_own():
    error = collation_error('One. []{.corr block="para heading" sic="Two"}Three.\n',
                            "One.\n\nTwo\n\nThree.\n")
    assert "emendation 1 gives the witness reading '[heading]', but witness.md:5 reads '[¶]'" \
        in error.message


def test_an_insertion_just_after_a_word_of_two_pieces_is_not_blamed_for_it():
    error = collation_error('*a*b[x]{.corr sic=""} e.\n', "ax e.\n")
    assert "with no emendation: witness 'ax', reading text rebuilds to 'ab'" in error.message


def markdown_witness_tokens(witness: str) -> list[tuple[str, int]]:
    """A Markdown witness's tokens and their lines, as witness_tokens reads it alone."""
    from editio.intake.source import WorkSource
    from editio.proof.collate import MARK, witness_tokens

    source = WorkSource(
        work_id="t", directory=Path("t"), text_path=Path("t/text.md"), text="", meta={},
        body_line=1, witness_path=Path("t/witness.md"), witness=witness, note_path=None,
        note="", accepted_words=frozenset())
    return [(t.text.replace(MARK, "|"), t.line) for t in witness_tokens(source)]


def test_a_verses_lines_are_words_apart():
    """A line block's lines are joined by a space: the last word of one line and the first of
    the next are two tokens, not one (in a Markdown witness as in the reading text)."""
    assert markdown_witness_tokens("| A line\n| and another\n") == [
        ("|verse", 1), ("A", 1), ("line", 1), ("and", 1), ("another", 1)]


def test_a_markdown_witnesss_note_is_read_at_its_call_with_its_definitions_line():
    assert markdown_witness_tokens("Intro.\n\nA call[^1] here.\n\n[^1]: The note.\n") == [
        ("|para", 1), ("Intro.", 1), ("|para", 3), ("A", 3), ("call", 3), ("|para", 5),
        ("The", 5), ("note.", 5), ("here.", 3)]


def test_each_of_three_page_breaks_is_read_as_its_own():
    """The third break is the third of the markup's, not the first or the last again: only
    the second divides a word."""
    from editio.proof.collate import DIVIDED_WORDS, PAGE_BREAKS, Normalisation

    result = collated('One two[]{.pb n="2"} three para[]{.pb n="3"}graph four[]{.pb n="4"} '
                      "five.\n", "One two\nthree para-\ngraph four\nfive.\n", ".txt")
    assert result.normalisations == (Normalisation(PAGE_BREAKS, 3),
                                     Normalisation(DIVIDED_WORDS, 1))


# two notes the witness prints at a page's foot, their definitions at lines 5 and 7
PLACED = 'A[^1] b[^2] c.[]{.pb n="2" notes="1 2"}\n\nD.\n\n[^1]: The first.\n\n[^2]: Second.\n'
PLACED_WITNESS = "A b c.\n\nThe first.\n\nSecond.\n\nD.\n"


def test_notes_at_a_page_foot_are_each_counted_and_read_in_their_own_words():
    from editio.proof.collate import PLACED_NOTES, Normalisation

    assert collated(PLACED, PLACED_WITNESS).normalisations == (Normalisation(PLACED_NOTES, 2),)


@pytest.mark.parametrize(("old", "line"), [("The first.", 5), ("Second.", 7)])
def test_a_difference_in_a_note_at_a_page_foot_is_at_its_definitions_line(old, line):
    error = collation_error(PLACED, PLACED_WITNESS.replace(old, old.replace(".", "!")))
    assert f"t/text.md:{line}: reading text differs from witness.md:" in error.message, \
        error.message
    assert error.line == line


def test_an_inline_note_at_a_page_foot_is_at_its_breaks_line():
    """An inline note has no definition of its own: a difference in it is at the line of the
    block whose break places it."""
    error = collation_error('Intro.\n\nText.^[An inline nte.] More.[]{.pb n="2" notes="1"}\n',
                            "Intro.\n\nText. More.\n\nAn inline note.\n")
    assert "t/text.md:3: reading text differs from witness.md:5" in error.message, \
        error.message


def test_a_bold_heading_after_a_paragraph_is_a_heading_normalised():
    assert [n.count for n in collated("Text.\n\n## Title\n", "Text.\n\n## **Title**\n"
                                      ).normalisations] == [1]


def test_the_reading_sides_are_the_paragraphs_that_hold_an_emendation():
    """Each paragraph or heading with an emendation, even one that is nothing else; none
    without."""
    result = collated('No change.\n\n[Two.]{.corr sic="Tw0."}\n\nThree [x]{.corr sic="y"}.\n',
                      "No change.\n\nTw0.\n\nThree y.\n")
    assert [s.text for s in result.readings] == ["Two.", "Three x."]


def test_the_editions_context_keeps_emphasis_line_breaks_and_each_notes_number():
    (e,) = in_context(collated('One[^1] *two*\\\nthree[^2] [four]{.corr sic="fuor"}.\n\n'
                               "[^1]: N.\n\n[^2]: M.\n",
                               "One two\nthree fuor.\n\nN.\n\nM.\n"))
    assert e.edition == Context("One¹ two three² ", "four", ".", False, False)


def test_an_emendation_wholly_in_emphasis_is_its_own_reading():
    (e,) = in_context(collated('One [*word*]{.corr sic="wrod"} two.\n', "One wrod two.\n"))
    assert (e.edition.reading, e.witness.reading) == ("word", "wrod")


@pytest.mark.parametrize(("text", "witness", "line"), [
    # a block the witness begins just after a word: the line where that block begins
    ('One.[]{.corr block="para"}Two.\n', "One.\n\nTwo.\n", 3),
    # a letter emended at a line's end: that line, not the next
    ('One tw[o]{.corr sic="0"}\nthree.\n', "One tw0\nthree.\n", 1),
    # an insertion after the witness's last word: its last line
    ('One\ntwo[ more]{.corr sic=""}\n', "One\ntwo\n", 2),
    # an insertion glued to the word that ends a line: that line, not the next
    ('One two[,]{.corr sic=""}\nthree.\n', "One two\nthree.\n", 1),
    ('One two[ more]{.corr sic=""}\nthree.\n', "One two\nthree.\n", 1),
    # an insertion before a line's first word: that word's line
    ('One two\n[new ]{.corr sic=""}three.\n', "One two\nthree.\n", 2),
    # a structural emendation at the very start: the witness's first line
    ('[]{.corr block="heading para"}Text.\n', "#\n\nText.\n", 1),
])
def test_each_emendations_witness_line(text, witness, line):
    assert collated(text, witness).witness_lines == {1: line}


def test_a_list_items_blocks_after_a_quotation_in_it_are_the_items_again():
    (e,) = in_context(collated('- > Quoted.\n\n  After [x]{.corr sic="y"}.\n',
                               "- > Quoted.\n\n  After y.\n"))
    assert e.witness == Context("list item After ", "y", ".", False, False)


def test_a_divs_paragraphs_are_blocks_apart_in_the_witness_context():
    (e,) = in_context(collated('::: {.box}\nFirst.\n\nSecond [x]{.corr sic="y"}.\n:::\n',
                               "::: {.box}\nFirst.\n\nSecond y.\n:::\n"))
    assert e.witness == Context("¶ Second ", "y", ".", False, False)


@pytest.mark.parametrize(("changes", "ending"), [(12, "reading text rebuilds to 'w44x'"),
                                                  (13, "\n  … and 1 more")])
def test_twelve_differences_are_listed_whole_and_a_thirteenth_counted(changes, ending):
    words = [f"w{i}" for i in range(4 * changes)]
    text = " ".join(w + "x" if i % 4 == 0 else w for i, w in enumerate(words)) + "\n"
    error = collation_error(text, " ".join(words) + "\n")
    assert error.message.count("reading text differs") == 12
    assert error.message.endswith(ending)


def test_each_difference_is_listed_on_a_line_of_its_own():
    error = collation_error("a bx c d e f gx h i j k.\n", "a b c d e f g h i j k.\n")
    assert error.message == (
        "2 difference(s) between witness and reading text are not recorded:\n"
        "  t/text.md:1: reading text differs from witness.md:1 with no emendation: witness "
        "'b', reading text rebuilds to 'bx'\n"
        "  t/text.md:1: reading text differs from witness.md:1 with no emendation: witness "
        "'g', reading text rebuilds to 'gx'")


def test_an_inline_note_called_inside_an_emendation_collates_at_its_line():
    error = collation_error('Intro.\n\nA [txt^[An inline nte.]]{.corr sic="txet"} here.\n',
                            "Intro.\n\nA txet\n\nAn inline note. here.\n")
    assert "t/text.md:3: reading text differs from witness.md:5" in error.message, \
        error.message


def test_a_word_common_in_a_long_window_still_anchors_the_comparison():
    """difflib's autojunk would ignore a word that makes up more than a hundredth of a window
    of 200 or more: in a run of one repeated word, or of a few alternating, a change would
    then swallow the whole window."""
    found = differences(_tokens("x", *["a"] * 300), _tokens("y", *["a"] * 300))
    assert [(d.witness, d.reading) for d in found] == [("x", "y")]
    # before the anchor (the four words at the end), 80 changes among two common words
    found = differences(_tokens(*["k", "the", "m"] * 80, "P", "Q", "R", "S"),
                        _tokens(*["j", "the", "m"] * 80, "P", "Q", "R", "S"))
    assert [(d.witness, d.reading) for d in found] == [("k", "j")] * 80


def test_words_missing_at_the_readings_end_are_at_its_last_line():
    assert collation_error("One\ntwo\n", "One\ntwo three\n").line == 2


def test_words_missing_beside_an_emendation_are_blamed_on_it_and_only_there():
    """Before an emendation at a paragraph's start, they are its fault; at the very start of
    the text, nothing stands before them, and the text's last emendation is not blamed."""
    error = collation_error('[Word]{.corr sic="Wrod"} two.\n', "Extra Wrod two.\n")
    assert "emendation 1 gives the witness reading '(nothing)', but witness.md:1 reads " \
           "'Extra'" in error.message, error.message
    error = collation_error('One two [x]{.corr sic="y"}\n', "# Extra\n\nOne two y\n")
    assert "with no emendation: witness '[heading] Extra', reading text rebuilds to " \
           "'(nothing)'" in error.message, error.message


def test_a_page_break_at_a_paragraphs_start_cuts_nothing():
    assert collated('One.\n\n[]{.pb n="2"}Two.\n', "One.\n\nTwo.\n").normalisations == ()


def test_a_code_block_fenced_just_after_a_paragraph_collates():
    """No blank line between them: two blocks where block_start_lines finds one line."""
    text = "Para.\n```\ncode\n```\n"
    assert collated(text, text).normalisations == ()
    assert "witness 'code', reading text rebuilds to 'cod'" in collation_error(
        text.replace("code\n", "cod\n"), text).message


@pytest.mark.parametrize("item", ["- Two.", "1. Two."])
def test_a_paragraph_made_a_list_item_of_either_kind_is_named(item):
    error = collation_error(f"One.\n\n{item}\n", "One.\n\nTwo.\n")
    assert "the reading text has a list item where witness.md:3 has a paragraph" in \
        error.message, error.message
