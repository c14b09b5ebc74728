"""What components leave on a Doc: span groups plus a typed payload for each span.

Components write ``doc.spans[group]`` (so the hits show up in spaCy tooling) and keep the
values a span stands for (minutes, score, laterality...) in a payload keyed by group and
token offsets. The facts builder reads both; nothing else reaches into the Doc.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Iterable, Iterator

from spacy.attrs import IS_ALPHA, LOWER, SENT_START
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from models import Context, CueKind, Laterality, PainTiming, Region

TECHNIQUES = "scribe_techniques"
AREAS = "scribe_areas"
CONDITIONS = "scribe_conditions"
CUES = "scribe_cues"
DURATIONS = "scribe_durations"
PAIN = "scribe_pain"
# Groups whose spans the ConText component judges.
CONTEXT_TARGETS = (TECHNIQUES, AREAS, CONDITIONS, CUES, DURATIONS, PAIN)


@dataclass(slots=True)
class Hit:
    """Common to every payload: the rule that matched and the context ConText gave it."""

    rule_id: str
    context: Context = Context.performed


@dataclass(slots=True)
class TechniqueHit(Hit):
    technique: str = ""


@dataclass(slots=True)
class AreaHit(Hit):
    area: str = ""
    laterality: Laterality = Laterality.unspecified
    regions: tuple[Region, ...] = ()
    more: tuple["AreaHit", ...] = ()  # further areas the same words stand for ("the same areas")


@dataclass(slots=True)
class ConditionHit(Hit):
    condition: str = ""
    laterality: Laterality = Laterality.unspecified
    areas: tuple[tuple[int, int], ...] = ()  # token (start, end) of the area spans it is about
    hedge: tuple[int, int, str] | None = None  # token (start, end, rule id) of the word making it uncertain


@dataclass(slots=True)
class CueHit(Hit):
    cue: CueKind = CueKind.complaint
    label: str = ""


@dataclass(slots=True)
class DurationHit(Hit):
    minutes: int = 0
    minutes_max: int | None = None
    session: bool = False
    timed_total: bool = False  # the session reading came from a timed-services total ("total timed minutes")


@dataclass(slots=True)
class PainHit(Hit):
    score: int = 0
    timing: PainTiming = PainTiming.unspecified


@dataclass(slots=True)
class _Store:
    payloads: dict[tuple[str, int, int], Hit] = field(default_factory=dict)
    # each group's (span, payload) pairs as put: iterating a SpanGroup builds every Span anew, and
    # components read the same groups many times a note
    pairs: dict[str, list[tuple[Span, Hit]]] = field(default_factory=dict)


def _store(doc: Doc) -> _Store:
    store = doc.user_data.get("scribe")
    if store is None:
        store = doc.user_data["scribe"] = _Store()
    return store


def put(doc: Doc, group: str, spans: Iterable[tuple[Span, Hit]]) -> None:
    """Set a group's spans (sorted) and remember each span's payload."""
    pairs = sorted(spans, key=lambda p: (p[0].start, p[0].end))
    store = _store(doc)
    for span, hit in pairs:
        store.payloads[(group, span.start, span.end)] = hit
    doc.spans[group] = [s for s, _ in pairs]
    store.pairs[group] = pairs


def hits(doc: Doc, group: str) -> Iterator[tuple[Span, Hit]]:
    """The spans of a group with their payloads, in text order."""
    store = _store(doc)
    pairs = store.pairs.get(group)
    if pairs is None:
        pairs = store.pairs[group] = [(span, store.payloads[(group, span.start, span.end)])
                                      for span in doc.spans.get(group, [])]
    return iter(pairs)


# Markers the numbers component writes into NORM, so the rule patterns match them as a native
# attribute (an extension attribute in a Matcher pattern costs a Python call per token).
NUM, CLOCK, TEN, HEARD = "__num__", "__clock__", "__ten__", "__heard__"


@dataclass(slots=True)
class Numbers:
    """Values of the number tokens of a Doc, by token index."""

    value: dict[int, float] = field(default_factory=dict)  # "25", "twenty-five", "1.5", "4t5"
    clock: dict[int, int] = field(default_factory=dict)  # "2:10" -> minutes after midnight
    # "00:20:00", "1:00:00": a reading with seconds, as software exports an elapsed time -> its minutes
    stopwatch: dict[int, int] = field(default_factory=dict)
    ten: dict[int, int] = field(default_factory=dict)  # "7/10" -> 7
    asr_ten: dict[int, int] = field(default_factory=dict)  # Whisper's "710" or "5.10" -> 7, 5
    heard: dict[int, int] = field(default_factory=dict)  # "to" heard for "two" (mishearings.jsonl)


def numbers(doc: Doc) -> Numbers:
    table = doc.user_data.get("scribe_numbers")
    if table is None:
        table = doc.user_data["scribe_numbers"] = Numbers()
    return table


def text_of(doc: Doc) -> str:
    """The Doc's text, joined once: ``Doc.text`` joins every token's text again on each call."""
    text = doc.user_data.get("scribe_text")
    if text is None:
        text = doc.user_data["scribe_text"] = doc.text
    return text


def words_of(doc: Doc) -> tuple[list[str], list[bool]]:
    """Each token's lower-case text and whether it is alphabetic, read once per Doc (the
    near-miss windows read them for every start; slicing the Doc there cost more than matching)."""
    words = doc.user_data.get("scribe_words")
    if words is None or len(words[0]) != len(doc):
        # two columns in one array read: iterating the Doc builds a Token per word, twice
        strings = doc.vocab.strings
        rows = doc.to_array([LOWER, IS_ALPHA]).tolist() if len(doc) else []
        words = doc.user_data["scribe_words"] = ([strings[low] for low, _ in rows], [bool(a) for _, a in rows])
    return words


@dataclass(slots=True)
class Sentences:
    """Sentence bounds by token, computed once per Doc: ``Token.sent`` scans for its bounds on
    every call, which made per-match lookups quadratic on a long run-on transcript."""

    starts: list[int]
    ends: list[int]
    of: list[int]  # token index -> sentence number

    def bounds(self, i: int) -> tuple[int, int]:
        n = self.of[i]
        return self.starts[n], self.ends[n]


def sentences(doc: Doc) -> Sentences:
    """The sentences of a Doc as ``doc.sents`` gives them; cached until ``forget_sentences``."""
    sents = doc.user_data.get("scribe_sents")
    if sents is None:
        flags = doc.to_array(SENT_START).tolist() if len(doc) else []
        starts = [0] + [i for i, f in enumerate(flags) if f == 1 and i > 0] if flags else []
        ends = starts[1:] + [len(doc)] if starts else []
        of: list[int] = []
        for n, (a, b) in enumerate(zip(starts, ends)):
            of.extend([n] * (b - a))
        sents = doc.user_data["scribe_sents"] = Sentences(starts, ends, of)
    return sents


def forget_sentences(doc: Doc) -> None:
    """Called by every component that moves sentence starts or merges tokens."""
    doc.user_data.pop("scribe_sents", None)
    doc.user_data.pop("scribe_words", None)  # a merge changes the words, not always their count
    if "scribe" in doc.user_data:
        doc.user_data["scribe"].pairs.clear()  # spans put before a merge are read from the Doc again


def mark_sentence_starts(doc: Doc, starts) -> None:
    """Start a sentence at each token index, in one array write: Token.is_sent_start's setter
    scans the whole Doc each time it is called."""
    if not starts:
        return
    flags = doc.to_array([SENT_START])
    for i in starts:
        flags[i] = 1
    doc.from_array([SENT_START], flags)
    doc.user_data.pop("scribe_sents", None)  # only the sentences move: the words and spans stay as they were


def join_sentences(doc: Doc, starts) -> None:
    """Take back the sentence starts at these token indexes, in one array write: what the
    punctuation cut ends no sentence there."""
    if not starts:
        return
    flags = doc.to_array([SENT_START]).astype("int64")
    for i in starts:
        flags[i] = -1
    doc.from_array([SENT_START], flags.astype("uint64"))
    forget_sentences(doc)


def first_of(doc: Doc, lower_hashes: set[int]) -> int:
    """Index of the first token whose lower-case form is in ``lower_hashes``, else len(doc)."""
    for i, h in enumerate(doc.to_array(LOWER).tolist() if len(doc) else []):
        if h in lower_hashes:
            return i
    return len(doc)


def phrase_matcher(nlp, entries: Iterable[tuple[str, Iterable[str]]], attr: str = "LOWER") -> PhraseMatcher:
    """One PhraseMatcher for (key, terms) pairs; terms are tokenised like the text will be."""
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for key, terms in entries:
        docs = [nlp.make_doc(t if attr == "ORTH" else t.lower()) for t in terms]
        if docs:
            matcher.add(key, docs)
    return matcher


def longest(matches: Iterable[tuple[str, int, int]], join: bool = False) -> list[tuple[str, int, int]]:
    """Keep the longest of overlapping (key, start, end) matches; the earlier wins a tie.

    With ``join`` (vocabulary terms, whose key is their meaning), overlapping matches of one key
    are one phrase first: "cross friction" and "friction massage" make "cross friction massage",
    so no shorter reading of another key is left over ("massage")."""
    chosen: list[tuple[str, int, int]] = []
    taken: set[int] = set()
    for key, start, end in sorted(_joined(matches) if join else matches, key=lambda m: (m[1] - m[2], m[1])):
        if any(i in taken for i in range(start, end)):
            continue
        chosen.append((key, start, end))
        taken.update(range(start, end))
    return sorted(chosen, key=lambda m: m[1])


def _joined(matches: Iterable[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Matches of one key that overlap, joined into one (the joins are added, the parts stay)."""
    out = list(matches)
    by_key: dict[str, list[tuple[int, int]]] = {}
    for key, start, end in out:
        by_key.setdefault(key, []).append((start, end))
    for key, spans in by_key.items():
        if len(spans) < 2:
            continue
        spans.sort()
        start, end = spans[0]
        for s, e in spans[1:]:
            if s < end:
                if e > end:
                    end = e
                    out.append((key, start, end))
            else:
                start, end = s, e
    return out


