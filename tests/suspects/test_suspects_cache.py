"""The OCR-suspect finder's dictionaries, kept in the user's cache between runs: the same
suggestions from a kept copy as from a fresh one, a broken copy made again, no cache no harm."""

from __future__ import annotations

from pathlib import Path

import pytest
from symspellpy import SymSpell, Verbosity

from editio.suspects import finder as suspects

WORDS = "the 500\nword 120\nworld 80\nwork 60\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "editio" / "suspects"


@pytest.fixture
def words(tmp_path: Path) -> Path:
    path = tmp_path / "words.txt"
    path.write_text(WORDS, encoding="utf-8")
    return path


def suggestions(sym, word: str) -> list[tuple[str, int, int]]:
    return [(s.term, s.distance, s.count) for s in sym.lookup(word, Verbosity.ALL, 2)]


def no_building(monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("the dictionary was built again")

    monkeypatch.setattr(SymSpell, "load_dictionary", refuse)


def test_a_kept_dictionary_is_read_not_built_and_suggests_the_same(cache, words, monkeypatch):
    fresh = suspects.load_symspell(words)
    [kept] = cache.glob("symspell-*.pickle")
    no_building(monkeypatch)
    again = suspects.load_symspell(words)
    assert suggestions(again, "wrod") == suggestions(fresh, "wrod") != []
    assert list(cache.glob("symspell-*.pickle")) == [kept]


def test_a_broken_copy_is_made_again(cache, words):
    fresh = suspects.load_symspell(words)
    [kept] = cache.glob("symspell-*.pickle")
    whole = kept.read_bytes()
    kept.write_bytes(whole[: len(whole) // 2])
    assert suggestions(suspects.load_symspell(words), "wrod") == suggestions(fresh, "wrod")
    assert kept.read_bytes() == whole


def test_another_word_list_is_not_served_the_old_copy(cache, words, monkeypatch):
    suspects.load_symspell(words)
    words.write_text(WORDS + "wood 40\n", encoding="utf-8")
    assert "wood" in [term for term, _, _ in suggestions(suspects.load_symspell(words), "wrod")]
    assert len(list(cache.glob("symspell-*.pickle"))) == 1  # the old copy is gone
    no_building(monkeypatch)
    assert "wood" in [term for term, _, _ in suggestions(suspects.load_symspell(words), "wrod")]


def test_without_a_cache_to_write_to_it_is_built_each_time(tmp_path, words, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert suggestions(suspects.load_symspell(words), "wrod")[0][0] == "word"
    assert blocked.read_text(encoding="utf-8") == "not a folder"


# wordfreq's and symspellpy's full lists: a few seconds to make, so left to make test.
@pytest.mark.slow
def test_the_kept_dictionaries_equal_the_made_ones(cache):
    made = suspects.load_dictionaries()
    assert len(list(cache.glob("dictionaries-*.pickle"))) == 1
    assert suspects.load_dictionaries() == made
