"""Suggestions: the known words and readings a suspect token may be a misreading of, generated
here and ranked by ranking.py (the OCR channel of learned confusions and the word's
likelihood in context)."""

from __future__ import annotations

import difflib
import math
import re
from typing import TYPE_CHECKING

from editio.suspects.dictionary import Resources
from editio.suspects.fuzzy import PairIndex, dice, letter_pairs
from editio.suspects.numbers import NumberReading, number_readings
from editio.suspects.ranking import (
    _UNSEEN_EDIT,
    Ranker,
    rank_score,
)
from editio.suspects.tokens import (
    _ABBR,
    _ALPHABET,
    _DIGIT_LOOKALIKE,
    _STOP_ABBREVIATIONS,
    TYPO,
    Token,
    _edits1,
    _match_case,
    split_core,
)


class Corrector(Ranker):
    """Ranked corrections of a suspect token (mixed into the Analyzer, whose look-ups it uses)."""

    # what the Analyzer (features.py) gives the methods below
    res: Resources

    if TYPE_CHECKING:
        def zipf(self, w: str) -> float: ...
        def known(self, w: str, min_zipf: float = 1.5) -> bool: ...
        def part_known(self, part: str) -> bool: ...
        def candidates(self, w: str) -> list[tuple[str, float]]: ...
        def _logp_next(self, a: str, b: str) -> float: ...

    def corrections(
        self, word: str, prev: str, nxt: str, lexicon: dict[str, int] | None = None
    ) -> list[str]:
        """Known words that word may be a misreading of, most likely first."""
        return [c for c, _ in self.scored_corrections(word, prev, nxt, lexicon)]

    def scored_corrections(
        self, word: str, prev: str, nxt: str, lexicon: dict[str, int] | None = None,
        deep: bool = True,
    ) -> list[tuple[str, float]]:
        """Known words that word may be a misreading of, with their scores, best first: the
        candidates of candidate_features, each scored by ranking.rank_score."""
        feats = self.candidate_features(word, prev, nxt, lexicon, deep)
        ranked = sorted(((c, rank_score(f)) for c, f in feats.items()), key=lambda cs: -cs[1])
        return ranked[:_MAX_SUGGESTIONS]

    def candidate_features(
        self, word: str, prev: str, nxt: str, lexicon: dict[str, int] | None = None,
        deep: bool = True,
    ) -> dict[str, dict[str, float]]:
        """Known words that word may be a misreading of, each with what ranks it.

        Candidates are the learned one-confusion neighbours, symspellpy's words within two
        edits, the words of the training ground truth its list lacks (Mr, Messrs) and the
        words the training OCR was seen to misread as word (its forms table). Words the
        document itself uses (lexicon: word -> count) one edit away are candidates too, their
        likelihood their share of the document where the dictionary does not know them
        (Stalinization), and with deep those sharing much of its letter pairs however far
        (own_candidates: lprisenar -> prisoner). Words of 3 to 14 letters are searched for
        further along the learned confusions (deep_candidates: yvas -> was, sllseqlienltlr ->
        subsequently); without deep, only a word none of the others reach (the search's cost
        spared where only a likely word is wanted: two tokens read as one).

        What ranks a candidate: the OCR channel (channel_logp), its log-probability in context
        (the bigrams with the neighbouring words, or its frequency alone), how often the
        document uses it, the letters it adds or drops, the places it differs at, and how
        often the training OCR gave word for it (ranking.Ranker._features).
        """
        if not word or len(word) > 25:
            return {}
        if word.endswith("'s") and word[:-2].isalpha() and len(word) > _POSSESSIVE_SHORTEST \
                and not self.known(word[:-2]):
            # a possessive: its stem corrected, the 's kept (lanclord's: landlord's), where no
            # dictionary lists the misread stem and the search would reach nothing (a known
            # stem, thumb's, is no misreading of another word's); no plural read for a stem
            # that is none (landlords's)
            stem = word[:-2]
            return {c + "'s": f for c, f in self.candidate_features(
                stem, prev, nxt, lexicon, deep).items()
                if " " not in c and (stem.endswith("s") or not c.endswith("s"))}
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
        own_words = self._corpus_words()
        for hit in own_words.index.lookup(word, Verbosity.ALL, max_edit_distance=reach):
            if hit.term != word and hit.term not in cands:
                cands[hit.term] = self.channel_logp(word, hit.term)
        forms = self.res.suggestions.get("forms", {}).get(word, {})
        for c in forms:
            if c != word and c not in cands and (c in self.res.sym_count or
                                                 c in own_words.counts):
                cands[c] = self.channel_logp(word, c)
        local = self._lexicon_candidates(word, lexicon, cands)
        if _DEEP_SHORTEST <= len(word) <= _DEEP_LONGEST and (deep or not cands):
            for c, lp in self.deep_candidates(word).items():
                cands.setdefault(c, lp)
        if deep and word.isalpha():
            self._far_candidates(word, lexicon, cands)
        return {c: self._features(c, channel, word, prev, nxt, lexicon, local, forms)
                for c, channel in cands.items()}

    def deep_candidates(self, word: str) -> dict[str, float]:
        """Known words up to _DEEP_STEPS learned confusions from word (a beam search over the
        likeliest misreadings), with their channel log-probabilities."""
        cache: dict[str, dict[str, float]] = self.__dict__.setdefault("_deep_cache", {})
        if word in cache:
            return cache[word]
        rules = self.__dict__.get("_likely_rules")
        if rules is None:  # the likeliest confusions only: the search is a beam, not a sweep
            rules = {src: [(d, lp) for d, lp in pairs if lp >= _DEEP_RULE_LOGP]
                     for src, pairs in self.res.rules.items()}
            self.__dict__["_likely_rules"] = rules
        sym = self.res.sym_count
        frontier = {word: 0.0}
        found: dict[str, float] = {}
        for _ in range(_DEEP_STEPS):
            reached: dict[str, float] = {}
            for w, lp in frontier.items():
                for i in range(len(w) + 1):
                    for ln in (0, 1, 2, 3):
                        if i + ln > len(w):
                            break
                        src = w[i : i + ln] if ln else "+" + (w[i - 1] if i else "^")
                        for dst, logp in rules.get(src, ()):
                            cand = w[:i] + dst + w[i + ln :]
                            score = lp + logp
                            if cand and reached.get(cand, -1e9) < score:
                                reached[cand] = score
            for cand, score in reached.items():
                if cand in sym and cand != word and found.get(cand, -1e9) < score:
                    found[cand] = score
            frontier = dict(sorted(reached.items(), key=lambda kv: -kv[1])[:_DEEP_BEAM])
        cache[word] = found
        return found

    def fuzzy_candidates(self, word: str, lexicon: dict[str, int] | None = None) -> list[str]:
        """Words sharing most of word's letter pairs (fuzzy.py), for a long word no search
        reached (crmmnsiion: commission): common words, the newspapers' own, and the words the
        document itself uses (lexicon)."""
        index = self.__dict__.get("_pair_index")
        if index is None:  # built once, on the first long garble
            zipf, shortest = self.res.zipf, _FUZZY_SHORTEST - _FUZZY_REACH
            words = [w for w in self.res.sym_count if len(w) >= shortest and
                     zipf.get(w, 0.0) >= _FUZZY_ZIPF and w.isalpha()]
            index = PairIndex(words + [w for w in self._corpus_words().counts if len(w) >= 5])
            self.__dict__["_pair_index"] = index
        found = index.nearest(word, _FUZZY_DICE, _FUZZY_REACH, _FUZZY_MOST)
        if lexicon:
            pairs = letter_pairs(word)
            found += [(w, d) for w in lexicon if abs(len(w) - len(word)) <= _FUZZY_REACH and
                      w != word and (d := dice(pairs, letter_pairs(w))) >= _FUZZY_DICE]
        found.sort(key=lambda wd: -wd[1])
        return list(dict.fromkeys(w for w, _ in found))[:_FUZZY_MOST]

    def _lexicon_candidates(self, word: str, lexicon: dict[str, int] | None,
                            cands: dict[str, float]) -> dict[str, float]:
        """The document's own words (lexicon) one edit from word, added to cands; their share
        of the document returned (their likelihood where the dictionary does not know them)."""
        local: dict[str, float] = {}
        if lexicon:
            total = sum(lexicon.values())
            for v in _edits1(word) & lexicon.keys():
                local[v] = math.log(lexicon[v] / total)
                cands.setdefault(v, self.channel_logp(word, v))
        return local

    def _far_candidates(self, word: str, lexicon: dict[str, int] | None,
                        cands: dict[str, float]) -> None:
        """Words beyond the edits and the learned confusions, added to cands: those sharing
        most of a long word's letter pairs where no search reached it (fuzzy_candidates), and
        the document's own words sharing much of them (own_candidates)."""
        if len(word) >= _FUZZY_SHORTEST and (not cands or max(cands.values()) < _FUZZY_WHEN):
            for c in self.fuzzy_candidates(word, lexicon):
                cands.setdefault(c, self.channel_logp(word, c))
        if lexicon and len(word) >= _OWN_SHORTEST:
            for c in self.own_candidates(word, lexicon):
                cands.setdefault(c, self.channel_logp(word, c))

    def own_candidates(self, word: str, lexicon: dict[str, int]) -> list[str]:
        """The words the document itself uses elsewhere (lexicon) that share much of word's
        letter pairs (Dice), however many edits away: a name or a word it prints right
        elsewhere (Ptekbam: Peckham, lprisenar: prisoner)."""
        mine = letter_pairs(word)
        # a document's few hundred words are read through, not indexed (each readings call
        # may bring a lexicon of its own: the benches' cached cases)
        found = [(w, d) for w in lexicon if abs(len(w) - len(word)) <= _FUZZY_REACH and
                 w != word and (d := dice(mine, letter_pairs(w))) >= _OWN_DICE]
        found.sort(key=lambda wd: (-wd[1], wd[0]))
        return [w for w, _ in found[:_OWN_MOST]]

    def split_reading(self, word: str, prev: str, nxt: str,
                      segment: bool = True) -> tuple[str, float] | None:
        """Two words that word may be, glued and each misread at most once (heldat, chaisefor),
        or with segment up to four, as symspellpy segments them (_segmented_with_edits): the
        likeliest by channel and frequency, or None."""
        best: tuple[str, float] | None = None
        for k in range(2, len(word) - 1):
            if word[k:].startswith(word[:k]) and self.zipf(word[:k]) < _SHORT_PART_ZIPF:
                continue  # a beginning printed twice (reresuscitate), not a word of its own
            parts = []
            for part in (word[:k], word[k:]):
                if part in self.res.sym_count and (len(part) > 1 or part in "ai"):
                    parts.append((part, 0.0))
                elif len(part) > 2 and (near := [c for c in self.candidates(part)
                                                 if len(c[0]) >= len(part) - 1]):
                    # (a word that drops two letters or more is another word: tobed is no bed)
                    parts.append(max(near,
                                     key=lambda c: c[1] + math.log(self.res.sym_count[c[0]])))
                else:
                    break
            if len(parts) < 2:
                continue
            (a, la), (b, lb) = parts
            score = self.misread_score(word, a + b, la + lb) + self.split_score(prev, [a, b], nxt)
            if best is None or score > best[1]:
                best = (f"{a} {b}", score)
        segmented = self._segmented_with_edits(word, prev, nxt) if segment else None
        if segmented and (best is None or segmented[1] > best[1]):
            best = segmented
        return best

    def _segmented_with_edits(self, word: str, prev: str, nxt: str) -> tuple[str, float] | None:
        """Two to four words that word may be, glued, a letter misread, bled in or lost in
        each at most (writeito, depositeithe, withltherobbery: write to, deposited the, with
        the robbery), as symspellpy's word_segmentation reads it with one edit a word, scored
        as split_reading scores two: the channel from word to their letters, a lost space
        each, the words in context; None where a word of it is no common one, or where they
        drop two of its letters or more (relievemnefrom is not relieve from)."""
        if len(word) < _SEGMENT_SHORTEST or not word.isalpha():
            return None
        parts = self.res.symspell().word_segmentation(
            word, max_edit_distance=1).corrected_string.split()
        if not 2 <= len(parts) <= 4 or len("".join(parts)) < len(word) - 1 or not all(
                self._split_part(p) and (len(p) > 1 or p in "ai") for p in parts):
            return None
        joined = "".join(parts)
        return " ".join(parts), self.misread_score(word, joined, self.channel_logp(word, joined)) \
            + self.split_score(prev, parts, nxt)

    def suggest(
        self,
        tokens: list[Token],
        i: int,
        reason: str,
        first: str,
        lexicon: dict[str, int] | None = None,
    ) -> list[str]:
        """Ranked readings of token i (see readings), their text alone."""
        return [text for text, _, _ in self.readings(tokens, i, reason, first, lexicon)]

    def readings(
        self,
        tokens: list[Token],
        i: int,
        reason: str,
        first: str,
        lexicon: dict[str, int] | None = None,
    ) -> list[tuple[str, int, int]]:
        """Ranked readings of token i, best first, each with how many tokens before and after
        it the reading takes with it: (text, before, after). A reading of the token alone
        (0, 0) is of its core (of the whole token for glued punctuation), in the token's case:
        an all-capitals token gets capitals, a capitalised one a capital. An empty reading
        deletes the token (a stray mark, a garble with no word within reach). A reading that
        takes a neighbour is of the whole stretch, its outer marks included: a word split by
        the OCR or by the printer's line end read as one (polit ical -> political, con- cerned
        -> concerned, " What -> "What)."""
        alone = [(text, 0, 0) for text in self._token_readings(tokens, i, reason, first, lexicon)]
        if reason == "note-call":
            return alone
        lead, after = self._stretch_readings(tokens, i, lexicon)
        out = lead + alone[:1] + after + alone[1:]
        if out[:1] == [("", 0, 0)]:
            # a garble or a speck among others: the whole run deleted in one (w _ T . _ _)
            before = later = 0
            while self._bleed(tokens, i - before - 1, i):
                before += 1
            while self._bleed(tokens, i + later + 1, i):
                later += 1
            if before or later:
                out.insert(0, ("", before, later))
        ranked: list[tuple[str, int, int]] = []
        for r in out:
            # one text once, at its best place: "rom" of "f rom" reads "from" with its
            # neighbour, and "from" alone would show the editor the same reading twice (a
            # deletion of a run and of the token alone stay apart: they delete different text)
            if r not in ranked and not (r[0] and any(r[0] == t for t, _, _ in ranked)):
                ranked.append(r)
        return ranked[:_MAX_SUGGESTIONS]

    def _stretch_readings(
        self, tokens: list[Token], i: int, lexicon: dict[str, int] | None
    ) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
        """Readings of token i with a neighbour on its line, as (text, before, after): those
        likelier than any reading of the token alone, and those worth offering after its first.

        - a word the printer broke at a line's end (con- cerned, pro- perty): one word, solid
          where that is a word or a likely misreading of one (evi- denee), hyphenated where
          both halves are words and the solid is none (cash- box, Chapel- street), else solid
          as it stands (a name); a compound on either side kept (Scot- land-yard);
        - a word the OCR split (polit ical, th eir): one word, first where a half is no common
          word; after the first where both halves are;
        - a word in three pieces (com mun ication, de- liber ated), or broken at a line's end
          with a speck or a letter bled in from the next column between its halves (Mid- t
          lothian, de- of clared, ex - pressed): one word, first;
        - an opening double quote spaced off its word (" What, " 10.): closed up.
        """
        whole: list[tuple[str, float, int, int]] = []
        first: list[tuple[str, float, int, int]] = []
        later: list[tuple[str, float, int, int]] = []
        for a in (i - 1, i):
            b = a + 1
            if a < 0 or b >= len(tokens) or not self._adjacent(tokens, a, b):
                continue
            for text, score, lead in self._joined(tokens, a, b, lexicon):
                (first if lead else later).append((text, score, i - a, b - i))
        for a in (i - 2, i - 1, i):
            if a < 0 or a + 2 >= len(tokens) or not (self._adjacent(tokens, a, a + 1)
                                                     and self._adjacent(tokens, a + 1, a + 2)):
                continue
            for text, score, lead in self._joined3(tokens, a):
                (whole if lead else later).append((text, score, i - a, a + 2 - i))
        # a word in three pieces before one in two: the pair's halves make no word of it
        # (de- of: "deof" as it stands) where the three do (de- of clared: declared)
        whole.sort(key=lambda r: -r[1])
        first.sort(key=lambda r: -r[1])
        later.sort(key=lambda r: -r[1])
        return [(t, x, y) for t, _, x, y in whole + first], \
            [(t, x, y) for t, _, x, y in later]

    def _bleed(self, tokens: list[Token], k: int, i: int) -> bool:
        """Token k, beside garble i on its line, is more of it: marks with no letter or
        digit, a lone letter that is no word, letters no word is within reach of."""
        if k < 0 or k >= len(tokens) or tokens[k].line != tokens[i].line or \
                tokens[k].raw != tokens[k].text:
            return False
        text = tokens[k].text.translate(TYPO)
        letters = re.sub(r"[^A-Za-z]", "", text)
        if any(c.isdigit() for c in text):
            return False  # a number, or a word with a digit misread: read, not deleted
        if not letters:
            return True
        if len(letters) == 1:
            return letters not in "aAIO" and bool(_STRAY_LETTER.match(text.lower()))
        return len(letters) > 2 and self.garble(split_core(text)[1])

    @staticmethod
    def _adjacent(tokens: list[Token], a: int, b: int) -> bool:
        """Tokens a and b stand on one line with only spaces between them, or a ends its line
        and b begins the next (a word broken at a line's end, with a hyphen or without)."""
        ta, tb = tokens[a], tokens[b]
        near = ta.line == tb.line and tb.column > ta.column + len(ta.raw) or \
            tb.line == ta.line + 1 and b == a + 1
        return near and ta.raw == ta.text and tb.raw == tb.text

    def _joined(self, tokens: list[Token], a: int, b: int,
                lexicon: dict[str, int] | None) -> list[tuple[str, float, bool]]:
        """Readings of tokens a and b as one: (text, score, whether it leads)."""
        ta, tb = tokens[a].text, tokens[b].text
        la, ca, mark_a = split_core(ta)
        lb, cb, tail = split_core(tb)
        if not ca:  # an opening double quote or a dash spaced off its word ("-We", the print's)
            mark = ta.translate(TYPO)
            # (at a line's start, a dash doubled is one: -- After, -After; a capital alone an
            # initial: - A, -A)
            start = a == 0 or tokens[a - 1].line != tokens[a].line
            wanted = mark == '"' and cb[:1].isalnum() or \
                mark == "-" and cb[:1].isupper() and not cb.isupper() or \
                start and mark in ("-", "--") and cb[:1].isupper() and \
                (not cb.isupper() or len(cb) == 1)
            return [(ta[:1] + tb, 0.0, True)] if wanted and not lb else []
        if not cb:  # a closing mark spaced off its word
            return [(ta + tb, 0.0, True)] if _CLOSING.match(tb.translate(TYPO)) and \
                not mark_a else []
        mid = (mark_a + lb).translate(TYPO)
        # a compound on either side is kept, its pieces that meet joined (Scot- land-yard,
        # Police-con- stable: Scotland-yard, Police-constable)
        head, _, ca = ca.rpartition("-") if "-" in ca.strip("-") else ("", "", ca)
        cb, _, rest = cb.partition("-") if "-" in cb.strip("-") else (cb, "", "")
        head, rest = head and head + "-", rest and "-" + rest
        la, tail = la + head, rest + tail
        word = (ca + cb).translate(TYPO)
        if len(mid) > 2 or mid.strip("-.',;:") or not re.fullmatch(r"[A-Za-z']+", word) or \
                not ca or not cb:
            return []
        lw = word.lower()
        prev = self._context_word(tokens, a - 1, a)
        nxt = self._context_word(tokens, b + 1, b) if not tail else ""
        za, zb = self.zipf(ca.lower()), self.zipf(cb.lower())
        solid = lw in self.res.sym_count and self.zipf(lw) >= 1.0
        # (a speck after the line's hyphen is none of the word's: what- ,ever)
        hyphen = mark_a.translate(TYPO).endswith("-") and lb in ("", ",", ".") and \
            cb[:1].islower()
        out: list[tuple[str, float, bool]] = []

        def add(reading: str, score: float, lead: bool) -> None:
            out.append((la + _match_case(reading, ca + cb) + tail, score, lead))

        # a lone letter that is no word beside a word they make one of (h ad, o f, w ended)
        stray = any(len(c) == 1 and _STRAY_LETTER.match(c) for c in (ca, cb))
        # a full stop before a lower-case half is the line's hyphen misread (young. est)
        stop = mid == "." and not lb and cb[:1].islower()
        if solid:
            # (or where the sentence reads far better with the word: an ad joining room)
            add(lw, self.context(prev, lw, nxt), hyphen or stop or (
                self._stray_joins(ca, cb, mid, prev, nxt) if stray
                else min(za, zb) < _JOIN_COMMON) or min(za, zb) < _HALF_COMMON and
                bool(self._reads_joined(prev, ca, cb, nxt, lw, [(lw, 0.0, 0.0)])))
            return out
        # (a comma between halves that make a misread word is a speck: nelghbour, hood)
        speck = mid == "," and not lb and cb[:1].islower()
        fixed = [(c, self.channel_logp(lw, c), sc) for c, sc in
                 self.scored_corrections(lw, prev, nxt, lexicon, deep=False)[:2]
                 if " " not in c and len(c) >= len(lw) - 1] \
            if not mid.strip("-'") or stop or speck else []
        # the word the halves read as together, where the sentence reads far better with it
        # than with the halves apart (hV ich, nelghbour, hood: which, neighbourhood)
        better = self._reads_joined(prev, ca, cb, nxt, lw, fixed)
        if mid.strip("-'"):
            # a mark between two words is theirs unless they make a word (nega, tive), or it
            # is the line's hyphen read as a full stop, a half no word, the word misread as well
            # (con. fained: contained): its likely reading, first
            return [(la + _match_case(c, ca + cb) + tail, sc, True) for c, ch, sc in fixed[:1]
                    if min(za, zb) < _JOIN_WORDS and (ch >= _JOIN_NEAR or sc >= _JOIN_LEAD)
                    and not speck or c == better]
        if hyphen and len(ca) > 1:  # (a lone letter before it is most often bled in: s- his)
            near = [(c, sc) for c, ch, sc in fixed if ch >= _JOIN_NEAR or sc >= _JOIN_LEAD]
            if min(za, zb) >= _JOIN_WORDS:  # two words, one none: a compound (cash- box)
                out.append((la + ca + "-" + cb + tail, 0.0, True))
                near = []
            if not near and better and min(za, zb) < _JOIN_WORDS:
                near = [(c, sc) for c, _, sc in fixed if c == better]
            for c, sc in near[:1]:
                add(c, sc, True)
            if not near and ca[:1].isupper() and cb.lower() in _PLACE_WORDS:
                out.append((la + ca + "-" + cb + tail, 0.0, True))  # Chapel- street
            elif not near and min(za, zb) < _JOIN_WORDS:
                # a name, as it stands (Kensing- ton, Ham- bling): after a likely word the
                # stretch beside it makes (the- emagis- trates: magistrates, not theemagis-)
                out.append((la + ca + cb + tail, _JOIN_AS_IS, True))
            out += [(la + _match_case(c, ca + cb) + tail, sc, False) for c, ch, sc in fixed
                    if ch < _JOIN_NEAR and sc < _JOIN_LEAD]
        elif min(za, zb) < _JOIN_WORDS:
            # a stray letter beside letters that are no word (w uld, p eaded): one word, misread,
            # before the letter deleted; else after the token's first reading
            lead = stray and self.zipf((cb if len(ca) == 1 else ca).lower()) < _JOIN_WORDS
            # neither half a word, and their letters a likely word though misread more than
            # once (Unfortun tely, subsne quently, rel ctivee): that word, first
            pieces = max(za, zb) < _JOIN_WORDS and len(lw) >= _JOIN_PIECES and not stray
            out += [(la + _match_case(c, ca + cb) + tail, sc,
                     lead or pieces and sc >= _JOIN_LEAD or c == better)
                    for c, ch, sc in fixed
                    if ch >= _JOIN_NEAR or pieces and sc >= _JOIN_LEAD or c == better]
        elif better:  # halves a word each, which the sentence wants less than their word
            out += [(la + _match_case(c, ca + cb) + tail, sc, True) for c, _, sc in fixed
                    if c == better]
        return out

    def _reads_joined(self, prev: str, ca: str, cb: str, nxt: str, lw: str,
                      fixed: list[tuple[str, float, float]]) -> str:
        """The likeliest word two halves' letters are a misreading of (fixed's first), where
        it drops none of their letters (_JOIN_FAR_SHORTEST at least), its channel is at least
        _JOIN_FAR, and the sentence with it reads at least _JOIN_BETTER nats likelier (its
        channel counted) than with the halves apart, each as it stands or corrected
        (_half_readings); _JOIN_BETTER_WORDS where each half is a word (a lone letter other
        than a or I is none); "" otherwise."""
        if not fixed:
            return ""
        c, ch, _ = fixed[0]
        if len(lw) < _JOIN_FAR_SHORTEST or len(c) < len(lw) or ch < _JOIN_FAR:
            return ""
        a, b = ca.lower(), cb.lower()
        joined = self.context(prev, c, nxt) + ch
        # apart: each half as it stands or as its likeliest correction (ywich, yoa: which, you)
        apart = max(self.context(prev, x, "") + self.context(x, y, nxt) + cx + cy
                    for x, cx in self._half_readings(a) for y, cy in self._half_readings(b))
        words = all(self.zipf(x) >= _JOIN_WORDS and not (len(x) == 1 and _STRAY_LETTER.match(x))
                    for x in (a, b))
        return c if joined - apart >= (_JOIN_BETTER_WORDS if words else _JOIN_BETTER) else ""

    def _half_readings(self, half: str) -> list[tuple[str, float]]:
        """A split word's half as it stands, and as its likeliest corrections where it is no
        very common word (ot, ef, ws: of, if, was), each with its channel log-probability."""
        out = [(half, 0.0)]
        if self.zipf(half) < _HALF_COMMON or len(half) == 1 and _STRAY_LETTER.match(half):
            out += [(c, self.channel_logp(half, c))
                    for c, _ in self.scored_corrections(half, "", "", deep=False)[:_HALF_READINGS]]
        return out

    def _stray_joins(self, ca: str, cb: str, mid: str, prev: str, nxt: str) -> bool:
        """A lone letter joined to the word beside it into a word leads before its deletion:
        beside a word no common one, or where the sentence reads no worse for the joined word
        (f rom: from); not where it wants the word as it stands (The n coroner, to t the)."""
        word = (cb if len(ca) == 1 else ca).lower()
        lw = (ca + cb).lower()
        return self.zipf(word) < _JOIN_WORDS or not mid and self.context(
            prev, lw, nxt) - self.context(prev, word, nxt) > _STRAY_JOIN

    def _joined3(self, tokens: list[Token], a: int) -> list[tuple[str, float, bool]]:
        """Readings of tokens a, a+1 and a+2 as one word: (text, score, whether it leads).
        Either its three pieces (com mun ication), or its two halves about a line's end with
        what stands between them left out: a speck or a few letters bled in from the next
        column (Mid- t lothian, de- of clared), or the line's hyphen spaced off (ex - pressed).
        Only where the word is one as it stands: a misreading of one is too far a guess."""
        if tokens[a].text.translate(TYPO) == '"' and \
                _QUOTE_CLOSED.match(tokens[a + 2].text.translate(TYPO)) and \
                re.fullmatch(r"[A-Za-z][A-Za-z'-]*", tokens[a + 1].text):
            # a word quoted, both quotes spaced off (" Guilty ", " Murder !"): "Guilty"
            return [("".join(tokens[k].text for k in (a, a + 1, a + 2)), 0.0, True)]
        la, ca, mark_a = split_core(tokens[a].text.translate(TYPO))
        lm, cm, mark_m = split_core(tokens[a + 1].text.translate(TYPO))
        lb, cb, tail = split_core(tokens[a + 2].text.translate(TYPO))
        if not ca or not cb or lb or not re.fullmatch(r"[A-Za-z]+", ca + cb):
            return []
        raw_a, raw_b = split_core(tokens[a].text)[1], split_core(tokens[a + 2].text)[1]
        middle = tokens[a + 1].text.translate(TYPO)
        # (not where the first two make a word: stand- ing by is standing, not standby)
        broken = mark_a in ("-", "") and (mark_a == "-" or middle in ("-", "—")) and \
            len(middle) <= _BLEED_LONGEST and not (mark_a and middle in ("-", "—")) and \
            not (len(cm) > 1 and cm.islower() and not lm and
                 self.zipf((ca + cm).lower()) >= _JOIN_COMMON)
        # three pieces, not three words of their own (in to the, at ten dance)
        three = mark_a in ("", "-") and not lm and not mark_m and cm.isalpha() and \
            min(self.zipf(x.lower()) for x in (ca, cm, cb)) < _JOIN_COMMON
        candidates = []
        if broken and not (not mark_a and middle == "-" and self._dash_between(ca, cb)):
            candidates.append(ca + cb)
        if three:
            candidates.append(ca + cm + cb)
        prev = self._context_word(tokens, a - 1, a)
        nxt = self._context_word(tokens, a + 3, a + 2) if not tail else ""
        out: list[tuple[str, float, bool]] = []
        for word in candidates:
            lw = word.lower()
            shape = raw_a + raw_b if len(word) == len(ca + cb) else raw_a + cm + raw_b
            if lw in self.res.sym_count and self.zipf(lw) >= 1.0:
                out.append((la + _match_case(lw, shape) + tail, self.context(prev, lw, nxt), True))
        return out

    def _dash_between(self, ca: str, cb: str) -> bool:
        """A hyphen spaced off between two halves is a dash where they are words of their own
        that join into a rarer one: a word said twice (I - I, not II), or two words the
        sentence runs on with (said - a, not saida); not ex - pressed (ex no word alone)."""
        la, lb = ca.lower(), cb.lower()
        if la == lb:
            return True
        sym = self.res.sym_count
        return la in sym and lb in sym and \
            self.zipf(la + lb) < min(self.zipf(la), self.zipf(lb), _JOIN_COMMON)

    def _context_word(self, tokens: list[Token], k: int, beside: int) -> str:
        """Token k as a context word for a stretch beside it: a known word on its line with no
        mark between, else ""."""
        if k < 0 or k >= len(tokens) or tokens[k].line != tokens[beside].line:
            return ""
        lead, core, trail = split_core(tokens[k].text.translate(TYPO))
        if (k < beside and trail) or (k > beside and lead):
            return ""
        core = core.lower()
        return core if core in self.res.sym_count else ""

    def _token_readings(
        self,
        tokens: list[Token],
        i: int,
        reason: str,
        first: str,
        lexicon: dict[str, int] | None = None,
    ) -> list[str]:
        """Ranked readings of token i alone (see readings)."""
        if reason in ("dash-spacing", "note-call", "stray-punctuation"):
            # a mark's reasons: a dash read as a letter or dropped; a note call has none; a
            # stray mark goes
            return self._dash_readings(tokens, i, first, lexicon) \
                if reason == "dash-spacing" else [""] if reason == "stray-punctuation" else []
        if reason == "bled-in":  # deleted first, else read as a word
            return ["", *filter(None, self._token_readings(tokens, i, "unlikely-word", "",
                                                            lexicon))][:_MAX_SUGGESTIONS]
        core = split_core(tokens[i].text.translate(TYPO))[1]
        prev, nxt = self.neighbours(tokens, i)
        scored = self._scored_readings(tokens, i, reason, prev, nxt, lexicon)
        # the readings ordered with a misread neighbour read as its likeliest word (tgat 'lhe:
        # that the); their scores, which the deletions and the analysis's reading are weighed
        # against, keep the neighbours as they stand
        read_prev, read_nxt = self._read_neighbours(tokens, i, prev, nxt)
        order = scored if (read_prev, read_nxt) == (prev, nxt) else \
            self._scored_readings(tokens, i, reason, read_prev, read_nxt, lexicon)
        out = [c for c, _ in sorted(order, key=lambda cs: -cs[1])]
        plain = re.sub(r"[^a-z']", "", first.lower())
        if first and reason in _WORD_REASONS and self._ranked_below(plain, core, scored, prev,
                                                                    nxt, lexicon):
            # one of the candidates: ranked with them (miae: mine, not me; Mlr.: Mr, not Mar)
            if plain not in {c.lower() for c, _ in scored}:
                out.append(first)
        elif first:
            # the analysis's reading leads, unless a correction of the word is far likelier:
            # a mark at fault in a word that is itself unknown (-AII -> All), a split where
            # one learned confusion gives a word (Chapmao -> Chapman, not Chap mao)
            plain = re.sub(r"[^a-z']", "", first.lower())
            if scored and (reason in ("glued-words", "glued-punctuation") and max(
                    s for _, s in scored) > self._reading_score(first, prev, nxt) or
                    reason in ("inner-punctuation", "letter-digit") and not self.known(plain)
                    or reason == "letter-digit" and max(s for _, s in scored) >
                    self._reading_score(first, prev, nxt)
                    or " " in out[0] and first in dict(scored) and " " not in first
                    or reason == "letter-digit" and dict(scored).get(out[0]) == 0.0):
                # then: a split likelier than the correction the analysis chose (heldat), a
                # number where the digits have it (l0s. -> 10s), a word likelier than the
                # digit read as its look-alike letter (He1: He, not Hel; 4es: was, not aes)
                out.append(first)
            elif reason == "inner-punctuation" and scored:
                # a word with the mark left out against the words a letter for it makes: each
                # by its score (wo.k.: work, not wok; a~d: and, not ad; mou~th: by its context)
                mine = self._reading_score(first, prev, nxt)
                out.insert(sum(s > mine for _, s in scored), first)
            else:
                out.insert(0, first)
        out = _letters_kept(out, core, dict(scored))
        at_mark = self._split_at_mark(core)
        split = at_mark or self._glued_split(core, scored, prev, nxt)
        if split and not (first and _letters(first) == _letters(core) and (
                self.known(first.lower(), _KEPT_WHOLE) or not at_mark and "-" in first)):
            # words glued where a space was (held'an, thenextexamination): first, unless the
            # analysis's reading keeps every letter (the document's own Anti-egalitarian)
            out.insert(0, split)
        out = self._with_numbers(tokens[i].text, reason, out)
        title = self._title(tokens, i, reason)
        if title:
            out.insert(0, title)
        start = _sentence_start(tokens, i)
        capitals = _in_capitals(tokens, i)
        # a dash opening a report (-Robert, --Jobn) is the print's: a glued mark's reading,
        # of the whole token, keeps one (on training BLN600 the truth keeps 739 of 907)
        dash = "-" if reason == "glued-punctuation" and _OPENING_DASH.match(
            tokens[i].text.translate(TYPO)) else ""
        ranked: list[str] = []
        for sug in out:
            sug = self._recase(sug, core, start, capitals, opens=_paragraph_opens(tokens, i))
            if dash and sug[:1].isalnum():
                sug = dash + sug
            if sug and sug not in ranked and (sug != core or reason == "glued-punctuation"):
                ranked.append(sug)
        if not ranked and (unreached := self._unreached(core)):
            ranked += unreached
        elif _STRAY_LETTER.match(tokens[i].text.translate(TYPO)) or \
                _LONE_O.match(tokens[i].text.translate(TYPO)) or \
                self._bled_in(tokens, i, prev, nxt, scored) or _speck(tokens[i].text) or \
                self._junk_pair(tokens[i].text, core, reason, scored, prev, nxt):
            # a lone small letter that is no word (a speck, a letter bled in from the next
            # column) is deleted more often than it is read as a word: its deletion first;
            # so is a lone small o (on training BLN600 the truth deletes 34, reads 12 as a
            # word: of, to, on...), though a word of two letters it joins is one (o f: of)
            ranked.insert(0, "")
        return ranked[:_MAX_SUGGESTIONS]

    @staticmethod
    def _with_numbers(text: str, reason: str, out: list[str]) -> list[str]:
        """out with the token's readings as a number or a sum (numbers.py): those its shape
        leaves little doubt of first, the others after out's first (1001. -> 100l., l13. ->
        11s., L3 -> £3); a sum whose pound sign the OCR could not read, and wrote the
        replacement character for (\ufffd5, -> £5,: on training BLN600 91 times in 91)."""
        lead, core, trail = split_core(text.translate(TYPO))
        numbers = number_readings(core, trail)
        if lead == "\ufffd" and re.fullmatch(r"\d[\d,]*", core):
            numbers.insert(0, NumberReading("£" + core, True))
        if not numbers:
            return out
        # a glued mark's readings are of the whole token: the sum's stop kept (100l.), and
        # its opening bracket or quote ((751.), -> (75l.),)
        whole = reason == "glued-punctuation"
        start = "".join(c for c in lead if c in _OPENERS) if whole else ""
        end = trail if whole else ""
        leading = [start + n.text + end for n in numbers if n.leads]
        return leading + out[:1] + [start + n.text + end for n in numbers if not n.leads] + \
            out[1:]

    def _bled_in(self, tokens: list[Token], i: int, prev: str, nxt: str,
                 scored: list[tuple[str, float]]) -> bool:
        """A short token between two words that read on without it, likelier deleted than
        read as any word (by [rs] medical, with an Italian [ai] lady, to [ti] live): a letter
        or two bled in from the next column, or a speck. Its deletion costs more the more
        letters it drops; each reading, its channel and context."""
        text = tokens[i].text.translate(TYPO)
        if not prev or not nxt or len(text) > _BLEED_SHORT or not text.isalpha():
            return False
        best = max((s for _, s in scored), default=-math.inf)
        return _BLEED_COST + _BLEED_LETTER * len(text) + self._logp_next(prev, nxt) > best

    def _junk_pair(self, text: str, core: str, reason: str,
                   scored: list[tuple[str, float]], prev: str = "", nxt: str = "") -> bool:
        """Two letters that are no common word where they stand and that no reading of them
        makes read well (ce, tb, le, hr: specks or letters bled in from the next column, often
        beside a mark or another garble, where _bled_in has no two words to weigh them
        between): likelier deleted than read. Not with a stop (Wr. Dc.: Mr. Dec.), nor between
        two words where the best reading reads nearly as well as the sentence without the
        token (inflicted bj John: by; to get rp early: up)."""
        if reason not in _WORD_REASONS and reason != "odd-case" or len(core) != 2 or \
                not (core.isascii() and core.isalpha()) or "." in text or \
                self.zipf(core.lower()) >= _PAIR_COMMON:
            return False
        best = max((s for _, s in scored), default=-math.inf)
        if prev and nxt and best - self._logp_next(prev, nxt) >= _PAIR_KEEP:
            return False
        return best < _PAIR_READS

    def _title(self, tokens: list[Token], i: int, reason: str) -> str:
        """Mr. or Mrs. misread (M-. Mur. 51r. Alr. M.Ir. MIrs.): a short token with a stop, an
        M first or an r last, no common word, before a capitalised word on its line; ""
        otherwise."""
        text = tokens[i].text.translate(TYPO)
        dash = "-" if text.startswith("-") else ""
        body = text[len(dash):]
        alnum = re.sub(r"\W", "", body)
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if not (1 <= len(alnum) <= 4 and len(body) <= 6 and body[-1:] in ".'" and
                (alnum[0] == "M" or alnum[-1] in "rR") and nxt[:1].isupper() and
                tokens[i + 1].line == tokens[i].line) or _ABBR.match(body) or \
                alnum in ("Mr", "Mrs", "Dr") or self.zipf(alnum.lower()) >= _TITLE_WORD:
            return ""
        title = "Mrs" if alnum[-1] == "s" else "Mr"  # MIrs.
        # a glued mark's reading is of the whole token, another's of its core
        return dash + title + "." if reason == "glued-punctuation" else title

    def _ranked_below(self, plain: str, core: str, scored: list[tuple[str, float]],
                      prev: str, nxt: str, lexicon: dict[str, int] | None) -> bool:
        """The analysis's reading (plain) is one of the token's candidates and the best scored
        correction outranks it, or it is among the scored corrections themselves."""
        if not scored or plain in {c.lower() for c, _ in scored}:
            return bool(scored)
        word = re.sub(r"[^a-z']", "", core.lower()).strip("'")
        feats = self.candidate_features(word, prev, nxt, lexicon).get(plain)
        return feats is not None and max(s for _, s in scored) > rank_score(feats)

    def _recase(self, reading: str, core: str, start: bool, capitals: int,
                opens: bool = False) -> str:
        """A one-word reading in the case the token's letters and its place give it: capitals
        in a heading (a line in capitals: Tam, B -> THE, BY), and where half the token's
        letters are beside a word in capitals (TnE, fROoM -> THE, FROM; ThP -> The in a
        sentence); a title with its capital (lr. -> Mr.); where the reading's first letter is
        not the token's, that letter's case is no evidence: the next letter's where the first
        is dropped (iFarrell -> Farrell, Sthen -> then), a capital where a paragraph opens (le,
        ihe -> He, The; after a stop within one the case stays: the stop may be a comma or a
        speck misread, had. een -> been), else a very common word's lower case within a
        sentence (Gn -> on, Nyhich -> which)."""
        if not re.fullmatch(r"[A-Za-z']+", reading) or not core[:1].isalpha():
            return reading
        letters = [c for c in core if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        low = reading.lower()
        if low in _TITLES:
            return low[0].upper() + low[1:]
        if len(reading) > 1 and (capitals == 2 or capitals and upper >= 2 and
                                 2 * upper >= len(letters)):
            return reading.upper()
        if upper == len(letters) or reading[:1].lower() == core[0].lower():
            return reading  # in the case _match_case gave it
        if core[1:2].lower() == low[0] and len(core) > len(reading) - 1:
            return (low[0].upper() if core[1].isupper() else low[0]) + low[1:]
        if start:
            return low[0].upper() + low[1:] if opens else reading
        return low if self.zipf(low) >= _COMMON_LOWER else reading

    def _glued_split(self, core: str, scored: list[tuple[str, float]], prev: str,
                     nxt: str) -> str:
        """Words glued whole (_segmented), or where they score below words read with a letter
        misread or bled in (scored's readings of several words), those (effectsaof: effects
        of, not effects a of); "" where neither."""
        split = self._segmented(core)
        if split:
            mine = self.split_score(prev, split.lower().split(), nxt)
            misread = [(c, sc) for c, sc in scored if " " in c and sc > mine]
            if misread:
                split = max(misread, key=lambda cs: cs[1])[0]
        return split

    def _segmented(self, core: str) -> str:
        """An unknown run of letters that is common words glued together, every letter kept
        (thenextexamination, ofit, Ishould -> the next examination, of it, I should), as
        symspellpy's word_segmentation reads it without edits; "" otherwise."""
        lw = core.lower()
        if len(lw) < 4 or not lw.isalpha() or self.known(lw):
            return ""
        parts = self.res.symspell().word_segmentation(lw, max_edit_distance=0) \
            .corrected_string.split()
        # I alone where it opens the token before small letters and a word that follows I
        # more often than words do (Ishould, Iwillcall; not that i he, IKent, IhAs, Ipolice,
        # Iemployed: a speck)
        lone_i = core[:1] == "I" and core[1:].islower() and len(parts) > 1 and \
            self.context("i", parts[1], "") > self.context("", parts[1], "")
        if len(parts) < 2 or "".join(parts) != lw or not all(
                self._split_part(p) and (len(p) > 1 or p == "a" or k == 0 and lone_i)
                for k, p in enumerate(parts)):
            return ""
        from symspellpy import Verbosity

        # the words without an I that opens them or an a that ends them are no word misread:
        # that letter lost its space (Ishould, pleadeda: I should, pleaded a; an a before a
        # word is as often a speck, asome: some)
        bare = lw[1:] if lone_i and parts[0] == "i" else lw[:-1] if parts[-1] == "a" else ""
        near = self.res.symspell().lookup(lw, Verbosity.CLOSEST, max_edit_distance=1)
        if any(lp >= _JOIN_NEAR and c != bare for c, lp in self.candidates(lw)) or any(
                self.zipf(h.term) >= _SPLIT_ZIPF and h.term != bare for h in near):
            return ""  # a word one misreading away is likelier (Chapmao: Chapman)
        return _case_by_word(" ".join(parts), core)

    def _unreached(self, core: str) -> list[str]:
        """Readings of a token no correction reaches: the words it is, glued and misread
        (_garble_words: theprotection'of, the protection of), then, where no word is within
        reach of its letters, its deletion (or it is read from the scan)."""
        words = self._garble_words(core)
        return [words] * bool(words) + [""] * self.garble(core)

    def _garble_words(self, core: str) -> str:
        """Common words a long token no reading reaches may be, glued and misread: its marks
        left out but a hyphen, a capital after a small letter a word's start, a known piece
        kept, each other piece of _SEGMENT_SHORTEST letters or more as symspellpy's
        word_segmentation reads it with up to _GARBLE_EDITS edits a word, where its words
        are common and differ from its letters at a fifth of them or fewer, the likeliest
        by channel and the words' sequence (theprotection'of, londonandGeneraL, agedthirty-
        five, AnnPettigrew: the protection of, London and General, aged thirty-five, Ann
        Pettigrew); "" otherwise."""
        pieces, changed = [], False
        for compound in core.split("-"):
            words: list[str] = []
            for piece in re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ",
                                re.sub(r"[^A-Za-z-]", "", compound)).split():
                if self.known(piece.lower(), _SPLIT_ZIPF) or piece.istitle() and \
                        words and len(piece) > 2:
                    # (a capitalised piece after a word: a name; a capital misread inside
                    # a word in capitals' case: GeneraL, General)
                    words.append(piece if piece.isupper() else piece[:1] + piece[1:].lower())
                    continue
                read = self._segment_misread(piece)
                if not read:
                    return ""
                words.append(read)
            changed = changed or len(words) > 1 or bool(words) and words[0] != compound
            pieces.append(" ".join(words))
        return "-".join(pieces) if changed else ""

    def _segment_misread(self, letters: str) -> str:
        """Two to four common words a run of letters is, as _garble_words reads them."""
        if len(letters) < _SEGMENT_SHORTEST:
            return ""
        lw, best = letters.lower(), ("", -math.inf)
        for edits in range(_GARBLE_EDITS + 1):
            parts = self.res.symspell().word_segmentation(
                lw, max_edit_distance=edits).corrected_string.split()
            joined = "".join(parts)
            if 2 <= len(parts) <= 4 and all(self._split_part(p) and len(p) > 1 for p in parts) \
                    and _distance(lw, joined) <= len(lw) // 5:
                score = self.misread_score(lw, joined, self.channel_logp(lw, joined)) + \
                    self.split_score("", parts, "")
                if score > best[1]:
                    best = (_case_by_word(" ".join(parts), letters), score)
        return best[0]

    def _split_part(self, part: str) -> bool:
        """A word a glued token may hold: common enough for its length (bed, six; not ers,
        ui, ob, ing)."""
        return self.zipf(part) >= (_SHORT_PART_ZIPF if len(part) <= 2 else _SHORT3_ZIPF
                                   if len(part) == 3 else _SPLIT_ZIPF)

    def _split_at_mark(self, core: str) -> str:
        """Two words a mark or a few stand between where a space was (held'an, received:by,
        tandem,but, of.Charles, were,,about -> held an, received by, tandem, but, of Charles,
        were about), both words of their own and the whole none (not o'clock, we'll); ""
        otherwise. A comma or semicolon alone is kept, a full stop after an abbreviation."""
        m = _GLUED_AT_MARK.match(core.translate(TYPO))
        if not m:
            return ""
        a, mark, b = m.groups()
        if mark == "'" and b.lower() in _CLITICS or self.known(core.lower().translate(TYPO), 2.0):
            return ""
        # a compound on the left is kept whole (Police-court,with); the right may be words
        # glued in their turn (smoking,herdoctor: smoking, her doctor); a word that is none
        # is read as the word one likely misreading makes of it (then'remearked, from'sechool:
        # then remarked, from school)
        known_a = all(self.known(w.lower(), _SPLIT_ZIPF) or w in "aAI" for w in a.split("-"))
        known_b = all(self.known(w.lower(), _SPLIT_ZIPF) or w in "aAI" for w in b.split("-"))
        # a word kept beside a misread one: no short rare one (ned, nt, e: obta'ned, e'arned)
        sure_a, sure_b = (all(self.zipf(w.lower()) >= _SHORT_PART_ZIPF or len(w) > 3
                              for w in x.split("-")) for x in (a, b))
        known_a, known_b = known_a and sure_a, known_b and sure_b  # (prison'ers: prisoners)
        if not known_b:
            b = self._segmented(b) or ""
        if not known_a or not b:
            # one half misread, the other a word as it stands, and the two no word misread
            # with the mark for a letter (obta'ned, offi'er: obtained, officer)
            if not (known_a or known_b) or self._near_word(core):
                return ""
            a, b = (a, b or self._misread_half(m.group(3))) if known_a else \
                (self._misread_half(a), b)
            if not a or not b:
                return ""
        # a comma or semicolon alone kept, and a comma before specks (down,-treated: down,
        # treated: so the training text has 31 of 45 such); a comma after one, or doubled, not
        # (a heading's semicolon is a speck: MURDER;AT, MURDER AT)
        heading = a.isupper() and b.isupper() and mark == ";"
        if mark in (",", ";") and not heading or mark[0] == "," and mark[1:2] not in (",", ""):
            return f"{a}{mark[0]} {b}"
        # a full stop kept after an abbreviation (Mr.Smith); a speck of marks is no text
        # (of.Charles, were,,about, managed.-to: of Charles, were about, managed to)
        if mark == "." and (a.lower() in _STOP_ABBREVIATIONS or a.lower() in _TITLES):
            return f"{a}. {b}"
        return f"{a} {b}"

    def _near_word(self, core: str) -> bool:
        """core's letters (its marks left out, or one read as a letter) are a word one likely
        misreading away."""
        letters = re.sub(r"[^a-z]", "", core.lower())
        lc = core.lower()
        marks = [k for k, ch in enumerate(lc) if not ch.isalpha()]
        return any(self.channel_logp(letters, c) >= _JOIN_NEAR for c, _ in
                   self.scored_corrections(letters, "", "", deep=False)[:3]) or \
            len(marks) == 1 and any(self.zipf(lc[:marks[0]] + c + lc[marks[0] + 1:]) >= 3.0
                                    for c in _ALPHABET)

    def _misread_half(self, half: str) -> str:
        """A word of letters glued to another at a mark (_split_at_mark) read as the common
        word a likely misreading makes of it, in its case; "" where none does."""
        if len(half) < _MISREAD_HALF or not half.isalpha():
            return ""
        # (a half of three letters only as a very common word of three: wae.charged, was)
        common = _SHORT_PART_ZIPF if len(half) == _MISREAD_HALF else _SPLIT_ZIPF
        for c, _ in self.scored_corrections(half.lower(), "", "", deep=False)[:1]:
            if self.zipf(c) >= common and len(c) >= len(half) - (len(half) > _MISREAD_HALF) and \
                    self.channel_logp(half.lower(), c) >= _JOIN_NEAR:
                return _match_case(c, half)
        return ""

    def neighbours(self, tokens: list[Token], i: int) -> tuple[str, str]:
        """The words before and after token i that its reading may be weighed with: none across
        a mark, none that is itself no word (a neighbour's misreading tells nothing)."""
        trail = split_core(tokens[i].text.translate(TYPO))[2]
        prev = nxt = ""
        if i > 0 and not split_core(tokens[i - 1].text)[2]:
            prev = split_core(tokens[i - 1].text.translate(TYPO))[1].lower()
        if i + 1 < len(tokens) and not trail:
            nxt = split_core(tokens[i + 1].text.translate(TYPO))[1].lower()
        sym = self.res.sym_count
        return (prev if prev in sym else ""), (nxt if nxt in sym else "")

    def _read_neighbours(self, tokens: list[Token], i: int, prev: str,
                         nxt: str) -> tuple[str, str]:
        """prev and nxt (neighbours), each missing one that is a token of letters on the line,
        no mark between, and no word read as its likeliest correction where that scores at
        least _NEIGHBOUR_READS (tgat: that); "" where none does."""
        trail = split_core(tokens[i].text.translate(TYPO))[2]
        found = []
        for k, have, apart in ((i - 1, prev, None), (i + 1, nxt, trail)):
            word = have
            if not have and 0 <= k < len(tokens) and tokens[k].line == tokens[i].line and \
                    not apart:
                lead, core, after = split_core(tokens[k].text.translate(TYPO))
                mark = after if k < i else lead
                lw = core.lower()
                if not mark and lw.isascii() and lw.isalpha() and lw not in self.res.sym_count:
                    best = self.scored_corrections(lw, "", "", deep=False)[:1]
                    if best and best[0][1] >= _NEIGHBOUR_READS and " " not in best[0][0]:
                        word = best[0][0]
            found.append(word)
        return found[0], found[1]

    def _scored_readings(self, tokens: list[Token], i: int, reason: str, prev: str, nxt: str,
                         lexicon: dict[str, int] | None) -> list[tuple[str, float]]:
        """Readings of token i with their scores, from what its reason says is wrong."""
        core = split_core(tokens[i].text.translate(TYPO))[1]
        lc = core.lower()
        word = re.sub(r"[^a-z']", "", lc.translate(_DIGIT_LOOKALIKE) if reason == "letter-digit"
                      else lc).strip("'")
        scored: list[tuple[str, float]] = []
        if "-" in core.strip("-") and reason == "unknown-word":
            scored += self._hyphenated_corrections(core, lexicon)
        if reason == "inner-punctuation":
            scored += self._marks_as_letters(lc, prev, nxt)
        elif reason == "glued-punctuation":
            # a mark glued to a word may be one of its letters misread (al~ -> all)
            whole = tokens[i].text.translate(TYPO).lower()
            scored += [(_match_case(w, core), s) for w, s in self._marks_as_letters(
                whole.strip(".,;:\"'()"), prev, nxt)]
            scored += self._lead_mark_as_letter(tokens[i].text.translate(TYPO), prev, nxt)
        elif reason == "letter-digit":
            # a digit that is a stray mark (3political, C3URIOUS: one no letter looks like
            # leaves the word as it is, which its corrections below leave out)
            bare = re.sub(r"[^a-z]", "", lc)
            if bare in self.res.sym_count:
                scored.append((_match_case(bare, core),
                               _UNSEEN_EDIT + self.context(prev, bare, nxt)))
            number = _as_number(core)
            if number:  # a number with a letter read for a digit (l0s.: 10s., I8: 18)
                letters = sum(c.isalpha() for c in number)
                digits = sum(c.isdigit() for c in number)
                # first where the digits outnumber the letters, or a unit follows; else among
                scored.append((number, 0.0 if letters or digits > 2 * len(core) // 3
                               else _UNSEEN_EDIT + self.context(prev, "", nxt)))
        if reason != "inner-hyphen" and (reason != "glued-punctuation" or
                                         not self.known(lc, _GLUED_KNOWN)):
            # against two glued words, only a reading of about the same length competes:
            # dropping letters would read any glued pair as one of its words (heldat: held)
            scored += [(_match_case(c, core), s)
                       for c, s in self.scored_corrections(word, prev, nxt, lexicon)
                       if reason != "glued-words" or len(c) >= len(word) - 1]
        if reason in ("unknown-word", "glued-words") and len(word) > 4 and word.isalpha():
            # (not across a hyphen: thirty-five is no two words, asked-to look no compound)
            split = self.split_reading(word, prev, nxt, segment="-" not in core)
            if split:
                scored.append((_case_by_word(split[0], core), split[1]))
        if (reason in _WORD_REASONS or reason == "glued-words") and len(word) > 2 and \
                word.isalpha():
            # two common words glued, every letter kept (ofa, isin, todo, halfan), weighed
            # as split_reading weighs them, against the word's misreadings
            scored += [(_case_by_word(f"{a} {b}", core), self.split_score(prev, [a, b], nxt))
                       for a, b in _glued_pairs(self, word)]
        return scored

    def note(self, tokens: list[Token], i: int, reason: str, ranked: list[str]) -> str:
        """Why token i has no suggestion, or what its deletion means; "" when it has one."""
        if ranked[:1] == [""]:
            return _NOTES[reason if reason in ("stray-punctuation", "bled-in") else "garble"]
        if ranked:
            return ""
        if reason == "broken-word":
            text = tokens[i].text.translate(TYPO)
            other = i + 1 if text.rstrip(".,;:").endswith("-") else i - 1
            if 0 <= other < len(tokens):
                a, b = sorted((i, other))
                joined = (split_core(tokens[a].text.translate(TYPO))[1].rstrip("-")
                          + split_core(tokens[b].text.translate(TYPO))[1])
                if self.known(joined.lower(), 2.5):
                    return f"one word with the {'next' if other > i else 'previous'} token: " \
                           f"{joined}"
        return _NOTES.get(reason, _NOTES["none"])

    def garble(self, core: str) -> bool:
        """No word is within reach of core and its letters are not a word's: OCR garbage (or a
        word bled in from a neighbouring column, cut)."""
        letters = re.sub(r"[^a-z]", "", core.lower())
        return bool(core) and not self.known(letters) and not self.scored_corrections(
            letters, "", "") and self.split_reading(letters, "", "", segment=False) is None

    def _marks_as_letters(self, lc: str, prev: str, nxt: str) -> list[tuple[str, float]]:
        """A mark inside a word is most often a misread letter (whi!e, w~s, bei?!g)."""
        at = [k for k, ch in enumerate(lc) if not (ch.isalpha() or ch in "'-")]
        if not at or len(at) > 2:
            return []
        words = {lc}
        for k in reversed(at):
            words = {w[:k] + c + w[k + 1 :] for w in words for c in _ALPHABET + " "}
        out = []
        for w in words:
            w = w.replace(" ", "")
            if w in self.res.sym_count:
                out.append((w, _UNSEEN_EDIT / 2 * len(at) + self.context(prev, w, nxt)))
        return sorted(set(out), key=lambda ws: -ws[1])[:_MAX_SUGGESTIONS]

    def _lead_mark_as_letter(self, text: str, prev: str, nxt: str) -> list[tuple[str, float]]:
        """A mark or two glued before a word's small letter, where no quote, bracket or dash
        opens, may be its first letter misread (;here, ,ent, .nto -> there, went, into): the
        words a letter for the marks makes, the token's closing marks kept."""
        m = _LEAD_MARKS.match(text)
        if not m:
            return []
        rest, trail = m.group(2), m.group(3)
        out = [(w + trail, _UNSEEN_EDIT / 2 + self.context(prev, w, nxt))
               for w in (c + rest for c in _ALPHABET) if w in self.res.sym_count]
        return sorted(out, key=lambda ws: -ws[1])[:_MAX_SUGGESTIONS]

    def _dash_readings(self, tokens: list[Token], i: int, first: str,
                       lexicon: dict[str, int] | None) -> list[str]:
        """Readings of a token a dash is glued before, spaced off its other side (-as, -aid):
        the dash a misread letter where that makes a word the sentence wants (was, said), or,
        where the page reads the word without it (first: the text prints no dashes), that
        word (-whilst) or its correction (-mattev); the token's closing marks kept. A
        capitalised word keeps its dash (-Robert: a report's opening dash)."""
        m = _DASHED_WORD.match(tokens[i].text.translate(TYPO))
        if not m:
            return []
        rest, trail = m.groups()
        prev, nxt = self.neighbours(tokens, i)
        scored = [(w, _UNSEEN_EDIT / 2 + self.context(prev, w, nxt))
                  for w in (c + rest for c in _ALPHABET) if w in self.res.sym_count]
        if first:
            if rest in self.res.sym_count:
                scored.append((rest, self.context(prev, rest, nxt)))
            else:
                scored += self.scored_corrections(rest, prev, nxt, lexicon)
        ranked = [w + trail for w, _ in sorted(scored, key=lambda ws: -ws[1])]
        return list(dict.fromkeys(ranked))[:_MAX_SUGGESTIONS]

    def _hyphenated_corrections(
        self, core: str, lexicon: dict[str, int] | None
    ) -> list[tuple[str, float]]:
        """A compound keeps its hyphens: only its unknown part is corrected (De-Stalinizatioo);
        a hyphen inside a word may be a misread letter or a stray mark (fi-om, v-as)."""
        parts = core.split("-")
        readings: list[tuple[list[str], float]] = [([], 0.0)]
        for part in parts:
            lc = part.lower()
            options = [(part, 0.0)]
            if lc.isalpha() and not self.part_known(lc):
                options = [(_match_case(c, part), s)
                           for c, s in self.scored_corrections(lc, "", "", lexicon)[:3]]
                if part[:1].isupper() and len(part) > 2:
                    # a capitalised part may be a name no dictionary lists, its other part
                    # misread (Goldhawk-rosad, Bruton-sbreet: Goldhawk-road, Bruton-street)
                    options.append((part, _NAME_PART))
            readings = sorted(((r + [o], s + so) for r, s in readings for o, so in options),
                              key=lambda rs: -rs[1])[:9]
        out = [("-".join(r), s) for r, s in readings if r != parts]
        joined = core.replace("-", "").lower()
        if joined.isalpha():
            out += [(_match_case(c, core), s + _UNSEEN_EDIT / 2)
                    for c, s in self.scored_corrections(joined, "", "", lexicon)]
            for c in _edits1(joined):
                if c.isalpha() and self.zipf(c) >= 3.0 and len(c) == len(joined) + 1:
                    out.append((_match_case(c, core), self.channel_logp(core.lower(), c)
                                + self.context("", c, "")))
        return out