def area_is_subject(doc: Doc, start: int, area_ends: set[int]) -> bool:
    """The words before ``start`` say it of a body part: back over the words that may lead a score
    (articles, hedges, describers, a quote mark) past a copula to an area's end ("the low back
    was a four", 'his neck was "a solid six'). Pain reads such a number as a rating with its pain
    context in its subject; durations, for the same reason, never as minutes."""
    crossed, copulas = _subject_words()
    k, copula = start, False
    while k > 0 and doc[k - 1].lower_ in crossed:
        k -= 1
        copula = copula or doc[k].lower_ in copulas
        if copula and k in area_ends:
            return True
    return False


def reported_score(doc: Doc, start: int) -> bool:
    """A number a reporting verb hands on, back over the words that may lead a score ("she said a
    solid seven", "rated it a good eight", "put it at a steady six"): what the client said, a
    rating, never minutes, as a number said of a body part is none (area_is_subject)."""
    crossed, _ = _subject_words()
    verbs = _report_verbs()
    k = start
    while k > 0 and start - k < 4 and doc[k - 1].lower_ in crossed:
        k -= 1
    return k < start and k > 0 and doc[k - 1].lower_ in verbs


def rates_complaint(doc: Doc, start: int, complaint_ends: set[int]) -> bool:
    """A number set off by a comma or dash right after a complaint ("her back's been killing her,
    a solid six", "knee aching - a good five"), back over the words that may lead a score: how bad
    the complaint is, a rating, never minutes (no technique is named between them)."""
    crossed, _ = _subject_words()
    k = start
    while k > 0 and start - k < 4 and doc[k - 1].lower_ in crossed:
        k -= 1
    if k == 0 or doc[k - 1].text not in _COMPLAINT_SEPARATORS:
        return False
    return k - 1 in complaint_ends


