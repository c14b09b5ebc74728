"""Clause starts inside run-on sentences: how Whisper writes a dictation ("..., 7 out of 10, 25
minutes of Swedish to the upper back, then 15 minutes of MFR ...").

Typed notes end their sentences; speech transcripts join a whole note with commas, so a
negation, a plan or a complaint would reach across what were separate sentences. A comma
followed by a clause opener (clauses.jsonl: "then", a duration heading a block, a subject, a
plan word) or by a technique that does not continue a list of techniques starts a new
sentence, which every later component (conditions, pain, ConText, linking) respects. When a
transcript has no punctuation at all, the pattern rules marked ``unpunctuated`` apply without
a comma.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.components.areas import LateralityFinder
from extraction.matching import AnchoredMatcher
from extraction.spans import AREAS, NUM, TECHNIQUES, hits, join_sentences, mark_sentence_starts, numbers

_COMMAS = {","}  # not dashes: "10–15 minutes" is a range
_SENTENCE_PUNCT = {",", ".", ";", "!", "?", ":"}
RUN_ON_TOKENS = 30  # a shorter text without punctuation is one plain sentence, not a run-on note
_RANGE_JOINS = vocab.words("RANGE_JOIN")


def unpunctuated(doc: Doc) -> bool:
    """A long text with no punctuation before its last token (Whisper with hotwords writes this),
    and a run-on: some line of it is as long as one. A note typed a sentence a line ("she came in
    at five out of ten" / "the back got half an hour of deep tissue") is punctuated by its line
    breaks, which already end its sentences; cutting its lines again at every opener word splits
    "half an hour" from what it measures."""
    if len(doc) < RUN_ON_TOKENS:
        return False
    ids = {doc.vocab.strings.add(p) for p in _SENTENCE_PUNCT}
    orths = doc.to_array(ORTH).tolist()[:-1]
    if any(orth in ids for orth in orths):
        return False
    strings, run = doc.vocab.strings, 0
    for orth in orths:
        run = 0 if "\n" in strings[orth] else run + 1
        if run >= RUN_ON_TOKENS:
            return True
    return False


def _inside_range(doc: Doc, start: int) -> bool:
    """ "10 to 15 minutes of": the second number belongs to the first."""
    return start >= 2 and doc[start - 1].lower_ in _RANGE_JOINS and doc[start - 2].norm_ == NUM


def _says_nothing_after(doc: Doc, start: int, named: list[int]) -> bool:
    """In a run-on note, an opener with no technique or area after it to the end of its line ("...
    chuck him on the bike next session"): the words close the clause before ("next session" says
    when the bike is for), they open none of their own."""
    k = bisect_left(named, start)
    line_end = next((t.i for t in doc[start:] if "\n" in t.text), len(doc))
    return k == len(named) or named[k] >= line_end


def _comma_ends(doc: Doc) -> list[int]:
    """Token indexes right after a comma, from the ORTH array (no Token objects built)."""
    ids = {doc.vocab.strings.add(c) for c in _COMMAS}
    return [i + 1 for i, orth in enumerate(doc.to_array(ORTH).tolist()[:-1]) if orth in ids]


class ClauseSplitter:
    def __init__(self, nlp: Language):
        self.rules = {r.id: r for r in vocab.load("clauses.jsonl")}  # type: ignore[attr-defined]
        self.matcher = AnchoredMatcher(
            nlp.vocab, [(r.id, vocab.expand_pattern(r.pattern)) for r in self.rules.values() if r.pattern]
        )
        self.new_technique = [r for r in self.rules.values() if r.new_technique]
        self.continuation = {tuple(t.split()) for t in vocab.link_words("continuation")}
        self.time_units = vocab.words("MINUTE", "HOUR", "PRIME")
        # "Lax ball on the left pec minor, trigger point release": the tool said with the areas is
        # still a heading of where, whose technique follows the comma
        self.area_joiners = vocab.words("LIST_JOINER", "SIDE_OR_OWNER", "AREA_HEADING_FILLER", "SOFT_TISSUE_TOOL")
        self.sides = LateralityFinder(nlp)
        self.serves_lead = vocab.words("SERVES_LEAD")

    def __call__(self, doc: Doc) -> Doc:
        bare = unpunctuated(doc)
        strings = doc.vocab.strings
        starts = set()
        headed = []  # starts of rules that leave a heading of areas before them to their clause
        named = ends = None
        for key, start, end in self._matches(doc, bare):
            rule = self.rules[strings[key]]
            if rule.opens_after:
                # "worse after yard work over the weekend moist heat lumbar spine ten minutes": with no
                # punctuation, a time phrase that closes a statement ends its clause when a service follows
                if bare and end < len(doc) and any(s.start == end for s, _ in hits(doc, TECHNIQUES)):
                    starts.add(end)
                continue
            if start > 0 and not doc[start - 1].text in _COMMAS and bare and rule.unpunctuated:
                if _inside_range(doc, start):
                    continue
                if rule.not_after_technique:
                    ends = ends if ends is not None else {s.end for s, _ in hits(doc, TECHNIQUES)}
                    if start in ends:
                        continue  # "gait training eleven minutes with a cane": its own minutes
                named = named if named is not None else sorted(s.start for group in (TECHNIQUES, AREAS) for s, _ in hits(doc, group))
                if _says_nothing_after(doc, start, named):
                    continue
            if start > 0 and (doc[start - 1].text in _COMMAS or (bare and rule.unpunctuated)):
                if rule.after_area_heading:
                    starts.add(start)
                else:
                    headed.append(start)
        for start in headed:
            opened = next((i for i in range(start - 1, 0, -1) if doc[i].is_sent_start or i in starts), 0)
            if not self._names_areas_only(doc, opened, start):
                starts.add(start)
        if self.new_technique:
            starts |= self._technique_starts(doc, starts)
        starts = {i for i in starts if 0 < i < len(doc)}
        join_sentences(doc, self._timed_list_items(doc))
        mark_sentence_starts(doc, starts)
        return doc

    def _timed_list_items(self, doc: Doc) -> list[int]:
        """Sentence starts after the semicolons of a list opened by a timed heading's colon ("TE
        38': towel scrunches; ankle alphabet; heel raises"): the semicolons part the items of
        one block, as commas do, up to the line's end or a full stop; they end no sentence."""
        ids = {doc.vocab.strings.add(";")}
        semis = [i for i, orth in enumerate(doc.to_array(ORTH).tolist()[:-1]) if orth in ids]
        joined: list[int] = []
        for i in semis:
            if not doc[i + 1].is_sent_start:
                continue
            lo = i
            while lo > 0 and not (doc[lo].is_sent_start and doc[lo - 1].text != ";"):
                lo -= 1  # back over the items before to where the list's line opened
            colon = next((k for k in range(lo, i) if doc[k].text == ":"), None)
            if colon is None or not self._has_minutes(doc, lo, colon + 1):
                continue
            if any("\n" in t.text or t.text in (".", "!", "?") for t in doc[colon:i]):
                continue
            joined.append(i + 1)
        return joined

    def _matches(self, doc: Doc, bare: bool) -> list[tuple[int, int, int]]:
        """(rule key, start, end) of the pattern rules; with punctuation, only right after commas."""
        if bare:
            return list(self.matcher(doc))
        after_comma = {i for i in _comma_ends(doc) if i < len(doc)}
        return list(self.matcher(doc, starts=after_comma))

    def _technique_starts(self, doc: Doc, starts: set[int]) -> set[int]:
        """A technique after a comma opens a clause when the clause so far named none ("denies
        low back pain, trP release to the glutes") or when the technique before it already had
        its minutes ("Swedish to the back x 30 min, trP to R rhomboids x 10 min"), unless it is
        of the same code family and has no minutes of its own: then it names what the timed
        block held ("ther ex 30 min, bridges, clamshells"). Otherwise it continues a list
        ("Sports massage to the calves, compression, tapotement, 40 minutes").

        Never without a comma: in "did no massage" the technique is the object of the negation.
        """
        out: set[int] = set()
        found = sorted(((s.start, s.end), vocab.technique_by_id()[h.technique].cpt) for s, h in hits(doc, TECHNIQUES))
        after_comma = set(_comma_ends(doc))
        previous: tuple[int, str] | None = None  # end and code family of the technique before
        for n, ((start, end), cpt) in enumerate(found):
            if start in after_comma:
                upto = found[n + 1][0][0] if n + 1 < len(found) else len(doc)
                stop = next((i for i in range(end, upto) if doc[i].is_sent_start or i in starts), upto)
                edges = [i for i in range(previous[0] if previous else 0, start + 1) if doc[i].is_sent_start or i in starts]
                if previous is None or edges:
                    # The clause so far named no technique. When it held minutes and this one has
                    # none of its own, the minutes were said for it ("[misheard name] for 18
                    # minutes, tandem stance and single leg balance"): it opens no clause.
                    # Nor when the clause opened on a verb of working on areas ("Worked gastroc and
                    # soleus on both legs, petrissage and compression"): the list says how.
                    opened = edges[-1] if edges else 0
                    lows = [t.lower_ for t in doc[opened : min(opened + 4, start)]]
                    worked = any(tuple(lows[k : k + len(w)]) == w for w in self.continuation for k in range(2))
                    if not worked and not self._names_areas_only(doc, opened, start) and not (
                        self._has_minutes(doc, opened, start) and not self._has_minutes(doc, end, stop)
                    ):
                        out.add(start)
                elif self._has_minutes(doc, previous[0], start):
                    serves = n + 1 < len(found) and found[n + 1][1] == previous[1] and self._serves(doc, end, found[n + 1][0][0])
                    if (cpt != previous[1] and not serves) or self._has_minutes(doc, end, stop):
                        out.add(start)
            previous = (end, cpt)
        return out

    def _serves(self, doc: Doc, end: int, nxt: int) -> bool:
        """An item of a timed block's list whose own words say it serves the block's code ("NMR 15 min
        - TrA activation, pallof press for lumbar motor control"): a purpose word and at most a few
        words (an area) before a technique of that code, nothing between that ends a phrase. The item
        is one more thing the block held, not a service of another code opening its own clause."""
        if nxt - end > 4 or end >= len(doc) or doc[end].lower_ not in self.serves_lead:
            return False
        return not any(t.is_punct or "\n" in t.text for t in doc[end:nxt])

    def _names_areas_only(self, doc: Doc, start: int, end: int) -> bool:
        """The clause so far names body areas and nothing else ("Low back and the backs of his legs,
        deep tissue, forty-five minutes"; "Right piriformis, trigger point work"): a heading of
        where, whose technique follows the comma; it opens no clause of its own."""
        covered = {i for span, _ in hits(doc, AREAS) if start <= span.start and span.end <= end for i in range(span.start, span.end)}
        if not covered:
            return False
        # "Glutes, both sides, trigger point work": a side phrase said after the areas is still where
        _, after = self.sides.find(doc)
        covered |= {i for s, (e, _) in after.items() if start <= s and e <= end for i in range(s, e)}
        return all(
            i in covered or doc[i].is_punct or doc[i].lower_ in self.area_joiners for i in range(start, end)
        )

    def _has_minutes(self, doc: Doc, start: int, end: int) -> bool:
        """A count with a time unit ("18 min") or a range of two times of day ("From 3:05 to 3:23,
        gait training"): either way the clause says how long."""
        clock = numbers(doc).clock
        return (any(t.norm_ == NUM and t.i + 1 < end and doc[t.i + 1].lower_ in self.time_units for t in doc[start:end])
                or (len(clock) > 1 and sum(1 for i in range(start, end) if i in clock) >= 2))


@Language.factory("scribe_clauses")
def make_clauses(nlp: Language, name: str) -> ClauseSplitter:
    return ClauseSplitter(nlp)