def _case_by_word(reading: str, core: str) -> str:
    """A reading of several words for one glued token, each word in the case of the letters
    it was read from (SalvationArmy, onSatrday -> Salvation Army, on Saturday); the token's
    letters found in the reading's by alignment."""
    words = reading.split()
    whole = _match_case(reading, core)
    if len(words) < 2 or whole.isupper():
        return whole  # one word, or a token in capitals (an OCR's lower-case letter or two)
    flat = "".join(words).lower()
    at: dict[int, int] = {}  # a letter of flat -> the letter of core it was read from
    for a, b, n in difflib.SequenceMatcher(None, flat, core.lower(),
                                           autojunk=False).get_matching_blocks():
        at.update((a + k, b + k) for k in range(n))
    out, start = [], 0
    for word in words:
        mine = [at[k] for k in range(start, start + len(word)) if k in at]
        out.append(_match_case(word, core[min(mine):max(mine) + 1]) if mine else word)
        start += len(word)
    return " ".join(out)


def _distance(a: str, b: str) -> int:
    """Levenshtein's distance between a and b."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _letters_kept(out: list[str], core: str, scores: dict[str, float]) -> list[str]:
    """out with its first reading of several words that keeps all of core's letters but one
    first, where out's first is one word that drops two of them or more and scores above
    them by less than _KEPT_MARGIN, if at all (fromiSir: from Sir, not from; THROWIrN stays
    THROWN, reresuscitate resuscitate)."""
    n = len(_letters(core))
    if not out or " " in out[0] or len(_letters(out[0])) > n - 2:
        return out
    kept = next((c for c in out if " " in c.strip() and len(_letters(c)) >= n - 1), "")
    if not kept or scores.get(kept, -math.inf) + _KEPT_MARGIN < \
            scores.get(out[0], max(scores.values())):
        return out
    return [kept] + [c for c in out if c != kept]


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _in_capitals(tokens: list[Token], i: int) -> int:
    """2 where the rest of token i's line is set in capitals, two words in three of it or more
    and two at least, a word's stray small letter apart (a heading: ARREST OF A NoTomlous
    BunRLAr.); 1 where a word beside it is in capitals (a name in capitals); 0 otherwise."""
    words = [[c for c in t.text if c.isalpha()] for t in tokens
             if t.line == tokens[i].line and t is not tokens[i]]
    words = [w for w in words if w]
    caps = sum(sum(c.islower() for c in w) <= (len(w) > 2) for w in words)
    if caps >= 2 and 3 * caps >= 2 * len(words):
        return 2
    for k in (i - 1, i + 1):
        if 0 <= k < len(tokens) and tokens[k].line == tokens[i].line:
            letters = [c for c in tokens[k].text if c.isalpha()]
            if len(letters) > 1 and all(c.isupper() for c in letters):
                return 1
    return 0


def _paragraph_opens(tokens: list[Token], i: int) -> bool:
    """Token i opens a paragraph: the text's first, or the first of a line after a blank one
    or after a line whose last word ends a sentence. A witness of printed lines breaks
    sentences too (his master / ihe door: the, not The)."""
    if i == 0:
        return True
    before, here = tokens[i - 1], tokens[i]
    if before.line == here.line:
        return False
    if here.line - before.line > 1:
        return True
    trail = split_core(before.text.translate(TYPO))[2].rstrip("\"')")
    return trail[-1:] in (".", "!", "?")


def _sentence_start(tokens: list[Token], i: int) -> bool:
    """Token i begins a sentence: the first of its line (a paragraph, a segment), or after a
    full stop, question or exclamation mark that ends no abbreviation."""
    if i == 0 or tokens[i - 1].line != tokens[i].line:
        return True
    _, core, trail = split_core(tokens[i - 1].text.translate(TYPO))
    trail = trail.rstrip("\"')")
    if not trail or trail[-1] not in ".!?":
        return False
    return not (trail == "." and (core.lower() in _STOP_ABBREVIATIONS or len(core) <= 2))


# a lone lower-case letter that is no word, with at most a mark beside it (not v. or &c.)
_STRAY_LETTER = re.compile(r"^[^\w.&]?[b-hj-np-z][^\w.]?$")
_LONE_O = re.compile(r"^[^\w.&]?o[^\w.]?$")


_DIGIT_OF = str.maketrans({"l": "1", "I": "1", "i": "1", "O": "0", "o": "0", "S": "5",
                           "B": "8", "Z": "2"})
# A number and the unit or ending print set after it: 10s., 6d., 18th, 1850s.
_NUMBER_WITH_UNIT = re.compile(r"^(\d[\d,.]*?)(s|d|st|nd|rd|th|l)?$")


def _glued_pairs(an: Corrector, word: str) -> list[tuple[str, str]]:
    """The ways word is two common words glued whole (ofa: of a; isin: is in), a lone
    letter only "a" (content i is no reading of contenti)."""
    return [(word[:k], word[k:]) for k in range(1, len(word))
            if all(an.zipf(x) >= _GLUED_COMMON and (len(x) > 1 or x == "a")
                   for x in (word[:k], word[k:]))]


def _speck(text: str) -> bool:
    """A run of marks with an underscore and a letter at most (_, ._, __I): the scan's specks
    and rules, deleted 11 times in 13 on a quarter of the training documents."""
    return "_" in text and sum(c.isalnum() for c in text) <= 1


def _as_number(core: str) -> str:
    """core as a number, where its digits outnumber its other letters once the letters that
    look like digits are read as digits (l0s. -> 10s, I8 -> 18); "" otherwise."""
    m = re.match(r"^(.*?)(s|d|st|nd|rd|th)?$", core)
    body, unit = (m.group(1), m.group(2) or "") if m else (core, "")
    digits = sum(c.isdigit() for c in body)
    letters = sum(c.isalpha() for c in body)
    if not body or digits < letters or not digits:
        return ""
    number = body.translate(_DIGIT_OF) + unit
    return number if _NUMBER_WITH_UNIT.match(number) and number != core else ""


_MAX_SUGGESTIONS = 5
_OPENERS = "([{\"'\u2018\u201c"  # marks that open: a reading of the whole token keeps them
# A possessive longer than this (its 's counted) has its stem corrected (candidate_features):
# on bench_suggestions --dev, one more first reading right (buteber's: butcher's)
_POSSESSIVE_SHORTEST = 4
# What keeping a capitalised part of a compound as it stands costs (a name no dictionary
# lists: Goldhawk-rosad, Goldhawk-road), against its corrections' scores (scored_corrections):
# on bench_suggestions --dev, one more first reading right and none wrong (at -20, two more
# right, two more wrong: Deteciivo-scrgeant kept as a name)
_NAME_PART = -25.0
# A word of this many letters or more that no search reached (the best candidate's channel
# below _FUZZY_WHEN) gets the words sharing most of its letter pairs (fuzzy_candidates): at
# least this share (Dice), within _FUZZY_REACH letters of its length, common (Zipf) or the
# newspapers' or the document's own, _FUZZY_MOST of them.
_FUZZY_SHORTEST = 7
_FUZZY_WHEN = -12.0
_FUZZY_DICE = 0.5
_FUZZY_REACH = 2
_FUZZY_ZIPF = 3.0
_FUZZY_MOST = 3
# A word of this many letters or more gets the words its document uses (its lexicon) that share
# at least this share of its letter pairs (Dice), _OWN_MOST of them (own_candidates): on
# bench_suggestions --dev, 4 letters and 0.4 put 10 more first readings right than none (1828
# -> 1838 of 2870), 5 letters and 0.5 two.
_OWN_SHORTEST = 4
_OWN_DICE = 0.4
_OWN_MOST = 5
# A word this common (Zipf) before a capital is itself (her. The, for. Sir): not Mr. misread.
_TITLE_WORD = 4.5
# A word with a mark glued to it is corrected unless it is at least this common (Zipf): rarer
# ones are more often misreadings of a common word (ahd. tbat. vith: and that with).
_GLUED_KNOWN = 3.0
# Marks glued before a word in small letters (not a quote, bracket or dash that opens it).
# a dash or two glued before a word's letter
_OPENING_DASH = re.compile(r"^-{1,2}[A-Za-z]")
# a word in small letters a dash is glued before, its closing marks after it (-as, -aid,)
_DASHED_WORD = re.compile(r"^-([a-z]+)([^\w\s-]*)$")
_LEAD_MARKS = re.compile(r"^([^\w\s\"'(\[-]{1,2})([a-z]+)(\W*)$")
# letters of a token that may have bled in from the next column (Corrector._bled_in)
_BLEED_SHORT = 3
# ... and what deleting it costs, in the channel's log-probability, per token and per letter:
# on a quarter of the training documents, deletion first put 118 of 172 such tokens right
# (of 1 to 3 letters, between two words) and 6 of 266 right readings of a misread word wrong
# (measured against the readings ranked by Corrector.context, the ranking's own context)
_BLEED_COST = -3.0
_BLEED_LETTER = -4.0
# Two letters rarer than this (Zipf: not of, he, my, us) whose best reading scores below this
# (channel and context, nats) are deleted first (Corrector._junk_pair): on a sixth of the
# training documents, 38 tokens to delete put right first and 10 right readings of a misread
# word put second (te: the, mv: my, ot: of)
_PAIR_COMMON = 5.5
_PAIR_READS = -12.0
# ... unless, between two words, the best reading scores at most this far (nats) below the
# sentence read on without the token (_logp_next): on a quarter of the training documents
# (bench_suggestions --dev), 6 misread words of 18 put right first, 2 of 94 tokens to delete
# no longer first
_PAIR_KEEP = -4.0
# A neighbour that is no word is read as its likeliest correction, for the ordering of a
# token's readings, where that scores at least this (channel and frequency, nats)
_NEIGHBOUR_READS = -20.0
# Said of a flag with no suggestion (or a deletion), by reason.
_NOTES = {
    "stray-punctuation": "a mark standing alone: delete it",
    "bled-in": "the sentence reads on without it: a word printed twice, or letters bled in "
               "from a neighbouring column; delete it",
    "garble": "no word within reach: a garble, or words bled in from a neighbouring column; "
              "delete it, or read it from the scan",
    "dash-spacing": "a dash spaced off on one side only: close it up or space it on both sides",
    "note-call": "a note call with no note of its kind in the text",
    "broken-word": "part of a word broken by a hyphen: read it with its neighbour",
    "odd-case": "capitals where the word has none: read the case from the scan",
    "none": "no known word within two edits or the learned OCR confusions: read it from the scan",
}
# Reasons whose first reading (the analysis's) is one of the scored corrections anyway.
_WORD_REASONS = frozenset(("unknown-word", "real-word-context", "unlikely-word"))
# a word this common (Zipf: which, then, on) is lower case within a sentence; a rarer one may
# be a name (Richard, Chelsea), whose capital the token's first letter may have been
_COMMON_LOWER = 5.5
_SPELL_CANDIDATES = 30
_EDIT_COST = 4.5  # nats per edit when symspellpy's candidates are pre-ranked
# The beam search along the learned confusions, for every word of 3 to 14 letters (a word two
# edits away may be likelier through three likely confusions: yvas -> was): confusions applied
# up to three times (those likelier than e^-9.5), the likeliest 20 misreadings kept at each
# step.
_DEEP_STEPS = 3
_DEEP_BEAM = 20
_DEEP_RULE_LOGP = -9.5
_DEEP_LONGEST = 14
_DEEP_SHORTEST = 3
# A split word's halves: one rarer than this (Zipf) is no common word, and the word they make
# leads (th eir, spect acles; not in form); both at least this common are words of their own.
_JOIN_COMMON = 4.0
# A mark a word's own that the OCR spaced off it (for ?", her ;"): closed up to the word.
_CLOSING = re.compile(r"^[?!;:][\"')]?$")
# ... and a closing quote spaced off a quoted word, with its mark (" Guilty ", " Murder !")
_QUOTE_CLOSED = re.compile(r'^[?!.,]?"$')
_JOIN_WORDS = 3.0
# What a lone letter joined to a common word beside it may cost the sentence (nats) and still
# lead before its deletion: on a quarter of the training documents, 7 of 8 such joins stay
# first and 8 of 11 letters to delete come first.
_STRAY_JOIN = -2.0
# A broken word read through a misreading: one at most about this unlikely (nats) leads, or
# one whose score (channel and frequency, scored_corrections') is at least this (evidenee:
# evidence, -16; mornlig: morning, -22; a name as it stands, Bardrick: barrack, -32).
_JOIN_NEAR = -9.0
_JOIN_LEAD = -30.0
_JOIN_AS_IS = _JOIN_LEAD - 10.0
# A split word read through misreadings as far as this (nats) leads where the sentence with it
# reads this much likelier than with its halves apart (of a half no word; of two words)
_JOIN_FAR = -19.0
_JOIN_BETTER = 5.0
_JOIN_BETTER_WORDS = 12.0
# ... of this many letters at least (a short one is as often a garble's letters: n o, a c)
_JOIN_FAR_SHORTEST = 5
_HALF_READINGS = 3  # the corrections of a half weighed in context against the word (ot: of)
_HALF_COMMON = 5.0  # ... of a half less common than this (Zipf)
# Two pieces, neither a word, this many letters at least, read as one word misread more than
# once where its score is at least _JOIN_LEAD
_JOIN_PIECES = 7
# What a capitalised name broken at a line's end is joined to with its hyphen (Chapel- street,
# Euston- square); a name broken elsewhere is one word (Kensing- ton, Farn- ham, Loth- bury):
# so the training ground truth has 7 and 7 where the first half is no word
_PLACE_WORDS = frozenset((
    "street", "road", "lane", "square", "place", "terrace", "row", "park", "hill", "court",
    "yard", "gardens", "grove", "walk", "buildings", "cottages", "crescent", "gate", "villas",
    "green", "bridge", "station", "common", "wharf", "alley", "mews", "rents"))
# What may stand between a broken word's halves and be left out: a speck, a letter or two
# bled in from the next column (Mid- t lothian, de- of clared, seven- ere teen).
_BLEED_LONGEST = 3
# The analysis's reading of a glued token that keeps its letters stands before words read
# apart where it is a word this common (Zipf): not the web's ofthe (3.3)
_KEPT_WHOLE = 3.5
# A mark between two words where a space was: held'an, received:by, tandem,but, a speck of the
# scan among them (on~the)
_GLUED_AT_MARK = re.compile(
    r"^([A-Za-z]+(?:-[A-Za-z]+)*)([',;:.~`\"]|[.,;:'-]{2,3})([A-Za-z][A-Za-z-]*[A-Za-z])$")
_TITLES = frozenset(("mr", "mrs", "dr", "st", "rev", "capt", "col", "sergt", "inspr"))
_CLITICS = frozenset(("s", "t", "ll", "re", "ve", "d", "m", "em", "tis", "clock"))
_SPLIT_ZIPF = 3.0  # each word of such a split at least this common
# ... a word this long or longer where a likely misreading makes a common word of it (of this
# length, a very common one: wae, was)
_MISREAD_HALF = 3
_SHORT_PART_ZIPF = 5.5  # and a word of two letters or fewer this common (not ui, ob; ned)
_SHORT3_ZIPF = 4.5  # ... of three this common (bed, six, tea; not ers, ing, est, ion)
# A glued token this long at least is read as words with a misreading each (a shorter one reads
# as too many pairs of short words: tobd, to bd)
_SEGMENT_SHORTEST = 6
_KEPT_MARGIN = 3.0  # nats a word that drops letters must score above words that keep them
_GARBLE_EDITS = 2  # per word, as symspellpy's segmentation counts them
# Each of two words glued whole this common at least (Zipf) to be read apart (_glued_pairs)
_GLUED_COMMON = 4.5
