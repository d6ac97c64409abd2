"""Behaviour of the OCR-suspect finder (editio.suspects.finder) with its shipped model."""

from __future__ import annotations

import pytest

from editio.suspects import finder as suspects
from editio.suspects.finder import Suspect, find_suspects, format_human, format_tsv


@pytest.fixture(scope="session", autouse=True)
def analyzer() -> suspects.Analyzer:
    # Loading the dictionaries and the model takes about a second: do it once.
    return suspects.default_analyzer()


def flagged(text: str, accepted: frozenset[str] = frozenset()) -> dict[str, Suspect]:
    return {s.token: s for s in find_suspects(text, accepted)}


@pytest.mark.parametrize(
    ("text", "token", "reasons"),
    [
        ("The poets called it bwevegtinik, a word of the time.", "bwevegtinik,", {"unknown-word"}),
        ("In France the period of Robsepierre ended in terror.", "Robsepierre", {"unknown-word"}),
        ("The indusrial workers of the towns went on strike.", "indusrial", {"unknown-word"}),
        (
            "The whole administrativeideological machine was shaken.",
            "administrativeideological",
            {"glued-words"},
        ),
        ("The rights of in-dividuals were restored.", "in-dividuals", {"inner-hyphen"}),
        ('He said it was "undei" the old law.', '"undei"', {"unknown-word", "glued-punctuation"}),
        ("They were sent, as a punishment, to! work at the bench.", "to!", {"glued-punctuation"}),
        ("He came from l0ndon by the night train.", "l0ndon", {"letter-digit"}),
        ("The prisoner was charged withltherobbery of the house.", "withltherobbery", None),
    ],
)
def test_flags_ocr_errors(text, token, reasons) -> None:
    found = flagged(text)
    assert token in found, sorted(found)
    if reasons is not None:
        assert found[token].reason in reasons


def test_suggestions() -> None:
    found = flagged("The indusrial workers and the administrativeideological machine.")
    assert found["indusrial"].suggestion == "industrial"
    assert found["administrativeideological"].suggestion == "administrative ideological"
    assert flagged("The rights of in-dividuals.")["in-dividuals."].suggestion == "individuals"


def test_flags_learned_real_word_confusion() -> None:
    # "tinder" for "under" is a confusion the BLN600 training OCR makes (its error rate and the
    # bigram context together); the suggestion is the word the context wants.
    text = "All the robberies alleged being tinder similar circumstances."
    found = flagged(text)
    assert "tinder" in found, sorted(found)
    assert found["tinder"].suggestion == "under"
    assert found["tinder"].reason == "real-word-context"


@pytest.mark.parametrize(
    "text",
    [
        "All the robberies alleged being under similar circumstances.",
        "They drank a pint of beer at the inn before the train left.",
        "He who wants to carry a revolution abroad on the point of bayonets will fail.",
    ],
)
def test_correct_real_words_in_context_are_not_flagged(text) -> None:
    assert find_suspects(text) == []


@pytest.mark.xfail(
    strict=True,
    reason="known weakness: real-word errors are not detected from context (see bench numbers)",
)
def test_flags_real_word_error_in_context() -> None:
    text = "He who wants to carry a revolution abroad on the pint of bayonets will fail."
    assert "pint" in flagged(text)


ORDINARY = (
    "It is nearly four years now since the country has ceased to be ruled by one man. "
    "The government was formed by a committee, and the people are no longer paralysed by fear. "
    "Writers, artists and scientists have been the pioneers of this change; they asked for "
    "more freedom, and the workers asked for higher wages and better housing."
)


def test_ordinary_english_is_not_flagged() -> None:
    assert find_suspects(ORDINARY) == []


def test_accepted_words_are_never_flagged() -> None:
    text = "Such talk was dismissed as Zukunftsmusik by Pankratova and her friends."
    assert {"Zukunftsmusik", "Pankratova"} <= set(flagged(text))
    assert flagged(text, frozenset({"zukunftsmusik", "PANKRATOVA"})) == {}


def test_markdown_syntax_is_not_flagged() -> None:
    text = (
        "# A fresh gust of wind\n"
        "\n"
        "The machine looked like an infernal *perpetuum mobile* at last, and **nothing** moved.\n"
        "It was the end of the old order.<sup>2</sup> The workers were free\\* again.\n"
        "## The new working class\n"
        "\\* That is, free to leave the camps.\n"
    )
    accepted = frozenset({"perpetuum", "mobile"})
    assert find_suspects(text, accepted) == []


def test_markdown_does_not_hide_errors() -> None:
    found = flagged("# The indusrial towns\n\nThey were *associaates* of the old guard.\n")
    assert {"indusrial", "associaates"} <= set(found)
    assert found["indusrial"].line == 1 and found["indusrial"].column == 7
    assert found["associaates"].line == 3 and found["associaates"].column == 12


