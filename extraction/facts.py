"""From the annotated Doc to ``models`` facts, each with its evidence span and audio time."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from extraction import vocab
from extraction.spans import AREAS, CONDITIONS, CUES, DURATIONS, PAIN, TECHNIQUES, hits, sentences
from models import (
    AreaFact,
    ConditionFact,
    Context,
    CueFact,
    CueKind,
    DurationFact,
    Evidence,
    Laterality,
    PainFact,
    PainTiming,
    TechniqueFact,
    Transcript,
)

PAIN_LOCATION_REACH = 10  # tokens between a score and the area it is about, at most
SOLE_AREA_REACH = 30  # tokens back to the one area a sentence names before its starting score
BROAD_AREA_MAX_REGIONS = 3  # a part of the body (the back, the spine) narrowed to a part named; never the whole body
_AFTER_SCORE = vocab.words("AREA_AFTER_SCORE")
_REACH = vocab.words("REACH_WORD")
_DETERMINERS = vocab.words("PROP_DETERMINER")


@dataclass(slots=True)
class Mention:
    """A fact and where it sits in the Doc: what linking works on."""

    fact: object
    start: int
    end: int
    sent: int


class FactBuilder:
    def __init__(self, doc: Doc, transcript: Transcript):
        self.doc, self.transcript = doc, transcript
        self.counts: dict[str, int] = {}
        self.timed = bool(transcript.segments)
        self.sent_of = sentences(doc).of
        self.mentions: list[Mention] = []
        self.area_at: dict[tuple[int, int], AreaFact] = {}
        self.area_starts: list[int] | None = None  # built on first use, once every area is in
        self.area_items: list[tuple[tuple[int, int], AreaFact]] = []
        self.area_longest = 0
        self.conditions_in: dict[int, list[Mention]] = {}  # sentence -> its condition mentions, in order
        # Area fact id -> token where the condition it belongs to is said ("neck and upper back pain").
        self.complaint_of: dict[str, int] = {}

    def evidence(self, start_char: int, end_char: int, rule_id: str) -> Evidence:
        span = self.transcript.time_span(start_char, end_char) if self.timed else None
        return Evidence(
            char_start=start_char,
            char_end=end_char,
            text=self.transcript.text[start_char:end_char],
            rule_id=rule_id,
            audio_start=span[0] if span else None,
            audio_end=span[1] if span else None,
        )

    def _id(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}{self.counts[prefix]}"

    def _add(self, fact, span: Span):
        mention = Mention(fact, span.start, span.end, self.sent_of[span.start])
        self.mentions.append(mention)
        if isinstance(fact, ConditionFact):
            self.conditions_in.setdefault(mention.sent, []).append(mention)
        return fact

    def build(self) -> list:
        doc = self.doc
        techniques = vocab.technique_by_id()
        for span, hit in hits(doc, TECHNIQUES):
            entry = techniques[hit.technique]
            ev = self.evidence(span.start_char, span.end_char, hit.rule_id)
            self._add(TechniqueFact(id=self._id("t"), evidence=ev, context=hit.context, technique=entry.id,
                                    label=entry.label, cpt=entry.cpt), span)
        areas = vocab.area_by_id()
        for span, hit in hits(doc, AREAS):
            ev = self.evidence(span.start_char, span.end_char, hit.rule_id)
            for n, one in enumerate((hit, *hit.more)):  # "the same areas": one fact per area referred to
                fact = AreaFact(id=self._id("a"), evidence=ev, context=hit.context, area=one.area,
                                label=areas[one.area].label, laterality=one.laterality, regions=list(one.regions))
                if n == 0:
                    self.area_at[(span.start, span.end)] = fact
                self._add(fact, span)
        for span, hit in hits(doc, DURATIONS):
            ev = self.evidence(span.start_char, span.end_char, hit.rule_id)
            self._add(DurationFact(id=self._id("d"), evidence=ev, context=hit.context, minutes=hit.minutes,
                                   minutes_max=hit.minutes_max, session_length=hit.session,
                                   timed_total=hit.session and hit.timed_total), span)
            if hit.session:
                self._add(CueFact(id=self._id("q"), evidence=ev, context=hit.context, cue=CueKind.session_length,
                                  label=f"{hit.minutes} minutes"), span)
        self._conditions()
        for span, hit in hits(doc, PAIN):
            self._pain(span, hit)
        for span, hit in hits(doc, CUES):
            ev = self.evidence(span.start_char, span.end_char, hit.rule_id)
            self._add(CueFact(id=self._id("q"), evidence=ev, context=hit.context, cue=hit.cue, label=hit.label), span)
        self.mentions.sort(key=lambda m: (m.start, m.end))
        return [m.fact for m in self.mentions]

    def _conditions(self) -> None:
        entries = vocab.condition_by_id()
        for span, hit in hits(self.doc, CONDITIONS):
            entry = entries[hit.condition]
            hedge = None
            if hit.hedge:
                words = self.doc[hit.hedge[0]:hit.hedge[1]]
                hedge = self.evidence(words.start_char, words.end_char, f"hedges/{hit.hedge[2]}")
            # Not an area of another context: ", pain 3/10 after" ends a plan that named "the hips".
            linked = [(a[0], self.area_at[a]) for a in hit.areas
                      if a in self.area_at and self.area_at[a].context == hit.context]
            if not linked:
                default = vocab.area_by_id().get(entry.area) if entry.area else None
                ev = self.evidence(span.start_char, span.end_char, hit.rule_id)
                self._add(ConditionFact(
                    id=self._id("c"), evidence=ev, context=hit.context, condition=entry.reports, label=entry.label,
                    area=default.id if default else None, laterality=hit.laterality,
                    regions=list(default.regions) if default else [], hedge=hedge), span)
                continue
            for a_start, area in linked:
                self.complaint_of.setdefault(area.id, span.start)
                side = area.laterality
                if side == Laterality.unspecified:
                    side = hit.laterality
                if side == Laterality.unspecified:
                    side = self._restated_side(area, a_start)
                lo = min(span.start_char, area.evidence.char_start)
                hi = max(span.end_char, area.evidence.char_end)
                ev = self.evidence(lo, hi, hit.rule_id)
                self._add(ConditionFact(
                    id=self._id("c"), evidence=ev, context=hit.context, condition=entry.reports, label=entry.label,
                    area=area.area, laterality=side, regions=area.regions, hedge=hedge), span)

    def _restated_side(self, area: AreaFact, start: int) -> Laterality:
        """The side of a complaint's area named without one, from the same area named again later in
        the sentence with a side: "down his leg, the sciatica, down the left, sorry, the right leg"
        (the restatement, or the correction, says which leg the complaint is about)."""
        sent = self.sent_of[start]
        for (s, _), other in self.area_at.items():
            if (s > start and other.area == area.area and self.sent_of[s] == sent
                    and other.context == area.context and other.laterality != Laterality.unspecified):
                return other.laterality
        return Laterality.unspecified

    def _pain(self, span: Span, hit) -> None:
        area = self._nearest_area(span)
        if area is not None:
            area = self._narrowed(area, span.start)
        location, regions = None, []
        if area is not None:
            location, regions = f"{area.laterality.prefix}{area.label}", area.regions
        else:  # "LBP 6/10": the area comes with the complaint
            sent = self.sent_of[span.start]
            said = [m.fact for m in self.conditions_in.get(sent, ()) if m.fact.area
                    and m.end <= span.start and m.fact.context == Context.performed]
            if said:
                c = said[-1]
                location = f"{c.laterality.prefix}{vocab.area_by_id()[c.area].label}"
                regions = c.regions
            elif hit.timing != PainTiming.after and (sole := self._sole_area_before(span)) is not None:
                sole = self._narrowed(sole, span.start)
                location, regions = f"{sole.laterality.prefix}{sole.label}", sole.regions
        ev = self.evidence(span.start_char, span.end_char, hit.rule_id)
        self._add(PainFact(id=self._id("p"), evidence=ev, context=hit.context, score=hit.score, timing=hit.timing,
                           location=location, regions=list(regions)), span)

    def _sole_area_before(self, span: Span) -> AreaFact | None:
        """The one area named before a score that is not an outcome, in its sentence or the one before,
        farther back than the nearest-area reach: "she's here for her neck, left side, desk job, she
        says it's a six today" rates the neck (the clause splitter cuts at ", she says"). With two
        different areas said there, the score could be either's: none."""
        self._index_areas()
        sent = self.sent_of[span.start]
        found: AreaFact | None = None
        n = bisect_left(self.area_starts, span.start) - 1
        while n >= 0 and span.start - self.area_items[n][0][0] <= SOLE_AREA_REACH:
            (start, end), fact = self.area_items[n]
            n -= 1
            if self.sent_of[start] < sent - 1:
                break
            if end > span.start or fact.context != Context.performed:
                continue
            if found is not None and (fact.area != found.area or fact.laterality != found.laterality):
                return None
            found = fact
        return found

    def _index_areas(self) -> None:
        if self.area_starts is None:  # areas in text order; built once every area is in
            self.area_starts = [start for start, _ in self.area_at]
            self.area_items = list(self.area_at.items())
            self.area_longest = max((end - start for start, end in self.area_at), default=0)

    def _narrowed(self, area: AreaFact, before: int) -> AreaFact:
        """The one part of a broad area the note named earlier: "her back was a six" in a note that
        spoke of the low back is the low back (the back spans thoracic and lumbar). With two parts
        named (upper and low back) the broad area stays, since either could be meant."""
        broad = set(area.regions)
        if len(broad) > BROAD_AREA_MAX_REGIONS:
            return area
        parts = {other.area: other for (start, _), other in self.area_at.items()
                 if start < before and other.context == Context.performed and other.regions
                 and set(other.regions) < broad and other.laterality == area.laterality}
        return next(iter(parts.values())) if len(parts) == 1 else area

    def _is_reach(self, start: int) -> bool:
        """Whether the area is said as how far a symptom spreads ("until the knee, 7/10", "till her
        elbow"): the limit of the pain's path, not the place the score is about."""
        at = start - 1
        if at >= 0 and self.doc[at].lower_ in _DETERMINERS:
            at -= 1
        return at >= 0 and self.doc[at].lower_ in _REACH

    def _nearest_area(self, span: Span) -> AreaFact | None:
        """The area a score is about: the nearest one said before it in its sentence, or one right
        after it behind a preposition ("7/10 in the low back")."""
        sent = self.sent_of[span.start]
        best, best_d = None, PAIN_LOCATION_REACH + 1
        self._index_areas()  # areas in text order; only those within reach can win
        lo = bisect_left(self.area_starts, span.start - PAIN_LOCATION_REACH - self.area_longest)
        hi = bisect_right(self.area_starts, span.end + PAIN_LOCATION_REACH)
        for (start, end), fact in self.area_items[lo:hi]:
            if self.sent_of[start] != sent or fact.context in (Context.negated, Context.other_person, Context.planned):
                continue
            if self._is_reach(start):
                continue
            if end <= span.start:
                d = span.start - end
            elif start >= span.end and all(t.lower_ in _AFTER_SCORE for t in self.doc[span.end : start]):
                d = start - span.end
            else:
                continue
            if d < best_d:
                best, best_d = fact, d
        return best
