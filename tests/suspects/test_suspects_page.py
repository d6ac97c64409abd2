"""The page's own evidence in the OCR-suspect finder (editio.suspects.finder.page_evidence):
marks that break the sentence or the paragraph, dashes spaced off on one side, note calls
without a note, and one-off variants of the document's own words. Each kind flags a
constructed case and leaves its correct counterpart alone."""

from __future__ import annotations

from editio.desk.flags import plain_flags
from editio.suspects import finder as suspects
from editio.suspects.finder import Settings, Suspect, find_suspects, split_core

# A clean modern paragraph to embed each case in: the calibration then sees a clean text.
CLEAN = (
    "The government was formed by a committee, and the people are no longer paralysed by fear. "
    "The workers asked for higher wages and better housing, and the peasants for land. "
)


def flagged(text: str, **kw: object) -> dict[str, Suspect]:
    return {s.token: s for s in find_suspects(text, **kw)}  # type: ignore[arg-type]


def cores(text: str, **kw: object) -> set[str]:
    return {split_core(s.token)[1] for s in find_suspects(text, **kw)}  # type: ignore[arg-type]


def evidence(text: str, **kw: object) -> set[str]:
    """The tokens the page's evidence alone picks out (whatever the model says of them)."""
    an = suspects.default_analyzer()
    tokens = suspects.tokenize(text)
    hits, _ = suspects.page_evidence(an, text, tokens, an.analyse(tokens), **kw)  # type: ignore[arg-type]
    return {t.text for t, hit in zip(tokens, hits, strict=True) if hit}


def test_a_full_stop_before_a_lower_case_word_is_flagged() -> None:
    got = flagged(CLEAN + "Writers. artists and scientists have been the pioneers of this change.")
    assert "Writers." in got
    assert got["Writers."].reason == "glued-punctuation"
    assert got["Writers."].suggestion == "Writers,"  # a comma with its tail lost
    assert suspects.emendation_markup(got["Writers."]) == (
        '[Writers,]{.corr sic="Writers." cert="low"}')
    right = "Writers, artists and scientists have been the pioneers of this change."
    assert flagged(CLEAN + right) == {}


def test_an_abbreviation_before_a_lower_case_word_is_not_flagged() -> None:
    text = CLEAN + "They asked for bread, boots, etc. and the right to leave the camps."
    assert flagged(text) == {}


def test_a_stop_before_lower_case_is_no_evidence_in_early_modern_print() -> None:
    text = CLEAN + "Then came the King. and his Lords with him to the gate of the town."
    assert "King." in flagged(text)
    assert "King." not in flagged(text, settings=Settings("early-modern"))


def test_a_word_that_begins_with_a_semicolon_or_brace_is_flagged() -> None:
    assert {";at", "{restrict"} <= set(flagged(
        CLEAN + "They were sent to work ;at the bench, striving to {restrict their freedom."))
    right = "They were sent to work at the bench, striving to restrict their freedom."
    assert flagged(CLEAN + right) == {}


def test_an_unpaired_closing_quote_is_flagged() -> None:
    assert 'It"' in flagged(CLEAN + 'It" made impossible the communication of ideas.')
    assert evidence(CLEAN + 'It" made impossible the communication of ideas.') == {'It"'}
    assert flagged(CLEAN + '"It" made impossible the communication of ideas.') == {}
    # A quotation of several sentences closes after its last stop: no evidence of a stray mark.
    assert flagged(CLEAN + 'He said that it was the end of an era."') == {}


def test_a_bracket_left_open_at_the_end_of_a_paragraph_is_flagged() -> None:
    assert "(the" in flagged(CLEAN + "They were sent to work at (the factory bench.")
    assert flagged(CLEAN + "They were sent to work at (the factory) bench.") == {}
    # A line that ends mid-sentence may run on (verse): no evidence there.
    verse = "They were sent to work at (the factory bench,\nand so on)."
    assert "(the" not in flagged(CLEAN + verse)


def test_a_dash_spaced_off_on_one_side_is_flagged() -> None:
    got = flagged(CLEAN + "There could be no other result —it could only deepen the despair -such "
                          "a society cannot last.")
    assert {"result", "-such"} <= set(got)
    assert got["result"].reason == "dash-spacing"
    assert got["result"].suggestions == ()
    closed = "There was no other result\u2014it could only deepen the despair\u2014such a time."
    spaced = "There was no other result \u2014 it could only deepen the despair \u2014 such a time."
    assert flagged(CLEAN + closed) == {}
    assert flagged(CLEAN + spaced) == {}
    # a text that prints dashes has its dash there: no reading drops it
    assert got["-such"].suggestions == ()