def test_tsv_columns() -> None:
    text = "Première ligne sans faute.\nThe café served indusrial tea."
    accepted = frozenset({"première", "ligne", "sans", "faute"})
    found = find_suspects(text, accepted)
    assert [s.token for s in found] == ["indusrial"]
    rows = format_tsv(found).splitlines()
    assert rows[0].split("\t") == ["line", "column", "token", "suggestion", "reason", "note"]
    # "é" is one character: the column counts characters, not bytes.
    assert rows[1].split("\t") == ["2", "17", "indusrial", "industrial", "unknown-word", ""]
    assert text.splitlines()[1][16:25] == "indusrial"


def test_tsv_escapes_tabs() -> None:
    row = format_tsv([Suspect(1, 1, "a\tb", "", "inner-punctuation", 0.9)]).splitlines()[1]
    assert row.split("\t") == ["1", "1", "a\\tb", "", "inner-punctuation", ""]


def test_ranking_is_by_score() -> None:
    text = "The indusrial workers of Robsepierre came to! work in the morning."
    found = find_suspects(text)
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)
    assert len(found) >= 3
    # A garbled non-word outranks a punctuation slip on a common word.
    order = [s.token for s in found]
    assert order.index("indusrial") < order.index("to!")


def test_format_human() -> None:
    out = format_human(find_suspects("The indusrial town."), "essay.md")
    assert out.startswith("essay.md:1:5: 'indusrial' -> industrial [unknown-word,")
    assert format_human([], "x.md") == "x.md: no OCR suspects\n"


def test_empty_text() -> None:
    assert find_suspects("") == []
    assert format_tsv([]) == "line\tcolumn\ttoken\tsuggestion\treason\tnote\n"


def test_modern_typography_is_not_flagged() -> None:
    text = (
        'The "movement" of the workers\' meetings (as the historians\' "debates" show) was '
        "called de-Stalinization; the old-Bolshevik heresies were discussed in 1920-1921 "
        ". . . at last."
    )
    assert find_suspects(text) == []


def test_clean_long_text_keeps_strong_suspects() -> None:
    # A long clean text lowers the prior of an error, but a garbled word still stands out.
    text = (ORDINARY + "\n") * 12 + "The indusrial workers were not paralysed by the Leader."
    found = find_suspects(text)
    assert [s.token for s in found] == ["indusrial"]
    # Without adaptation the same text gets at least as many flags.
    assert len(find_suspects(text, adapt=False)) >= len(found)


def test_a_currency_sign_belongs_to_its_number() -> None:
    text = "The entire sum of £400, voted for labour, and $25 for the rest were spent."
    assert not [s for s in find_suspects(text) if s.token.startswith(("£", "$"))]


# Dashes typed as canonical Markdown writes them (issue 28): spaced `--`, `---`, `-`, `–`.
_DIALOGUE = (
    '"I -- I mean to say," said he, and looked away from the window. "He was -- well, he was '
    'gone before the morning came, and nobody saw him go."\n'
)


@pytest.mark.parametrize("dash", ["--", "---", "-", "\u2013"])
def test_spaced_dashes_of_the_text_are_its_dashes(dash) -> None:
    text = _DIALOGUE.replace("--", dash)
    if dash == "-":  # one hyphen alone is OCR's more often: a third makes the rule
        text += "The road was long - very long - and we walked on until dark.\n"
    found = find_suspects(text, below=suspects.DESK_BELOW)
    assert not [s for s in found if s.token == dash or s.reason == "broken-word"], found


def test_a_lone_dash_leaves_the_next_word_whole() -> None:
    # one spaced dash in a text with no other may stay a question; the word after it is no
    # half of a word broken at the line's end (well, -> will)
    text = ("The morning was cold and the road was long, and we walked on together. "
            "He was -- well, he was gone. We came home at last.\n")
    found = find_suspects(text, below=suspects.DESK_BELOW)
    assert not [s for s in found if s.token == "well,"], found


@pytest.mark.parametrize(("text", "wrong"), [
    ('The road was long. "I - I mean to say," said he to the man at the gate.\n', "II"),
    ("The road was long. It was - as I said - a long way home that night.\n", "saida"),
])
def test_a_spaced_dash_is_never_read_as_the_words_it_stands_between(text, wrong) -> None:
    for s in find_suspects(text, below=suspects.DESK_BELOW):
        assert not any(wrong in r for r in s.suggestions), s


def test_a_word_broken_about_a_spaced_hyphen_is_still_joined() -> None:
    found = find_suspects("The opinion ex - pressed by the magistrate was that the man "
                          "should be sent to prison for a month.\n")
    assert any("expressed" in s.suggestions for s in found), found
