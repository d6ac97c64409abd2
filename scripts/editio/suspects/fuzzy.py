"""Words that share most of a long garbled token's letter pairs (crmmnsiion, conneotioim,
dificatlties -> commission, connection, difficulties): found where no edit-distance or learned
confusion search reaches, three misreadings and more away, by the overlap of their letter
pairs (Dice's coefficient) through an index of the pairs."""

from __future__ import annotations

from collections.abc import Iterable


def letter_pairs(word: str) -> set[str]:
    """The pairs of adjacent letters of word, its ends marked (^c ... n$)."""
    w = f"^{word}$"
    return {w[k : k + 2] for k in range(len(w) - 1)}


def dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


class PairIndex:
    """Words by their letter pairs and length, for the words nearest a token by Dice; each
    length's index built when a token first needs it (a finder's run seldom needs many)."""

    def __init__(self, words: Iterable[str]) -> None:
        self._by_length: dict[int, list[str]] = {}
        for w in words:
            self._by_length.setdefault(len(w), []).append(w)
        self._built: dict[int, tuple[list[set[str]], dict[str, list[int]]]] = {}

    def _length(self, n: int) -> tuple[list[set[str]], dict[str, list[int]]]:
        got = self._built.get(n)
        if got is None:
            pairs = [letter_pairs(w) for w in self._by_length.get(n, ())]
            index: dict[str, list[int]] = {}
            for k, ps in enumerate(pairs):
                for p in ps:
                    index.setdefault(p, []).append(k)
            got = self._built[n] = (pairs, index)
        return got

    def nearest(self, word: str, least: float, reach: int, most: int) -> list[tuple[str, float]]:
        """The words within reach letters of word's length whose pairs' Dice with its pairs is
        at least least, best first, at most most of them."""
        pairs = letter_pairs(word)
        out: list[tuple[str, float]] = []
        for n in range(max(1, len(word) - reach), len(word) + reach + 1):
            their, index = self._length(n)
            shared: dict[int, int] = {}
            for p in pairs:
                for k in index.get(p, ()):
                    shared[k] = shared.get(k, 0) + 1
            # Dice reaches least only with this many pairs shared: the cheap count first
            need = least * (len(pairs) + n + 1) / 2 - 1
            words = self._by_length.get(n, [])
            out += [(words[k], d) for k, c in shared.items() if c >= need and
                    (d := dice(pairs, their[k])) >= least and words[k] != word]
        return sorted(out, key=lambda wd: (-wd[1], wd[0]))[:most]
