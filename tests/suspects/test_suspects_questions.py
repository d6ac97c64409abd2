"""What the finder asks: `--sensitive` (adapt=False) asks at least every question the default
asks, on every text of the project; suggestions keep the token's case and marks; a garble is
offered as a deletion; every flag has a suggestion or says why it has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from editio.base.project import Project
from editio.intake.source import load_work
from editio.suspects.finder import DESK_BELOW, find_suspects, format_human, format_markup
from editio.suspects.reading import reading_text

ROOT = Path(__file__).resolve().parents[2]
# A BLN600 training document with many errors, raw OCR (sorted index 0: the benches hold out
# every fifth document in sorted order, index 4 among them, and a test reads none of those)
CORPUS_DOC = ROOT.parent / "shared" / "ocr-corpus" / "bln600-train" / "3200797029.tsv"
WORKS = sorted(p.name for p in (ROOT / "source").iterdir() if (p / "text.md").is_file())


def _witness(work: str) -> str:
    [path] = [p for p in (ROOT / "source" / work).iterdir() if p.stem == "witness"]
    return path.read_text(encoding="utf-8")


def _texts(work: str) -> list[tuple[str, str]]:
    source = load_work(Project(ROOT), work)
    return [("witness", _witness(work)), ("reading text", reading_text(source))]


def _case(work: str):  # noqa: ANN202
    # the essay's finder runs take seconds: make test; the fast tier keeps the short texts
    return pytest.param(work, marks=pytest.mark.slow) if work == "deutscher-1957" else work


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
@pytest.mark.parametrize("work", [_case(w) for w in WORKS])
def test_sensitive_asks_every_question_the_default_asks(work: str) -> None:
    for name, text in _texts(work):
        default = {(s.line, s.column) for s in find_suspects(text)}
        sensitive = {(s.line, s.column) for s in find_suspects(text, adapt=False)}
        assert default <= sensitive, f"{work} {name}: default flags {len(default)}, " \
            f"sensitive {len(sensitive)}, missing {sorted(default - sensitive)[:5]}"


@pytest.mark.slow  # test-fast's budget: the finder over a whole document, 2-4 s
def test_sensitive_asks_more_on_a_text_with_many_errors() -> None:
    if not CORPUS_DOC.is_file():
        pytest.skip(f"no {CORPUS_DOC} (the shared OCR corpus beside the project)")
    rows = CORPUS_DOC.read_text(encoding="utf-8").split("\n")[2:]
    text = "\n".join(row.partition("\t")[0] for row in rows if row.strip())
    default = {(s.line, s.column) for s in find_suspects(text)}
    sensitive = {(s.line, s.column) for s in find_suspects(text, adapt=False)}
    assert default <= sensitive and len(sensitive) >= len(default) > 50


def _flag(text: str, token: str):  # noqa: ANN202
    found = {s.token: s for s in find_suspects(text, adapt=False)}
    assert token in found, sorted(found)
    return found[token]


def test_a_word_in_capitals_gets_readings_in_capitals() -> None:
    # the OCR gave one letter of the heading in lower case: the readings are still capitals
    s = _flag("THE CIEhLD OF THE PARISH WAS TAKEN TO THE WORKHOUSE.", "CIEhLD")
    assert s.suggestions and all(r == r.upper() for r in s.suggestions), s.suggestions
    s = _flag("THE TOWN COUMCH MET ON MONDAY TO DISCUSS THE NEW ROAD.", "COUMCH")
    assert s.suggestions and all(r == r.upper() for r in s.suggestions), s.suggestions
    # ... and so in a heading a misread word of which has few capitals or none left (Tam:
    # THE, BunRLAr.: BURGLAR)
    assert _flag("ANOTHER BOY HERO OF Tam TfAelrs", "Tam").suggestion == "THE"
    assert _flag("ARREST OF A NoTomlous BunRLAr.", "BunRLAr.").suggestion == "BURGLAR"
    # a capitalised name in a sentence is no heading
    assert _flag("He met Messrs. BROWN and Tomlous, the lessees of the inn.",
                 "Tomlous,").suggestion != "TOMLOUS"


def test_a_reading_that_begins_a_sentence_gets_its_capital() -> None:
    # the token's small first letter is another letter misread (l for H, i for T): no evidence
    # of its case, and a sentence begins with a capital
    assert _flag("le looked at them, and finding the address he left the house.",
                 "le").suggestion == "He"
    assert _flag("ihe fescahss prisoner fainted, and was carried out of the court.",
                 "ihe").suggestion == "The"
    # within a sentence the small letter stays (ihe: the), and after a stop within a
    # paragraph too: the stop may be a speck or a comma misread (had. een cut: been)
    assert _flag("He said that ihe prisoner fainted, and was carried out of the court.",
                 "ihe").suggestion == "the"
    assert _flag("It was then seen that her throat had. een cut in a most horrible manner.",
                 "een").suggestion == "been"
    # a witness of printed lines: a line that opens mid-sentence opens no paragraph, one
    # after a line ending a sentence or a blank line does
    assert _flag("The constable said that he went with his master\nihe door of the house "
                 "being open.", "ihe").suggestion == "the"
    assert _flag("The constable went with his master to the house.\nihe door of it was "
                 "open.", "ihe").suggestion == "The"
    assert _flag("The constable went with his master to the house\n\nihe door of it was "
                 "open.", "ihe").suggestion == "The"


def test_a_title_keeps_its_capital() -> None:
    # Mr misread (lr., Ir.) is Mr. whatever case the misread letter had
    s = _flag("He appeared for the police, and lr. Wakeling defended the prisoner.", "lr.")
    assert s.suggestion == "Mr", s.suggestions


def test_a_capitalised_word_keeps_its_capital_and_its_marks_stay_outside() -> None:
    s = _flag("He lived Ix the house by the river, where the cows came home.", "Ix")
    assert s.suggestion == "In"
    s = _flag("They walked into the tovvn, and the bells rang for them.", "tovvn,")
    assert s.suggestion == "town"
    assert format_markup([s], "t.md").strip() == \
        't.md:1:22: [town]{.corr sic="tovvn" cert="low"},'


def test_a_garble_is_offered_as_a_deletion_with_its_reason() -> None:
    s = _flag("The prisoner said xqzkvwj that he was innocent of the charge.", "xqzkvwj")
    assert s.deletes and s.suggestion == "" and "no word within reach" in s.note
    assert format_markup([s], "t.md").strip() == 't.md:1:19: []{.corr sic="xqzkvwj" cert="low"}'
    assert "-> (delete)" in format_human([s], "t.md")


def test_a_glued_pair_of_words_is_read_as_two() -> None:
    s = _flag("The meeting was heldat the school on Monday last.", "heldat")
    assert s.suggestion == "held at"


@pytest.mark.slow  # test-fast's budget: the finder over a whole document, 2-4 s
def test_every_flag_has_a_suggestion_or_says_why_none() -> None:
    text = _witness("bln600-3206211949")
    found = find_suspects(text, adapt=False)
    assert len(found) > 50
    bare = [s for s in found if not s.suggestions and not s.note]
    assert not bare, [(s.token, s.reason) for s in bare[:5]]


def test_a_number_with_a_letter_for_a_digit_is_read_as_a_number() -> None:
    s = _flag("The price of the corn was l0s. a quarter at the market.", "l0s.")
    assert s.suggestion == "10s"
    assert format_markup([s], "t.md").strip() == 't.md:1:27: [10s]{.corr sic="l0s" cert="low"}.'


def test_a_word_split_in_two_is_read_as_one_with_its_neighbour() -> None:
    # the OCR's space (polit ical), the printer's line-end hyphen (con- cerned), a quote
    # spaced off its word: one reading over the stretch, written as one emendation
    text = "The polit ical question was raised by the member for the borough in the House."
    s = _flag(text, "ical")
    assert (s.suggestion, s.place(0)) == ("political", (1, 5, "polit ical"))
    assert format_markup([s], "t.md").strip() == \
        't.md:1:5: [political]{.corr sic="polit ical" cert="low"}'
    s = _flag("The prisoner was con- cerned in the robbery of the shop in the High Street.",
              "con-")
    assert (s.suggestion, s.place(0)) == ("concerned", (1, 18, "con- cerned"))
    s = _flag('He said " What is the matter with the boy?" and went to the door.', '"')
    assert (s.suggestion, s.place(0)) == ('"What', (1, 9, '" What'))
    # a compound broken at the line's end keeps its hyphen where the halves are its words
    s = _flag("He was taken to Euston- square, where the train stood waiting.", "Euston-")
    assert (s.suggestion, s.place(0)) == ("Euston-square,", (1, 17, "Euston- square,"))


def test_a_reading_takes_its_case_from_the_letters_and_the_sentence() -> None:
    # most letters capitals: capitals; a first letter the reading drops or changes says
    # nothing of its case (Sthen -> then within a sentence)
    assert _flag("THE CHILD TnE PARISH WAS TAKEN TO THE WORKHOUSE.", "TnE").suggestion == "THE"
    s = _flag("The man went to the door, Sthen he walked home with the boy.", "Sthen")
    assert s.suggestion == "then"


def test_two_words_glued_at_a_mark_are_read_as_two() -> None:
    s = _flag("The meeting was held'an hour before the train left the station.", "held'an")
    assert s.suggestion == "held an"
    # a compound on the left kept whole, the comma kept and the speck after it not, words
    # glued on the right read apart in their turn
    s = _flag("They were at the Marylebone Police-court,with stealing a purse.",
              "Police-court,with")
    assert s.suggestion == "Police-court, with"
    s = _flag("He knocked her down,-treated her shamefully, and then he ran.", "down,-treated")
    assert s.suggestion == "down, treated"
    # a speck of the scan for the space, the web's ofthe no word to keep, a heading's
    # semicolon a speck
    s = _flag("The body was found on Friday on~the bank of the river.", "on~the")
    assert s.suggestion == "on the", s.suggestions
    s = _flag("He was the agent of.:the National Provincial Bank.", "of.:the")
    assert s.suggestion == "of the", s.suggestions
    s = _flag("THE WIFE MURDER;AT HARROW.", "MURDER;AT")
    assert s.suggestion == "MURDER AT", s.suggestions
    s = _flag("The doctor came. As to smoking,herdoctor had advised her.", "smoking,herdoctor")
    assert s.suggestion == "smoking, her doctor"


def test_a_lone_small_letter_and_words_glued_without_a_space_are_read_as_the_page_needs() -> None:
    # a lone letter that is no word: a speck or a letter bled in, deleted first
    s = _flag("The prisoner was r taken to the station by the constable on duty.", "r")
    assert s.suggestions[0] == "" and s.deletes
    # two common words glued whole, each a word of its own as well (ofa, todo): read apart
    # where their context outweighs the word's misreadings
    s = _flag("It was the wilful murder ofa single woman, named Annie.", "ofa")
    assert s.suggestion == "of a", s.suggestions
    s = _flag("The doctor had advised her todo so, but she did not.", "todo")
    assert s.suggestion == "to do", s.suggestions
    # common words glued with no letter lost: segmented as symspellpy reads them
    s = _flag("He was remanded until thenextexamination before the magistrate.",
              "thenextexamination")
    assert s.suggestion == "the next examination"


def test_a_stray_letter_beside_letters_that_are_no_word_is_read_with_them_first() -> None:
    # "uld" is no word: the letter is the word's first, misread with it, not a speck
    s = _flag("He said that this man w uld have been drowned in the river.", "w")
    assert (s.suggestion, s.place(0)[2]) == ("would", "w uld"), s.suggestions
    # beside a word, the lone letter is still deleted first
    s = _flag("The prisoner was r taken to the station by the constable on duty.", "r")
    assert s.suggestions[0] == ""
    # ... and where the two make a word the sentence does not want (The n coroner: Then)
    s = _flag("The n coroner having remarked that the case was closed.", "n")
    assert s.suggestions[0] == "" and "Then" in s.suggestions, s.suggestions
    # a lone small o too: deleted first, but read with the letter it makes a word of (o f)
    s = _flag("The prisoner left the house, o and went home to his wife.", "o")
    assert s.suggestions[0] == "" and "of" in s.suggestions, s.suggestions
    s = _flag("He was o f the opinion that the prisoner was guilty of the charge.", "o")
    assert (s.suggestion, s.place(0)[2]) == ("of", "o f"), s.suggestions
    # but a word broken after its first letter is one word (f rom: from)
    s = _flag("The jury, without retiring f rom the box, returned a verdict.", "f")
    assert (s.suggestion, s.place(0)[2]) == ("from", "f rom"), s.suggestions
    # ... and its second half offers that reading once, not again as a reading of itself
    s = _flag("The jury, without retiring f rom the box, returned a verdict.", "rom")
    assert (s.suggestion, s.place(0)[2]) == ("from", "f rom"), s.suggestions
    assert s.suggestions.count("from") == 1, s.suggestions


def test_a_speck_of_marks_with_an_underscore_is_deleted_first() -> None:
    s = _flag("He said _I was there at the time of the accident.", "_I")
    assert s.suggestions[0] == "" and s.deletes, s.suggestions


@pytest.mark.parametrize(("sentence", "token"), [
    # letters bled in from the next column: the words about them read on without them
    ("The charge was only supported by rs medical evidence given at the inquest.", "rs"),
    ("The prisoner was to ti live in her house until the trial.", "ti"),
    # specks or letters bled in beside a mark, where no two words stand about them to weigh
    # them between: no common word, and none of their readings reads well there
    ("The prisoner, who was ce: sober at the time, denied the charge.", "ce:"),
    ("The goods were found at his house; ce the constable took them away.", "ce"),
])
def test_a_short_token_the_sentence_reads_on_without_is_deleted_first(sentence: str,
                                                                      token: str) -> None:
    s = _flag(sentence, token)
    assert s.suggestions[0] == "" and s.deletes, s.suggestions


@pytest.mark.parametrize(("sentence", "token", "reading"), [
    # a misread word that its neighbours want as a word keeps its reading first
    ("The court was competent to try hir for the murder of his wife.", "hir", "him"),
    # two letters a common word misread, which reads well where it stands
    ("The prisoner said he was mv uncle's servant at the time.", "mv", "my"),
    ("He said he had seen te stolen property in the shop.", "te", "the"),
    # two letters no common word between two words that read on only with a reading of them
    # (one learned confusion: by, up), not deleted first as junk
    ("The wound had been inflicted bj John Holmes with a pistol.", "bj", "by"),
    ("He said he wished to get rp early the next morning.", "rp", "up"),
    ("A summons taken out bv Ada Smith was heard.", "bv", "by"),
])
def test_a_short_misread_word_the_sentence_wants_keeps_its_reading_first(
        sentence: str, token: str, reading: str) -> None:
    s = _flag(sentence, token)
    assert s.suggestion == reading, s.suggestions


@pytest.mark.slow  # test-fast's budget: a whole build or a subprocess over a second
def test_raw_ocr_gets_a_higher_cut_and_a_short_or_clean_text_does_not(monkeypatch) -> None:
    from editio.suspects import model

    if not CORPUS_DOC.is_file():
        pytest.skip(f"no {CORPUS_DOC} (the shared OCR corpus beside the project)")
    rows = CORPUS_DOC.read_text(encoding="utf-8").split("\n")[2:]
    text = "\n".join(row.partition("\t")[0] for row in rows if row.strip())
    cut, floor = model.noisy_cut(0.15), model.noisy_cut(0.0)  # the cut of raw OCR's rate
    scores = [s.score for s in find_suspects(text)]
    assert cut > floor and len(scores) > 50 and min(scores) >= cut - 1e-4
    monkeypatch.setattr(model, "_NOISY_CUT", floor)  # the expected-F1 cut alone
    assert min(s.score for s in find_suspects(text)) < cut
    # 0.08: the rate a short text's estimate is shrunk to; such a text keeps the floor
    assert model.noisy_cut(0.08) == floor


# Black letter read as junk: most tokens wrong, a right word here and there among them.
JUNK = ("tbe kpnge wolde tbat gvaunte bpm fo ryght gooD cbere and tbo lorDes\n"
        "cam.to tbe gate wytb grete iope.anD tbey mabe.bpm wel cbere tbat npgbt\n"
        "anD on tbe morne tbe kpnge roDe.to tbe towne wytb al bps meyne.full glaD\n"
        "tbat nevcr man sawe so fapre a compaynpe.of knpgbtes.anD laDpes togyDer\n")


def test_a_right_word_among_junk_needs_more_than_the_junk_around_it(monkeypatch) -> None:
    from editio.suspects import model

    assert model.noisy_cut(0.6) > model.noisy_cut(0.3) == model.noisy_cut(0.15)
    found = {s.token for s in find_suspects(JUNK)}
    assert {"tbe", "kpnge", "gvaunte"} <= found and "gate" not in found, found
    # without the rise the page's junk carries the word with it
    monkeypatch.setattr(model, "_JUNK_CUT", model.noisy_cut(0.3))
    assert "gate" in {s.token for s in find_suspects(JUNK)}


def test_a_lone_letter_before_a_hyphen_is_deleted_unless_it_begins_the_word() -> None:
    # a letter bled in before the line's hyphen: no compound with the next word (s-his)
    s = _flag("The friend of Elise, s- his servant and her friend were there.", "s-")
    assert s.suggestions[0] == "" and "s-his" not in s.suggestions, s.suggestions
    # a word broken after its first letter is still one word
    s = _flag("The man came a- bout the house in the evening.", "a-")
    assert s.suggestion == "about", s.suggestions


def test_a_word_broken_at_a_full_stop_for_its_hyphen_and_misread_is_read_as_one() -> None:
    s = _flag("She went to her and con. fained a penny in her hand.", "con.")
    assert (s.suggestion, s.place(0)[2]) == ("contained", "con. fained"), s.suggestions
    # two words of their own about a full stop stay apart
    assert not [f for f in find_suspects("He came at ten, etc. and the man went home.",
                                         adapt=False) if f.suggestion == "etcand"]


def test_a_word_in_three_pieces_or_broken_about_a_bleed_is_read_as_one() -> None:
    # three pieces (the OCR's spaces, or a line-end hyphen and a space)
    s = _flag("The com mun ication was read to the meeting by the chairman.", "mun")
    assert (s.suggestion, s.place(0)) == ("communication", (1, 5, "com mun ication"))
    s = _flag("The jury de- liber ated for an hour before they returned.", "de-")
    assert (s.suggestion, s.place(0)) == ("deliberated", (1, 10, "de- liber ated"))
    # a speck or a letter bled in from the next column between a broken word's halves, or the
    # line's hyphen spaced off: left out
    s = _flag("He was the member for Mid- t lothian in the last Parliament.", "Mid-")
    assert (s.suggestion, s.place(0)) == ("Midlothian", (1, 23, "Mid- t lothian"))
    s = _flag("The opinion ex - pressed by the witness was not shared by the court.", "ex")
    assert (s.suggestion, s.place(0)) == ("expressed", (1, 13, "ex - pressed"))


def test_a_broken_word_keeps_its_compound_and_is_read_through_a_misreading() -> None:
    # a compound on either side of the break: its pieces that meet joined, its hyphen kept
    s = _flag("He was taken to Scot- land-yard, where he was charged.", "Scot-")
    assert (s.suggestion, s.place(0)) == ("Scotland-yard,", (1, 17, "Scot- land-yard,"))
    s = _flag("The Police-con- stable said that he saw the prisoner.", "Police-con-")
    assert (s.suggestion, s.place(0)) == ("Police-constable", (1, 5, "Police-con- stable"))
    # the joined halves no word, a likely misreading of one: that word, not as it stands
    s = _flag("The magistrate heard the evi- denee of the two constables.", "evi-")
    assert (s.suggestion, s.place(0)) == ("evidence", (1, 26, "evi- denee"))
    # a full stop where the line's hyphen was, before a lower-case half
    s = _flag("He was the young. est of the three brothers in the family.", "young.")
    assert (s.suggestion, s.place(0)) == ("youngest", (1, 12, "young. est"))
    # a lone letter that is no word, and a word they make one of
    s = _flag("The prisoner said that he h ad been at home all the evening.", "h")
    assert (s.suggestion, s.place(0)) == ("had", (1, 27, "h ad"))


def test_a_word_broken_at_a_line_s_end_without_a_hyphen_is_read_as_one() -> None:
    # the stretch crosses the line's end: its place begins on the first line
    text = "The question was raised by the mem\nber for the borough in the House."
    s = _flag(text, "ber")
    assert (s.suggestion, s.place(0)) == ("member", (1, 32, "mem\nber"))


def test_a_garble_among_specks_is_offered_as_a_deletion_of_the_run() -> None:
    # a lone letter that is no word with marks and letters beside it on its line: all deleted
    # in one, the letter alone after
    s = _flag("The constable took him to the station w _ T . _ - and locked him up.", "w")
    assert s.suggestions[:2] == ("", "")
    assert s.place(0) == (1, 39, "w _ T . _ -") and s.place(1) == (1, 39, "w")


def test_glued_words_keep_the_case_of_their_letters_and_a_comma_between_is_kept() -> None:
    s = _flag("The SalvationArmy held a meeting in the hall on Monday evening.",
              "SalvationArmy")
    assert s.suggestion == "Salvation Army"
    # two words at a comma where a space was, though dropping the comma keeps every letter
    s = _flag("It was late, however,let it be said that the man was sober.", "however,let")
    assert s.suggestion == "however, let"


def test_words_glued_at_a_speck_of_marks_are_read_apart() -> None:
    # a full stop or a few marks where a space was: no text of their own; a full stop after
    # a title or an abbreviation is its own
    s = _flag("The money was paid to the house of.Charles Smith on Monday.", "of.Charles")
    assert s.suggestion == "of Charles"
    s = _flag("The men were,,about to leave the yard when the constable came.", "were,,about")
    assert s.suggestion == "were about"
    s = _flag("The prisoner struck Mr.Smith on the head with a stick.", "Mr.Smith")
    assert s.suggestion == "Mr. Smith"


def test_a_glued_marks_reading_keeps_the_dash_that_opens_a_report() -> None:
    # -Robert Smith, a labourer, ...: the report's opening dash is the print's, one of two
    s = _flag("-Robvrt Smith, a labourer, was charged with stealing a watch.", "-Robvrt")
    assert s.reason == "glued-punctuation" and s.suggestion == "-Robert", s.suggestions
    assert _flag("--Jobn Brown was charged with theft.", "--Jobn").suggestion == "-John"


# Glued words and the first reading each gets: (sentence, token, reading, why)
_GLUED = [
    ("The man who had depositeithe body had left the town.", "depositeithe", "deposited the",
     "no two words glued whole: symspellpy's segmentation with one edit a word"),
    ("He was subsequently charged withltherobbery from the house.", "withltherobbery",
     "with the robbery", "up to four words"),
    ("He died from the effectsaof violence used upon him.", "effectsaof", "effects of",
     "above the words kept whole that a stray letter makes (effects a of)"),
    ("She had been aterrible upset to hear of it.", "aterrible", "a terrible",
     "a split scored as a chain of its words, each word's frequency counted once"),
    ("The coroner then'remearked on the evidence given.", "then'remearked", "then remarked",
     "glued at a mark, one of them misread"),
    ("The boy was playing truant from'sechool. on Monday.", "from'sechool.", "from school",
     "glued at a mark, one of them misread"),
    ("The money he had obta'ned from Mrs. Smith was gone.", "obta'ned", "obtained",
     "a mark for a letter of one word is no space"),
    ("He gave inform'ation to the police at once.", "inform'ation", "information",
     "a mark for a letter of one word is no space"),
    ("The prison'ers were taken to the cells below.", "prison'ers", "prisoners",
     "nor is a short rare word beside one (ers)"),
]


@pytest.mark.parametrize("text, token, reading",
                         [pytest.param(t, k, r, id=f"{k}: {why}") for t, k, r, why in _GLUED])
def test_glued_words_are_read_apart_as_the_page_needs(text: str, token: str,
                                                      reading: str) -> None:
    s = _flag(text, token)
    assert s.suggestion == reading, s.suggestions


def test_glued_words_are_not_read_apart_across_a_hyphen() -> None:
    # the number's hyphen is no space
    s = _flag("John Hoyes, agedthirty-five, labourer, was charged.", "agedthirty-five,")
    assert "aged thirty five" not in s.suggestions, s.suggestions


def test_a_word_broken_at_a_line_end_is_read_as_one_before_its_neighbours() -> None:
    # the pair makes a word: no word of three pieces over the next (stand- ing by: standby)
    s = _flag("He saw him stand- ing by the door of the shop.", "stand-")
    assert (s.suggestion, s.place(0)[2]) == ("standing", "stand- ing"), s.suggestions
    # ... but a letter and a stop bled in between are no half of it (de- i. manded)
    from editio.suspects.finder import default_analyzer
    from editio.suspects.tokens import tokenize

    tokens = tokenize("The money was de- i. manded of Friedman by the prisoner.")
    at = {t.text: k for k, t in enumerate(tokens)}
    first = default_analyzer().readings(tokens, at["de-"], "broken-word", "")[0]
    assert first == ("demanded", 0, 2), first
    # a speck after the line's hyphen is none of the word's
    s = _flag("There was no foundation what- ,ever for the charge.", "what-")
    assert s.suggestion == "whatever", s.suggestions
    # a half kept as it stands comes after a likely word the other side makes
    s = _flag('He came before" the- emagis- trates and was fined.', "emagis-")
    assert (s.suggestion, s.place(0)[2]) == ("magistrates", "emagis- trates"), s.suggestions
    # a name broken elsewhere than before a place's word is one word (Throgmor- ton-street)
    s = _flag("He was a stockbroker of 25, Throgmor- ton-street, in the City.", "Throgmor-")
    assert s.suggestion == "Throgmorton-street,", s.suggestions


def test_a_word_in_two_pieces_neither_a_word_is_read_as_the_likely_word_first() -> None:
    s = _flag("A body subsne quently came to the surface.", "subsne")
    assert (s.suggestion, s.place(0)[2]) == ("subsequently", "subsne quently"), s.suggestions


def test_quotes_spaced_off_a_word_and_a_dash_doubled_are_closed_up() -> None:
    s = _flag('The prisoner pleaded " Guilty " to a charge of theft.', '"')
    assert (s.suggestion, s.place(0)[2]) == ('"Guilty"', '" Guilty "'), s.suggestions
    s = _flag("-- After a lengthy hearing the prisoner was remanded.", "--")
    assert s.suggestion == "-After", s.suggestions
    # not within a line: there a dash before a capital alone is the print's (- I was)
    found = find_suspects("He said to the boy - I was not there at all.")
    assert not [f for f in found if f.suggestion == "-I"], found


@pytest.mark.slow  # test-fast's budget: the finder over a whole document twice, 4-8 s
def test_the_desk_asks_under_the_cut_only_where_it_has_a_reading() -> None:
    if not CORPUS_DOC.is_file():
        pytest.skip(f"no {CORPUS_DOC} (the shared OCR corpus beside the project)")
    rows = CORPUS_DOC.read_text(encoding="utf-8").split("\n")[2:]
    text = "\n".join(row.partition("\t")[0] for row in rows if row.strip())
    report = {(s.line, s.column): s for s in find_suspects(text)}
    desk = {(s.line, s.column): s for s in find_suspects(text, below=DESK_BELOW)}
    more = [s for at, s in desk.items() if at not in report]
    # every question of the report, and more; those under the cut, each with a reading
    assert report.keys() <= desk.keys() and more
    assert all(s.suggestions for s in more)
    assert max(s.score for s in more) <= min(s.score for s in report.values())
