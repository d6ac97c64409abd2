"""Suggestions: the known words a suspect token may be a misreading of, ranked by the OCR
channel (learned confusions) and the word's likelihood in context."""

from __future__ import annotations

import difflib
import math
import re

from editio.suspects.tokens import TYPO, Token, _edits1, _match_case, split_core

_UNSEEN_EDIT = -9.0  # channel log-prob of an edit that training never saw


class Corrector:
    """Ranked corrections of a suspect token (mixed into the Analyzer, whose look-ups it uses)."""

    def channel_logp(self, w: str, cand: str) -> float:
        """Log-probability that OCR read cand as w: the learned confusions along an alignment."""
        if self._rule_logp is None:
            self._rule_logp = {
                (src, dst): logp for src, pairs in self.res.rules.items() for dst, logp in pairs
            }
        total = 0.0
        ops = difflib.SequenceMatcher(None, w, cand, autojunk=False).get_opcodes()
        for op, x1, x2, y1, y2 in ops:
            if op == "equal":
                continue
            src, dst = w[x1:x2], cand[y1:y2]
            key = src or "+" + (w[x1 - 1] if x1 else "^")
            logp = self._rule_logp.get((key, dst))
            total += logp if logp is not None else _UNSEEN_EDIT * max(len(src), len(dst))
        return total

    def corrections(
        self, word: str, prev: str, nxt: str, lexicon: dict[str, int] | None = None
    ) -> list[str]:
        """Known words that word may be a misreading of, most likely first.

        Candidates are the learned one-confusion neighbours and symspellpy's words within two
        edits; each is scored by the OCR channel (channel_logp) plus its log-probability in
        context (the bigrams with the neighbouring words, or its frequency alone). Words the
        document itself uses (lexicon: word -> count) one edit away are candidates too, scored
        by their share of the document where the dictionary does not know them (Stalinization).
        """
        if not word or len(word) > 25:
            return []
        from symspellpy import Verbosity

        cands = dict(self.candidates(word))
        # Two edits from a short word reach hundreds of words: one edit is enough there. The
        # channel model then weighs only the likeliest few by edit distance and frequency.
        reach = 2 if len(word) > 4 else 1
        hits = self.res.symspell().lookup(word, Verbosity.ALL, max_edit_distance=reach)
        hits = sorted(hits, key=lambda h: h.distance * _EDIT_COST - math.log(h.count))
        for hit in hits[:_SPELL_CANDIDATES]:
            if hit.term != word and hit.term not in cands:
                cands[hit.term] = self.channel_logp(word, hit.term)
        local: dict[str, float] = {}
        if lexicon:
            total = sum(lexicon.values())
            for v in _edits1(word) & lexicon.keys():
                local[v] = math.log(lexicon[v] / total)
                cands.setdefault(v, self.channel_logp(word, v))

        def fit(c: str) -> float:
            lm = local[c] if c in local and c not in self.res.sym_count else self.ctx(prev, c, nxt)
            return cands[c] + lm

        return sorted(cands, key=fit, reverse=True)[:_MAX_SUGGESTIONS]

    def suggest(
        self,
        tokens: list[Token],
        i: int,
        reason: str,
        first: str,
        lexicon: dict[str, int] | None = None,
    ) -> list[str]:
        """Ranked corrections of token i's core (of the whole token for glued punctuation)."""
        if reason in ("stray-punctuation", "dash-spacing", "note-call"):
            return []
        _, core, trail = split_core(tokens[i].text.translate(TYPO))
        word = re.sub(r"[^a-z]", "", core.lower())
        prev = ""
        if i > 0 and not split_core(tokens[i - 1].text)[2]:
            prev = split_core(tokens[i - 1].text.translate(TYPO))[1].lower()
        nxt = ""
        if i + 1 < len(tokens) and not trail:
            nxt = split_core(tokens[i + 1].text.translate(TYPO))[1].lower()
        out = [first] if first else []
        if "-" in core.strip("-") and reason == "unknown-word":
            out += self._hyphenated_corrections(core, lexicon)
        elif reason not in ("glued-words", "glued-punctuation", "inner-hyphen"):
            out += [_match_case(c, core) for c in self.corrections(word, prev, nxt, lexicon)]
        seen: set[str] = set()
        ranked = []
        for sug in out:
            if sug and sug not in seen and (sug != core or reason == "glued-punctuation"):
                seen.add(sug)
                ranked.append(sug)
        return ranked[:_MAX_SUGGESTIONS]


    def _hyphenated_corrections(self, core: str, lexicon: dict[str, int] | None) -> list[str]:
        """A compound keeps its hyphens: only its unknown part is corrected (De-Stalinizatioo)."""
        parts = core.split("-")
        for k, part in enumerate(parts):
            lc = part.lower()
            if lc.isalpha() and not self.part_known(lc):
                return ["-".join([*parts[:k], _match_case(c, part), *parts[k + 1 :]])
                        for c in self.corrections(lc, "", "", lexicon)]
        return []


_MAX_SUGGESTIONS = 5
_SPELL_CANDIDATES = 30
_EDIT_COST = 4.5  # nats per edit when symspellpy's candidates are pre-ranked