def test_a_dash_spaced_off_before_a_word_is_read_as_its_letter_or_dropped() -> None:
    # a text without dashes: the dash is a letter misread (-as: was) or a speck (-whilst)
    got = flagged(CLEAN + "He said that he -as there, and she came home -whilst it rained.")
    assert got["-as"].reason == "dash-spacing" and got["-as"].suggestions[0] == "was", got
    assert got["-whilst"].suggestions[:1] == ("whilst",), got["-whilst"]
    # ... and at the desk it is read whole: the dash does not come back (-as -> was)
    [flag] = [f for f in plain_flags(find_suspects(CLEAN + "He said that he -as there."))
              if f.token == "-as"]
    assert flag.readings[0] == "was", flag


def test_a_note_call_without_a_note_is_flagged() -> None:
    text = CLEAN + "They settled as free workers\\* in the remote provinces.\n"
    assert "workers" in flagged(text)
    assert flagged(text)["workers"].reason == "note-call"
    assert flagged(text)["workers"].suggestions == ()
    assert flagged(text + "\n\\* Free, that is, of the camps.\n") == {}


# The document uses intelligentsia, de-Stalinization and counter-revolution (hyphenated) often.
VARIANTS = (
    "The intelligentsia asked for freedom, and the intelligentsia was heard. "
    "De-Stalinization began in the capital; de-Stalinization then spread to the provinces. "
    "The counter-revolution came, and the counter-revolution failed. "
    "Anti-Stalinist writers and anti-communist officers met. "
    "The intelligentsia and the workers spoke of de-Stalinization as a fact. "
)


def test_a_one_off_variant_of_the_documents_own_word_is_flagged() -> None:
    got = cores(CLEAN + VARIANTS + "The intelligensia and the de-Stlainization of the Party "
                "were called a counterrevolution by the antiegalitarian officers.")
    assert {"intelligensia", "de-Stlainization", "counterrevolution", "antiegalitarian"} <= got
    assert evidence(VARIANTS + "The intelligensia and the de-Stlainization.") == {
        "intelligensia", "de-Stlainization."}


def test_a_variant_is_given_the_documents_own_form_as_its_first_suggestion() -> None:
    got = flagged(CLEAN + VARIANTS + "The intelligensia's fear of the counterrevolution grew. "
                  "Antiegalitarian officers spoke of De-Stlainization.")
    first = {split_core(t)[1]: s.suggestion for t, s in got.items()}
    assert first["intelligensia's"] == "intelligentsia's"
    assert first["counterrevolution"] == "counter-revolution"
    assert first["Antiegalitarian"] == "Anti-egalitarian"
    assert first["De-Stlainization"] == "De-Stalinization"


def test_the_documents_own_words_used_consistently_are_not_flagged() -> None:
    assert cores(CLEAN + VARIANTS + "The intelligentsia and the de-Stalinization of the Party "
                 "were called a counter-revolution by the anti-egalitarian officers.") == set()


def test_a_spelling_variant_is_not_a_slip() -> None:
    # -isation beside -ization is the author's (or the journal's) spelling, not a misreading.
    assert cores(CLEAN + VARIANTS + "The de-Stalinisation of the Party was slow.") == set()


def test_a_rare_one_off_one_edit_from_a_much_commoner_word_is_flagged() -> None:
    assert "analagous" in cores(CLEAN + "The officers are guided by analagous considerations.")
    assert evidence(CLEAN + "The officers are guided by analagous considerations.") == {"analagous"}
    assert evidence(CLEAN + "The officers are guided by analagous considerations.",
                    early=True) == set()
    assert cores(CLEAN + "The officers are guided by analogous considerations.") == set()
    # A rare word made of a known stem and suffix is no slip (remonstrated, wishfulness).
    assert cores(CLEAN + "The officers remonstrated with the guards at the gate.") == set()


def test_a_kept_line_break_hyphen_is_flagged() -> None:
    assert "in-dividuals" in cores(CLEAN + "Apart from in-dividuals and small groups, none rose.")
    assert evidence(CLEAN + "Apart from in-dividuals and small groups.") == {"in-dividuals"}
    assert evidence(CLEAN + "Apart from self-made men and small groups.") == set()
    assert cores(CLEAN + "Apart from individuals and small groups, none rose.") == set()


