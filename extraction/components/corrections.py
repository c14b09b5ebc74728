"""Self-corrections and retractions: "twenty, no, twenty-five minutes", "did cupping, actually no,
scratch that".

A dictation is spoken once and fixed aloud. When a correction marker (corrections.jsonl) comes
right after a fact and another fact of the same kind follows it closely, the speaker replaced
the first: it is marked negated (retracted), so it is kept as context and never billed or
scored. A retracted technique takes the minutes said for it ("ten minutes of cupping") along.
Runs last, after ConText, so its reading is final.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.spans import AREAS, DURATIONS, PAIN, TECHNIQUES, hits, longest, numbers, phrase_matcher, sentences
from models import Context, Laterality

_GROUPS = (TECHNIQUES, DURATIONS, PAIN, AREAS)
_HESITATIONS = vocab.words("SPOKEN_FILLER")
_REPLACEMENT_GAP = vocab.words("LIST_JOINER", "SIDE_OR_OWNER") - {"and", "or", "&", "+", "/"}


class CorrectionTagger:
    def __init__(self, nlp: Language):
        self.rules = vocab.load("corrections.jsonl")
        self.matcher = phrase_matcher(nlp, [(r.id, r.terms) for r in self.rules])  # type: ignore[attr-defined]
        self.reach = {r.id: (r.lead, r.follow) for r in self.rules}  # type: ignore[attr-defined]
        self.takes_back = {r.id for r in self.rules if r.takes_back}  # type: ignore[attr-defined]
        self.numbers_only = {r.id for r in self.rules if r.between_numbers}  # type: ignore[attr-defined]
        self.then_words = {r.id: vocab.words(r.then_set) for r in self.rules if r.then_set}  # type: ignore[attr-defined]
        # the words of the other markers: "... no, scratch that, that was Mrs. Lee" opens its sentence
        self.opening_words = frozenset(w for r in self.rules if not r.takes_back for t in r.terms  # type: ignore[attr-defined]
                                       for w in t.split() if w.isalpha())
        self.of_words = frozenset(vocab.link_words("duration_of")) | {"a", "an", "the", "about", "around"}

    def __call__(self, doc: Doc) -> Doc:
        markers = [(doc.vocab.strings[k], s, e) for k, s, e in self.matcher(doc)]
        markers = [m for m in markers if m[0] not in self.then_words
                   or (m[2] < len(doc) and doc[m[2]].lower_ in self.then_words[m[0]])]
        markers = [m for m in markers if m[0] not in self.numbers_only or _between_numbers(doc, m[1], m[2])]
        if not markers:
            return doc
        sents = sentences(doc)
        # "twenty no sorry twenty five": a marker between two numbers corrects the number, so it
        # never retracts the technique or the area said before it.
        numeric = {(s, e) for _, s, e in longest(markers) if _between_numbers(doc, s, e)}
        # "twenty minutes, scratch that, twenty-five": read as one corrected duration, its marker
        # fixed the count, not the technique said before it
        numeric |= {(s, e) for _, s, e in markers
                    if any(d.start <= s and e <= d.end for d, _ in hits(doc, DURATIONS))}
        # "TE 20 min - correction, 23 min: marching; LAQ": minutes said, the marker, then a count:
        # the count was corrected, not the technique, however many techniques the list names after
        numeric |= {(s, e) for _, s, e in markers if _minutes_then_number(doc, s, e)}
        of_names = [m for m in markers if not any(s <= m[1] and m[2] <= e for s, e in numeric)]
        for group in _GROUPS:
            spans = list(hits(doc, group))
            for n, (span, hit) in enumerate(spans[:-1]):
                nxt = spans[n + 1][0]
                marker = self._replaced(sents, span, nxt, markers if group in (DURATIONS, PAIN) else of_names)
                if marker is not None and group == AREAS and _refined(hit, spans[n + 1][1]):
                    continue  # "the leg, sorry, the right leg": the same area, now with its side
                if marker is not None:
                    if group == AREAS:
                        self._restore_replacement(doc, spans, n + 1, hit.context)
                    hit.context = Context.negated
                    if group == TECHNIQUES:
                        self._retract_minutes(doc, span)
                        for aspan, ahit in hits(doc, AREAS):  # "cupping on the shoulders, actually no"
                            if span.end <= aspan.start and aspan.end <= marker:
                                ahit.context = Context.negated
        self._denied_after_marker(doc, sents, markers)
        self._area_moved(doc, sents, of_names)
        self._taken_back(doc, sents, markers)
        return doc

    def _area_moved(self, doc: Doc, sents, markers) -> None:
        """"Massage to the neck, 18 minutes. ... Sorry, correction: the massage was to the low back,
        not the neck": a marker, then in its sentence the area meant and the area said before denied
        with "not". The earlier mention of the denied area is what the speaker takes back, however
        many words (a remark, a question) came between. When the correction names the technique,
        every mention of that area since that technique was said (within ``_NAMED_REACH``
        sentences) is taken back; otherwise the closest one before the marker, within
        ``_MOVED_REACH`` sentences."""
        areas = list(hits(doc, AREAS))
        techs = list(hits(doc, TECHNIQUES))
        for key, start, end in markers:
            if key in self.takes_back:
                continue
            lo, hi = sents.bounds(start)
            after = [(sp, h) for sp, h in areas if end <= sp.start < hi]
            denied = next((h for n, (sp, h) in enumerate(after) if h.context == Context.negated and n > 0
                           and after[n - 1][1].context == Context.performed and after[n - 1][1].area != h.area), None)
            if denied is None:
                continue
            named = next((h.technique for sp, h in techs if end <= sp.start < hi), None)
            said = [sp.start for sp, h in techs if named is not None and h.technique == named
                    and h.context == Context.performed and sp.end <= start
                    and sents.of[sp.start] >= sents.of[start] - _NAMED_REACH]
            first = said[-1] if said else sents.starts[max(0, sents.of[start] - _MOVED_REACH)]
            earlier = [h for sp, h in areas if h.area == denied.area and h.context == Context.performed
                       and first <= sp.start and sp.end <= start]
            for h in earlier if said else earlier[-1:]:
                h.context = Context.negated

    def _taken_back(self, doc: Doc, sents, markers) -> None:
        """"Ten minutes of gait with the walker... no, scratch that, that was my other patient": the
        speaker says the block just dictated was someone else's. Nothing replaces it, so the services
        and minutes said before the words, back to the sentence's start (or the previous sentence's,
        when the take-back opens its own after a break like "..."), are retracted."""
        for key, start, _ in markers:
            if key not in self.takes_back:
                continue
            if key in self.then_words and not any(
                    k not in self.takes_back and 0 <= start - e <= 3 for k, _, e in markers):
                continue  # "that was Mr. Lee's idea" alone takes nothing back: "scratch that, that was Mrs. Lee" does
            lo, _ = sents.bounds(start)
            if lo > 0 and all(t.is_punct or t.is_space or t.lower_ in self.opening_words for t in doc[lo:start]):
                lo, _ = sents.bounds(lo - 1)
            for group in (TECHNIQUES, DURATIONS):
                for span, hit in hits(doc, group):
                    if lo <= span.start and span.end <= start:
                        hit.context = Context.negated

    def _denied_after_marker(self, doc: Doc, sents, markers) -> None:
        """"Ultrasound to the ATFL, eight minutes, scratch that, no ultrasound today": a marker, then
        the same technique denied, in one sentence. The speaker took back the whole dictated block,
        however long its details ran before the marker, so the earlier mention is retracted and the
        minutes said between it and the marker go with it. Only the same technique, denied right
        after the marker, reaches that far back: a marker alone still reaches only its ``lead``.
        The denial may open a clause or a sentence of its own ("..., scratch that, we didn't do
        ultrasound today"; see ``_one_telling``)."""
        spans = list(hits(doc, TECHNIQUES))
        for (span, hit), (nxt, nxt_hit) in zip(spans, spans[1:]):
            if (hit.context != Context.performed or nxt_hit.context != Context.negated
                    or hit.technique != nxt_hit.technique):
                continue
            found = next(((s, e) for k, s, e in markers
                          if span.end <= s and e <= nxt.start and nxt.start - e <= self.reach[k][1]), None)
            if found is None or not _one_telling(doc, sents, span.start, found, nxt.start):
                continue
            marker = found[0]
            hit.context = Context.negated
            for dspan, dhit in hits(doc, DURATIONS):
                if span.end <= dspan.start and dspan.end <= marker:
                    dhit.context = Context.negated

    def _replaced(self, sents, span, nxt, markers) -> int | None:
        """Where the marker that replaces ``span`` by ``nxt`` starts, or None. A marker in a later
        sentence than ``span`` corrects ``span`` only when it opens that sentence ("a six. Sorry, a
        seven"); after other words ("a three by the end. Coming in the left, sorry, the right
        shoulder ...") it corrects those words."""
        lo, hi = sents.bounds(span.start)
        if nxt.start >= hi and nxt.start - span.end > 12:
            return None
        for key, start, end in markers:
            lead, follow = self.reach[key]
            # "twenty minutes, maybe twenty-two": a hedge that repairs a number may open the
            # minutes that replace it (the duration rules read "maybe twenty-two" whole)
            opens = start <= nxt.start < end and key in self.numbers_only
            if not (span.end <= start and (end <= nxt.start or opens)):
                continue
            if start >= hi and any(not (t.is_punct or t.is_space or t.lower_ in self.opening_words
                                        or t.lower_ in _HESITATIONS) for t in span.doc[hi:start]):
                continue
            if start - span.end <= lead and (opens or nxt.start - end <= follow):
                return start
        return None

    @staticmethod
    def _restore_replacement(doc: Doc, spans: list, k: int, meant: Context) -> None:
        """"Swedish on the low back and hips, no wait, not the hips, her glutes": the correction
        repeats the retracted area under a "not" and ends on the area meant. The "not" denies the
        repeat, not what replaces it: the last area of that chain, after a comma, takes the
        context the retracted one had."""
        while k + 1 < len(spans) and spans[k][1].context == Context.negated:
            cur, (nxt, nxt_hit) = spans[k][0], spans[k + 1]
            gap = doc[cur.end : nxt.start]
            if not gap or gap[0].text != "," or any(t.lower_ not in _REPLACEMENT_GAP and not t.is_punct for t in gap):
                return
            nxt_hit.context = meant
            k += 1

    def _retract_minutes(self, doc: Doc, span) -> None:
        """Minutes said right before the technique ("ten minutes of cupping") or right after it."""
        for dspan, dhit in hits(doc, DURATIONS):
            between_before = doc[dspan.end : span.start]
            between_after = doc[span.end : dspan.start]
            if (0 <= span.start - dspan.end <= 3 and all(t.lower_ in self.of_words for t in between_before)) or (
                0 <= dspan.start - span.end <= 2 and not any(t.text == "," for t in between_after)
            ):
                dhit.context = Context.negated


def _one_telling(doc: Doc, sents, first: int, marker: tuple[int, int], denial: int) -> bool:
    """The mention, the marker and the denial are one sentence, or the denial opens the sentence
    right after the marker's with nothing but punctuation between ("8 minutes, no, scratch that,
    we didn't do ultrasound today", where the new subject started a sentence)."""
    lo, hi = sents.bounds(first)
    if sents.bounds(denial) == (lo, hi):
        return True
    start, end = marker
    return (lo <= start and end <= hi and sents.bounds(denial)[0] == hi
            and all(t.is_punct or t.is_space for t in doc[end:hi]))


_MOVED_REACH = 2  # sentences back a correction "to the low back, not the neck" looks for the neck said
_NAMED_REACH = 4  # sentences back it looks for the technique it names ("the massage was to ...")


def _between_numbers(doc: Doc, start: int, end: int) -> bool:
    """A number (or a time: "1410-1430 -- correction, 1410-1433") right before the marker and right
    after it, punctuation aside. Minutes said whole before it count as its number ("about twenty
    minutes, maybe twenty-two"; "we got twenty minutes in, more like twenty-five"): the unit word,
    and the particle of "got N minutes in", stand between the count and the hedge."""
    k = start
    while k > 0 and (doc[k - 1].is_punct or doc[k - 1].lower_ in _AFTER_MINUTES):
        k -= 1
    before = doc[k - 1] if k > 0 and start - k <= 2 else None
    after = next((t for t in doc[end : end + 2] if not t.is_punct), None)
    table = numbers(doc)
    if before is None or after is None or not any(after.i in d for d in (table.value, table.clock)):
        return False
    if any(before.i in d for d in (table.value, table.clock)):
        return True
    # after whole minutes, the hedge restates them only when its number closes the clause: "twenty
    # minutes, maybe ten minutes of stretching" names a second block
    return any(d.end == before.i + 1 for d, _ in hits(doc, DURATIONS)) and _closes_clause(doc, after.i)


def _closes_clause(doc: Doc, i: int) -> bool:
    """The minutes said from token ``i`` (the number and its unit) end the clause."""
    end = next((d.end for d, _ in hits(doc, DURATIONS) if d.start <= i < d.end), i + 1)
    return end >= len(doc) or doc[end].is_punct and doc[end].text not in {"-", "/"}


_AFTER_MINUTES = {"in"}  # "we only got twenty minutes in, maybe twenty-two"


def _minutes_then_number(doc: Doc, start: int, end: int) -> bool:
    """Minutes counted right before the marker ("20 min - correction, 23 min") and a number right
    after it, punctuation aside: the marker fixes the count."""
    before = next((t for t in reversed(doc[max(0, start - 2) : start]) if not t.is_punct), None)
    after = next((t for t in doc[end : end + 2] if not t.is_punct), None)
    if before is None or after is None:
        return False
    table = numbers(doc)
    return (any(after.i in d for d in (table.value, table.clock))
            and any(d.start < before.i + 1 == d.end for d, _ in hits(doc, DURATIONS)))


def _refined(hit, nxt) -> bool:
    """The correction only adds the side the first area lacked: it stays, and a complaint said of it
    takes the side from the restatement (extraction/facts.py)."""
    return hit.area == nxt.area and hit.laterality == Laterality.unspecified != nxt.laterality


@Language.factory("scribe_corrections")
def make_corrections(nlp: Language, name: str) -> CorrectionTagger:
    return CorrectionTagger(nlp)
