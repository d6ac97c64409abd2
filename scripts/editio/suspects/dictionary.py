"""The dictionaries and the learned model: wordfreq's frequencies, symspellpy's word and bigram
counts and its index of deletes (kept in the user's cache), and the shipped logistic model."""

from __future__ import annotations

import gzip
import importlib.resources
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from editio.base.outputs import atomic_output, user_cache

if TYPE_CHECKING:  # symspellpy ships no type hints: its class named, not checked
    from symspellpy import SymSpell

MODEL_RESOURCE = "suspects-model.json.gz"
SUGGESTIONS_RESOURCE = "suspects-suggestions.json.gz"
T = TypeVar("T")


# --- resources --------------------------------------------------------------------------------


@dataclass
class Resources:
    model: dict
    zipf: dict[str, float]
    sym_count: dict[str, int]
    bigrams: dict[tuple[str, str], int]
    rules: dict[str, list[tuple[str, float]]]
    weights: dict[str, float]
    _symspell: SymSpell | None = field(default=None, repr=False)
    # What the suggestions learned of the training OCR (train_suggestions): "forms", an OCR
    # form -> the words the training OCR misread as it, counted
    suggestions: dict = field(default_factory=dict, repr=False)
    # Indexes that evidence.py builds of these dictionaries at first use, kept with them so
    # that an index always belongs to the dictionaries it was built from
    # (not arguments: a copy made by dataclasses.replace builds its own)
    skeletons: dict[str, str] | None = field(default=None, init=False, repr=False,
                                             compare=False)
    sorted_words: list[str] | None = field(default=None, init=False, repr=False,
                                           compare=False)

    @property
    def threshold(self) -> float:
        return float(self.model["threshold"])

    def symspell(self) -> SymSpell:
        if self._symspell is None:
            self._symspell = load_symspell()
        return self._symspell


# Building symspellpy's index of deletes takes seconds, and so do wordfreq's lists: each is
# kept pickled in the user's cache, named by everything it is made from (the word lists, the
# libraries' versions, the code that makes it), written atomically, and made again when it is
# missing or unreadable. Without a cache to write to, everything is made at every run.
_SYMSPELL_WORDS = "frequency_dictionary_en_82_765.txt"


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/editio/suspects, or ~/.cache/editio/suspects (a relative one is ignored)."""
    return user_cache("suspects")


def _cache_path(name: str, *made_from: bytes | str) -> Path:
    import hashlib
    import sys

    digest = hashlib.sha256(repr(sys.version_info[:2]).encode())
    for part in made_from:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return cache_dir() / f"{name}-{digest.hexdigest()[:16]}.pickle"


def _from_cache(path: Path, load: Callable[[bytes], T | None]) -> T | None:
    import gc

    try:
        data = path.read_bytes()
    except OSError:
        return None
    collecting = gc.isenabled()
    gc.disable()  # a million small objects at once: the collector would walk them over and over
    try:
        return load(data)
    except Exception:  # a truncated or foreign file, whatever it raises: made again
        return None
    finally:
        if collecting:
            gc.enable()


def _to_cache(path: Path, data: bytes) -> None:

    try:
        with atomic_output(path) as tmp:
            tmp.write_bytes(data)
        for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.pickle"):
            if old != path:  # made from what is no longer installed
                old.unlink(missing_ok=True)
    except OSError:
        pass  # no cache to write to: made again at the next run


def load_symspell(words: Path | None = None) -> SymSpell:
    """symspellpy's index of a word list (`word count` lines; its English list unless
    given), edits up to two."""
    import inspect
    from importlib.metadata import version

    from symspellpy import SymSpell

    sym = SymSpell(max_dictionary_edit_distance=2)
    listed: Traversable = words or importlib.resources.files("symspellpy") / _SYMSPELL_WORDS
    path = _cache_path("symspell", listed.read_bytes(), version("symspellpy"),
                       inspect.getsource(load_symspell))
    if _from_cache(path, lambda data: sym.load_pickle(data, from_bytes=True) or None):
        return sym
    with importlib.resources.as_file(listed) as p:
        sym.load_dictionary(str(p), 0, 1)
    _to_cache(path, sym.save_pickle(to_bytes=True))
    return sym


def _read_symspell_list(name: str) -> list[str]:
    res = importlib.resources.files("symspellpy") / name
    return res.read_text(encoding="utf-8").splitlines()


Dictionaries = tuple[dict[str, float], dict[str, int], dict[tuple[str, str], int]]


def load_dictionaries() -> Dictionaries:
    """wordfreq's Zipf frequencies, symspellpy's word counts and its bigram counts."""
    import inspect
    import pickle
    from importlib.metadata import version

    path = _cache_path("dictionaries", version("wordfreq"), version("symspellpy"),
                       inspect.getsource(_read_symspell_list), inspect.getsource(_dictionaries))
    found = _from_cache(path, pickle.loads)
    if found is None:
        found = _dictionaries()
        _to_cache(path, pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    return found


def _dictionaries() -> Dictionaries:
    import wordfreq

    zipf = {w: math.log10(f * 1e9) for w, f in wordfreq.get_frequency_dict("en", "large").items()}
    sym_count: dict[str, int] = {}
    for row in _read_symspell_list("frequency_dictionary_en_82_765.txt"):
        w, _, c = row.partition(" ")
        if c:
            sym_count[w] = int(c)
    bigrams: dict[tuple[str, str], int] = {}
    for row in _read_symspell_list("frequency_bigramdictionary_en_243_342.txt"):
        parts = row.split(" ")
        if len(parts) == 3:
            bigrams[(parts[0], parts[1])] = int(parts[2])
    return zipf, sym_count, bigrams


def build_resources(model: dict, dictionaries: tuple | None = None) -> Resources:
    zipf, sym_count, bigrams = dictionaries or load_dictionaries()
    rules: dict[str, list[tuple[str, float]]] = {}
    for src, dst, logp in model["rules"]:
        rules.setdefault(src, []).append((dst, logp))
    return Resources(model, zipf, sym_count, bigrams, rules, dict(model.get("weights", {})))


@lru_cache(maxsize=1)
def default_resources() -> Resources:
    data = importlib.resources.files("editio") / "data"
    res = build_resources(json.loads(gzip.decompress((data / MODEL_RESOURCE).read_bytes())))
    ranking = data / SUGGESTIONS_RESOURCE
    if ranking.is_file():
        res.suggestions = json.loads(gzip.decompress(ranking.read_bytes()))
    return res