def test_a_hyphen_for_a_dash_is_flagged_where_the_text_sets_dashes() -> None:
    text = "The piece wage and the time wage-but the former more\u2014are forms of the past."
    assert "wage-but" in cores(CLEAN + text)
    assert cores(CLEAN + text.replace("wage-but", "wage\u2014but")) == set()
    # A text that sets every dash as a hyphen (as BLN600's transcribers do) shows no slip.
    assert "wage-but" not in cores(CLEAN + text.replace("\u2014", "-"))


def test_a_capitalised_one_off_with_two_letters_swapped_from_a_known_name_is_flagged() -> None:
    text = CLEAN + "The Thermidorians brought about the downfall of Robsepierre in July."
    assert evidence(text) == {"Robsepierre"}
    assert evidence(text.replace("Robsepierre", "Robespierre")) == set()
    # An unknown name that is no known name's transposition is no evidence (Kardelj).
    assert evidence(text.replace("Robsepierre", "Kardelj")) == set()


def test_a_long_one_off_two_edits_from_a_dictionary_word_the_text_uses_is_flagged() -> None:
    text = ("Lasting democratization was the aim of the reformers. Achieving genuine and lasting "
            "democraticization, they said, would take years.")
    assert evidence(CLEAN + text) == {"democraticization,"}
    assert evidence(CLEAN + text.replace("Lasting democratization", "Lasting reform")) == set()


def test_a_fragment_that_with_the_next_word_makes_a_common_word_is_flagged() -> None:
    text = CLEAN + "The change was initiated and conr trolled at every stage from above."
    assert evidence(text) == {"conr"}
    assert evidence(text.replace("conr trolled", "controlled")) == set()
    assert evidence(text, early=True) == set()


def test_a_mark_after_a_word_no_clause_ends_in_is_flagged() -> None:
    text = CLEAN + ("They were sent, as a punishment, to! work at the bench. It; threatened to "
                    "drag others as well.")
    assert evidence(text) == {"to!", "It;"}
    got = flagged(text)
    assert got["to!"].suggestion == "to" and got["It;"].suggestion == "It"
    assert evidence(text.replace("to!", "to").replace("It;", "It")) == set()
    # A preposition may close a clause, and a pronoun that is no sentence's subject may too.
    assert evidence(CLEAN + "The prisoner was spoken to; and he left. They did it; then they "
                    "went home.") == set()


def test_a_parenthetical_that_a_comma_opens_and_none_closes_is_flagged() -> None:
    text = CLEAN + "A momentous conflict has, in fact arisen between the two of them."
    assert evidence(text) == {"fact"}
    assert flagged(text)["fact"].suggestion == "fact,"
    assert evidence(text.replace("in fact", "in fact,")) == set()
    assert evidence(text.replace("has, in fact", "has in fact")) == set()


def test_a_derivation_with_the_wrong_vowel_in_its_ending_is_flagged() -> None:
    text = CLEAN + "Can such a revolution last the moment the conquerer has withdrawn his troops?"
    assert evidence(text) == {"conquerer"}
    assert "conquerer" in cores(text)
    assert evidence(text.replace("conquerer", "conqueror")) == set()
    assert evidence(text, early=True) == set()


def test_a_word_used_twice_beside_a_form_used_far_more_often_is_flagged() -> None:
    text = CLEAN + VARIANTS + ("The intelligentsia grew. The intelligensia's demand spread "
                               "from the intelligensia to the workers.")
    assert evidence(text) == {"intelligensia's", "intelligensia"}
    assert {s.suggestion for t, s in flagged(text).items() if "intelligensia" in t} == {
        "intelligentsia's", "intelligentsia"}
    # Beside a form the document uses no more often, a word used twice is its own spelling;
    # so is a name used twice (Krushchev in notes beside Khrushchev in the text).
    fewer = "The intelligentsia spoke. The intelligensia's demand reached the intelligensia."
    assert evidence(CLEAN + fewer) == set()
    names = ("Khrushchev spoke, Khrushchev listened; Khrushchev and Khrushchev left. "
             "Krushchev said so, and Krushchev left.")
    assert evidence(CLEAN + names) == set()
