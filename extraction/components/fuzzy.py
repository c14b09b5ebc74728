"""Near-misses of technique and muscle names ("trapezious", "efflurage") the lists do not hold.

Only words no other rule claimed, of at least ``min_length`` letters and not stop words, are
compared, with a high similarity threshold, and only when the best candidate clearly beats
the runner-up of a different meaning: a guess that could be two things is no match.

A word that is itself a known word is never a near-miss of another: a word of any vocabulary
(any pattern file: "retraction" of an exercise, "tension" of a complaint) or of the
NOT_NEAR_MISS token set (common words one edit from a term: "attraction"). Nor is a word that
is a term with a prefix ("retraction", "protraction" around "traction") or with another ending
("ambulating" beside "ambulation"): spelling and hearing slips change letters inside a word, a
prefix or an ending makes another word. Every treatment that rests on
a near-miss is flagged for review (outcome.py).

Two words side by side are also compared with the technique names of two words ("deep tissues",
"trigger pint") and, written together, with those of one word ("myo facial": a name a phone's
autocorrect split). Neither word may be a term of its own in any vocabulary ("hot" of a pack is
fine, "neck" is not): a slip changes letters of a name, it does not swallow a word that names
something else.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import accumulate

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.components.areas import LateralityFinder
from extraction.spans import AREAS, TECHNIQUES, AreaHit, TechniqueHit, hits, put, words_of
from models import Laterality


# A name a recogniser split into pieces ("plant our fash itis", "tension head aches"): the pieces,
# written together, against the names written together. For conditions two pieces must spell the
# name exactly; three or more, of at least SPLIT_MIN_LENGTH letters, may be a near-miss of it.
SPLIT_MAX_WORDS = 5
SPLIT_MIN_LENGTH = 12
SPLIT_THRESHOLD = 80.0
SPLIT_MARGIN = 6.0
# Muscle names heard in pieces ("mass eater", "scaly nes", "medial tera goid"): two pieces may be a
# near-miss, with a stricter score, over words no rule claimed.
AREA_SPLIT = {"min_words": 2, "min_length": 8, "threshold": 85.0, "sound_min": 5}
# The letters a phonetic key drops or merges: vowels (and y, h, w), which a recogniser writes
# freely when it hears a name as everyday words ("pure i form us"), and the spellings of one sound.
_KEY_DROP = str.maketrans("", "", "aeiouyhw")
_KEY_SAME = (("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("z", "s"))


def sound_key(text: str) -> str:
    """A consonant skeleton of letters: one spelling per sound, no vowels, no doubled letters
    ("pureiformus" and "piriformis" are both "prfrms"): a name heard as other words keeps its
    consonants far better than its vowels."""
    text = text.lower()
    for a, b in _KEY_SAME:
        text = text.replace(a, b)
    text = text.translate(_KEY_DROP)
    return "".join(c for k, c in enumerate(text) if c.isalpha() and (k == 0 or c != text[k - 1]))


class SplitNames:
    """Names (of conditions) heard as several words. A window spelling a name exactly is that name
    (the longest match wins over the pieces' own meanings: "tension head aches"). A near-miss
    needs words no rule claimed and none a term of its own in any vocabulary: a slip changes
    letters, it does not make a known word into a diagnosis."""

    def __init__(self, names: dict[str, str], min_words: int = 3, min_length: int = SPLIT_MIN_LENGTH,
                 threshold: float = SPLIT_THRESHOLD, sound_min: int | None = None):
        self.names = {n.replace(" ", "").replace("-", ""): meaning for n, meaning in names.items()}
        self.min_words, self.min_length, self.threshold = min_words, min_length, threshold
        self.keys = [k for k in self.names if len(k) >= min_length]
        self.whole_terms = vocab.whole_terms()
        self.case_only = vocab.case_only_terms()
        # Names by their sound key, when asked for (sound_min consonants at least): a key two
        # meanings share is no guide and is left out.
        sounds: dict[str, set[str]] = {}
        for k in self.keys if sound_min else ():
            key = sound_key(k)
            if len(key) >= sound_min:
                sounds.setdefault(key, set()).add(self.names[k])
        self.sounds = {key: next(iter(m)) for key, m in sounds.items() if len(m) == 1}
        self.near_miss = lru_cache(maxsize=16384)(self._near_miss)
        # a window spells a name exactly only if its words, joined, begin one: most stop at the first
        self.prefixes = {k[:m] for k in self.names for m in range(1, len(k) + 1)}

    def find(self, doc: Doc, claimed: set[int]) -> list[tuple[int, int, str]]:
        # Plain lists, read once: slicing the Doc for every window cost more than the matching.
        lowers, alpha = words_of(doc)
        n = len(lowers)
        # Running counts (non-words, claimed words, whole terms, letters): a window's tests are
        # subtractions, and only a window that passes them is joined and looked up.
        gaps, terms, letters = self._counts(doc, lowers, alpha)
        owned = [0, *accumulate(k in claimed for k in range(n))]
        found: list[tuple[int, int, str]] = []
        prefixes, min_words = self.prefixes, self.min_words
        i = 0
        while i < n:
            best = None
            if alpha[i]:
                # the test below, first in its cheapest form: a near-miss's shortest window fails
                # the counts and the first two words, joined, begin no name (most words stop here)
                short = i + min_words
                if ((short > n or gaps[short] != gaps[i] or owned[short] != owned[i] or terms[short] != terms[i])
                        and not (i + 1 < n and lowers[i] in prefixes and lowers[i] + lowers[i + 1] in prefixes)):
                    i += 1
                    continue
                exact_max, text = 0, ""  # the most words whose joining still begins a name
                for k in range(i, min(n, i + SPLIT_MAX_WORDS)):
                    text += lowers[k]
                    if text not in self.prefixes:
                        break
                    exact_max = k - i + 1
                # The counts only grow with the window: if the shortest window a near-miss may take
                # already fails them, no longer one passes, and only an exact spelling is left to try.
                short = i + self.min_words
                if exact_max < 2 and (short > n or gaps[short] != gaps[i] or owned[short] != owned[i]
                                      or terms[short] != terms[i]):
                    i += 1
                    continue
                for size in range(SPLIT_MAX_WORDS, 1, -1):
                    j = i + size
                    if j > n or gaps[j] != gaps[i]:
                        continue
                    near_ok = (owned[j] == owned[i] and size >= self.min_words and terms[j] == terms[i]
                               and letters[j] - letters[i] >= self.min_length)
                    if not (size <= exact_max or near_ok):
                        continue
                    meaning = self._meaning(lowers[i:j], not near_ok)
                    if meaning:
                        best = (i, j, meaning)
                        break
            if best:
                found.append(best)
                i = best[1]
            else:
                i += 1
        return found

    def _counts(self, doc: Doc, lowers: list[str], alpha: list[bool]) -> tuple[list[int], list[int], list[int]]:
        """The running counts of non-words, whole terms and letters, once per Doc's words (every
        SplitNames of a pipeline reads the same vocabularies' terms)."""
        key = (id(self.whole_terms), id(self.case_only))
        cached = doc.user_data.get("scribe_split_counts")
        if cached is not None and cached[0] is lowers and cached[1] == key:
            return cached[2]
        gaps = [0, *accumulate(not a for a in alpha)]
        # a term only in its own case ("US") written in lower case ("us") is the everyday word
        terms = [0, *accumulate(w in self.whole_terms and not (w in self.case_only and doc[k].text.islower())
                                for k, w in enumerate(lowers))]
        letters = [0, *accumulate(map(len, lowers))]
        doc.user_data["scribe_split_counts"] = (lowers, key, (gaps, terms, letters))
        return gaps, terms, letters

    def _meaning(self, words: list[str], exact_only: bool) -> str | None:
        """The name the words spell; a near-miss only over words no rule claimed, of enough words
        and letters, none a term of its own (an exact spelling over claimed words is a longer
        name, and the longest match wins)."""
        text = "".join(words)
        if text in self.names:
            return self.names[text]
        if exact_only:
            return None
        return self.near_miss(text)

    def _near_miss(self, text: str) -> str | None:
        """The one name ``text`` is a near-miss of, by spelling, else by sound; asked once per text
        (near_miss caches it: the same plain words recur from note to note)."""
        best = process.extract(text, self.keys, scorer=fuzz.ratio, limit=3, score_cutoff=self.threshold - SPLIT_MARGIN)
        if not best or best[0][1] < self.threshold:
            return self.sounds.get(sound_key(text))
        meaning = self.names[best[0][0]]
        if any(self.names[k] != meaning and best[0][1] - score < SPLIT_MARGIN for k, score, _ in best[1:]):
            return None
        return meaning


class FuzzyMatcher:
    def __init__(self, nlp: Language, threshold: float, min_length: int, margin: float):
        self.sides = LateralityFinder(nlp)
        self.threshold, self.min_length, self.margin = threshold, min_length, margin
        choices: dict[str, tuple[str, str]] = {}
        for t in vocab.techniques():
            if t.fuzzy:
                choices |= {term.lower(): ("technique", t.id) for term in t.terms if self._eligible(term)}
        for a in vocab.areas():
            if a.fuzzy:
                choices |= {term.lower(): ("area", a.reports) for term in a.terms if self._eligible(term)}
        self.choices = choices
        self.keys = list(choices)
        self.known = {"technique": vocab.known_words("techniques.jsonl"), "area": vocab.known_words("areas.jsonl")}
        self.lookup = lru_cache(maxsize=16384)(self._lookup)
        # technique names as a pair of words may be typed: two-word terms spaced, one-word terms joined
        spaced, joined = {}, {}
        for t in vocab.techniques():
            if t.fuzzy:
                for term in t.terms:
                    words = term.lower().split()
                    if len(words) == 2 and all(w.isalpha() for w in words) and term not in t.case_sensitive:
                        spaced[term.lower()] = ("technique", t.id)
                    elif len(words) == 1 and self._eligible(term):
                        joined[term.lower()] = ("technique", t.id)
        self.pair_choices = {"spaced": spaced, "joined": joined}
        self.whole_terms = vocab.whole_terms()
        self.pair_lookup = lru_cache(maxsize=16384)(self._pair_lookup)
        self.split_areas = SplitNames({t.lower(): a.id for a in vocab.areas() if a.fuzzy
                                       for t in a.terms if t not in getattr(a, "case_sensitive", ())}, **AREA_SPLIT)

    def _eligible(self, term: str) -> bool:
        return " " not in term and len(term) >= self.min_length and not term.isupper()

    def _lookup(self, word: str) -> tuple[str, str, float] | None:
        best = process.extract(word, self.keys, scorer=fuzz.ratio, limit=3, score_cutoff=self.threshold - self.margin)
        if not best or best[0][1] < self.threshold or best[0][1] >= 100:
            return None
        kind, target = self.choices[best[0][0]]
        if word in self.known[kind] or _prefixed(word, best[0][0]) or _other_ending(word, best[0][0]):
            return None
        for other, score, _ in best[1:]:
            if self.choices[other] != (kind, target) and best[0][1] - score < self.margin:
                return None  # ambiguous
        return kind, target, best[0][1]

    def _pair_lookup(self, first: str, second: str) -> tuple[str, str, float] | None:
        """The technique two typed words are a slip of, when one clearly is."""
        if first in self.whole_terms or second in self.whole_terms:
            return None
        guesses = []
        for form, text in (("spaced", f"{first} {second}"), ("joined", first + second)):
            choices = self.pair_choices[form]
            if text in choices and form == "joined":
                kind, target = choices[text]
                return kind, target, 100.0  # a one-word name said in two pieces: "intra oral"
            if text in choices:
                return None  # the exact name: the lists' own business
            guesses += [(score, choices[key]) for key, score, _ in process.extract(
                text, list(choices), scorer=fuzz.ratio, limit=3, score_cutoff=self.threshold - self.margin)
                if not any(_cut_or_extended(w, t) or fuzz.ratio(w, t) < _PAIR_WORD_SCORE
                           for w, t in zip(text.split(), key.split()))]
        guesses.sort(key=lambda g: -g[0])
        if not guesses or guesses[0][0] < self.threshold:
            return None
        if any(meaning != guesses[0][1] and guesses[0][0] - score < self.margin for score, meaning in guesses[1:]):
            return None  # ambiguous
        kind, target = guesses[0][1]
        return kind, target, guesses[0][0]

    def _pairs(self, doc: Doc, taken: set[int]) -> list[tuple]:
        """Two-word slips of technique names, on words no rule claimed."""
        found, used = [], set()
        lowers, alpha = words_of(doc)
        for i in range(len(doc) - 1):
            # plain lists first: a Token is built only for a pair of unclaimed words (most are not)
            if not (alpha[i] and alpha[i + 1]) or i in taken or i + 1 in taken or i in used or i + 1 in used:
                continue
            tok, nxt = doc[i], doc[i + 1]
            if not (tok.is_alpha and nxt.is_alpha) or tok.is_stop or nxt.is_stop:
                continue
            if len(tok.text) + len(nxt.text) < self.min_length or tok.whitespace_ != " ":
                continue
            match = self.pair_lookup(tok.lower_, nxt.lower_)
            if match is None:
                continue
            _, target, score = match
            used |= {tok.i, nxt.i}
            found.append((doc[tok.i : tok.i + 2], TechniqueHit(rule_id=f"{FUZZY_RULE}{target}:{score:.0f}", technique=target)))
        return found

    def __call__(self, doc: Doc) -> Doc:
        taken = {i for group in (TECHNIQUES, AREAS) for span in doc.spans.get(group, []) for i in range(span.start, span.end)}
        new_t, new_a = self._pairs(doc, taken), []
        taken |= {i for span, _ in new_t for i in range(span.start, span.end)}
        split = [(start, end, area) for start, end, area in self.split_areas.find(doc, taken)
                 if not any(i in taken for i in range(start, end))]
        taken |= {i for start, end, _ in split for i in range(start, end)}
        lowers, alpha = words_of(doc)
        for i, word in enumerate(lowers):
            if not alpha[i] or i in taken or len(word) < self.min_length - 1:
                continue  # plain lists first: a Token is built only for a long unclaimed word
            tok = doc[i]
            if len(tok.text) < self.min_length or tok.is_stop:
                continue
            match = self.lookup(tok.lower_)
            if match is None:
                continue
            kind, target, score = match
            rule = f"{FUZZY_RULE}{target}:{score:.0f}"
            if kind == "technique":
                new_t.append((doc[tok.i : tok.i + 1], TechniqueHit(rule_id=rule, technique=target)))
            else:
                new_a.append((tok.i, target, rule))
        if new_a or split:
            new_a = self._with_sides(doc, new_a, split)
        self._put(doc, new_t, new_a)
        return doc

    def _with_sides(self, doc: Doc, found: list[tuple[int, str, str]],
                    split: list[tuple[int, int, str]] = ()) -> list[tuple]:
        ends, starts = self.sides.find(doc)
        out = []
        spans = [(i, i + 1, target, rule) for i, target, rule in found]
        spans += [(s, e, vocab.area_by_id()[a].reports, f"{FUZZY_RULE}{vocab.area_by_id()[a].reports}:split") for s, e, a in split]
        for i, last, target, rule in spans:
            start, end, lat = i, last, Laterality.unspecified
            if i in ends:
                start, lat = ends[i]
            elif last in starts:
                end, lat = starts[last]
            regions = tuple(vocab.area_by_id()[target].regions)
            out.append((doc[start:end], AreaHit(rule_id=rule, area=target, laterality=lat, regions=regions)))
        return out

    def _put(self, doc: Doc, new_t: list, new_a: list) -> None:
        if new_t:
            put(doc, TECHNIQUES, list(hits(doc, TECHNIQUES)) + new_t)
        if new_a:
            put(doc, AREAS, list(hits(doc, AREAS)) + new_a)


def _cut_or_extended(word: str, term: str) -> bool:
    """ "reach" for "reaching": a word cut short or carried on past a term's word is another word
    of its family, not a slip; only the plural of a name ("deep tissues") keeps its meaning."""
    if word == term or word in (term + "s", term + "es"):
        return False
    return word.startswith(term) or term.startswith(word)


def _prefixed(word: str, term: str) -> bool:
    """ "retraction" is "traction" with a prefix: another word, not a slip of the ear or hand."""
    return len(word) > len(term) and word.endswith(term)


def _other_ending(word: str, term: str) -> bool:
    """ "ambulating" is "ambulation" with another ending (WORD_ENDING): a word of the same family
    (the client walking), not the term misheard."""
    common = 0
    for a, b in zip(word, term):
        if a != b:
            break
        common += 1
    endings = vocab.words("WORD_ENDING")
    return any(word[k:] in endings and term[k:] in endings for k in range(5, common + 1))


FUZZY_RULE = "fuzzy/"
# each word of a two-word slip is itself close to its word of the name ("pint" of "point"): one
# long word alike does not carry a short one that is another word ("continuous run" is no "continuous US")
_PAIR_WORD_SCORE = 75.0


@Language.factory(
    "scribe_fuzzy", default_config={"threshold": 88.0, "min_length": 6, "margin": 4.0}
)
def make_fuzzy(nlp: Language, name: str, threshold: float, min_length: int, margin: float) -> FuzzyMatcher:
    return FuzzyMatcher(nlp, threshold, min_length, margin)