_COMPLAINT_SEPARATORS = frozenset({",", "-", "\u2013", "\u2014"})


def on_pain_scale(doc: Doc, end: int) -> bool:
    """A number followed by the pain scale it was read on ("a six on the FACES scale", "a 4 on the
    PAINAD", "a five on the pain scale"): a rating, never minutes, whoever scored it. The scales
    are the published names of token set PAIN_SCALE_NAME (self-report and observational)."""
    if end + 1 >= len(doc) or doc[end].lower_ != "on":
        return False
    k = end + 1
    if doc[k].lower_ in _SCALE_DETERMINERS:
        k += 1
    if k >= len(doc):
        return False
    word = doc[k].lower_
    if word in _scale_names():
        return True
    return word in ("pain", "point") and k + 1 < len(doc) and doc[k + 1].lower_ == "scale"


@cache
def _scale_names() -> frozenset[str]:
    from extraction import vocab

    return vocab.words("PAIN_SCALE_NAME")


_SCALE_DETERMINERS = frozenset({"a", "the", "her", "his", "their"})


@cache
def _report_verbs() -> frozenset[str]:
    from extraction import vocab

    return vocab.words("SCORE_REPORT_VERB")


@cache
def _subject_words() -> tuple[frozenset[str], frozenset[str]]:
    from extraction import vocab  # vocab imports no spans; kept local so spans loads with no pattern file

    return vocab.words("SCORE_LEAD_FILLER", "QUOTE_MARK", "SCORE_DESCRIBER"), vocab.words("COPULA")


def words_before(doc: Doc, start: int, n: int) -> list[str]:
    return words_of(doc)[0][max(0, start - n) : start]


def words_after(doc: Doc, end: int, n: int) -> list[str]:
    return words_of(doc)[0][end : end + n]


def phrase_at(doc: Doc, index: int, phrases: Iterable[str], before: bool) -> bool:
    """Whether one of the phrases ends right before ``index`` (before) or starts at it."""
    words = words_of(doc)[0]
    for phrase in phrases:
        parts = _split_phrase(phrase)
        if before:
            if index - len(parts) >= 0 and words[index - len(parts) : index] == parts:
                return True
        elif words[index : index + len(parts)] == parts:
            return True
    return False


@cache
def _split_phrase(phrase: str) -> list[str]:
    return phrase.lower().split()


def guarded_out(doc: Doc, start: int, end: int, entry) -> bool:
    """Whether neighbouring words cancel a vocabulary match ("came back", "massage therapist").

    A word that keeps the match when said before it keeps it as well when the match itself opens
    with it: "massage, full back, then ..." is the full back as much as "the full back then" is."""
    if getattr(entry, "never_before", None) and phrase_at(doc, end, entry.never_before, before=False) \
            and not phrase_at(doc, end, getattr(entry, "still_before", ()), before=False):
        return True
    if getattr(entry, "never_after", None) and phrase_at(doc, start, entry.never_after, before=True):
        return True
    if entry.unless_after and any(phrase_at(doc, i, entry.unless_after, before=True) for i in range(start, end)):
        return False
    if entry.not_after and phrase_at(doc, start, entry.not_after, before=True):
        return True
    return bool(entry.not_before) and phrase_at(doc, end, entry.not_before, before=False)
