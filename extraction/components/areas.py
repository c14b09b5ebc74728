"""Body areas with their laterality, mapped to the ten regions (domain.md section 6).

Laterality is read from the words right before the area ("left", "R", "bilateral") or right
after it ("on the left", "bilaterally"), is shared along a list ("left upper trap and
levator", "left QL and glutes"), and a plural of a paired part with no side said or shared
("calves") means both sides.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extraction import vocab
from extraction.spans import AREAS, AreaHit, guarded_out, longest, numbers, phrase_matcher, put
from models import Laterality

_LIST_JOINERS = vocab.words("LIST_JOINER")
_ELIDED_JOINERS = vocab.words("ELIDED_HEAD_JOINER")
_POSTURE_NOUNS = vocab.words("POSTURE_NOUN")
_COMPOUND_JOINERS = vocab.words("AREA_COMPOUND_JOINER")
_HEADING_CLOSE = vocab.words("AREA_HEADING_CLOSE")
_HYPHENS = {"-", "\u2010", "\u2011"}
_ROUTE_END = vocab.words("ROUTE_END_WORD")
_ROUTE_GAP = vocab.words("ROUTE_END_WORD", "RADIATING_FILLER")
ROUTE_GAP_MAX = 5  # words between an area and the end of the route it is said along, at most
_POSTPOSED = vocab.words("POSTPOSED_AREA_QUALIFIER")
_AID_NOUNS = vocab.words("AID_NOUN")
_PROPS = vocab.words("POSITIONING_PROP")
_PROP_PLACES = vocab.words("PROP_PLACE")
_PROP_DETERMINERS = vocab.words("PROP_DETERMINER")
_HEIGHT_WORDS = vocab.words("BODY_HEIGHT_WORD")
_LEVEL_WORDS = vocab.words("BODY_LEVEL_WORD")
_HEIGHT_PREPOSITIONS = vocab.words("HEIGHT_PREPOSITION")
_PROP_REST_PLACES = vocab.words("PROP_REST_PLACE")
_PROP_REST_DETERMINERS = vocab.words("PROP_REST_DETERMINER")
_RESISTANCE_CUES = vocab.words("RESISTANCE_CUE")
_SOURCE_PREPS = vocab.words("RESISTANCE_SOURCE_PREP")
_SOURCE_DETERMINERS = vocab.words("RESISTANCE_SOURCE_DETERMINER")
RESISTANCE_REACH = 8  # words from a resistance word to the "with" naming what gives the resistance, at most
_LYING_WORDS = vocab.words("LYING_POSTURE_WORD")
_TISSUE_PLACE_PREPS = vocab.words("TISSUE_PLACE_PREP")


class LateralityFinder:
    """Finds laterality phrases; shared by the areas and the conditions components."""

    def __init__(self, nlp: Language):
        rules = vocab.load("laterality.jsonl")
        self.rules = {r.id: r for r in rules}  # type: ignore[attr-defined]
        # "write leg": a side word's homophone counts where a side word does, right before an area
        self.lower = phrase_matcher(nlp, [(r.id, r.terms + vocab.homophone_variants(r.terms, settled_alone=r.position == "before"))  # type: ignore[attr-defined]
                                          for r in rules if not r.case_sensitive])  # type: ignore[attr-defined]
        self.exact = phrase_matcher(nlp, [(r.id, r.terms) for r in rules if r.case_sensitive], attr="ORTH")  # type: ignore[attr-defined]

    def find(self, doc: Doc) -> tuple[dict[int, tuple[int, Laterality]], dict[int, tuple[int, Laterality]]]:
        """Phrases that may precede an area, by end token, and that may follow one, by start token.

        The same for every component that asks (tokens do not change after the numbers
        component), so found once per Doc."""
        cached = doc.user_data.get("scribe_laterality")
        if cached is not None and cached[0] == len(doc):
            return cached[1]
        found = self._find(doc)
        doc.user_data["scribe_laterality"] = (len(doc), found)
        return found

    def _find(self, doc: Doc) -> tuple[dict[int, tuple[int, Laterality]], dict[int, tuple[int, Laterality]]]:
        strings = doc.vocab.strings
        ends: dict[int, tuple[int, Laterality]] = {}
        starts: dict[int, tuple[int, Laterality]] = {}
        for matcher in (self.lower, self.exact):
            for key, start, end in matcher(doc):
                rule = self.rules[strings[key]]
                if rule.before_pause and end < len(doc) and not (doc[end].is_punct or doc[end].is_space):
                    continue
                if rule.position == "before":
                    if end not in ends or ends[end][0] > start:
                        ends[end] = (start, rule.laterality)
                elif start not in starts or starts[start][0] < end:
                    starts[start] = (end, rule.laterality)
        return ends, starts


class AreaMatcher:
    def __init__(self, nlp: Language):
        entries = vocab.areas()
        self.by_id = vocab.area_by_id()
        mishearings = [m for m in vocab.load("mishearings.jsonl") if m.kind == "area"]  # type: ignore[attr-defined]
        self.matcher = phrase_matcher(
            nlp,
            [(f"areas/{e.id}", [t for t in e.terms if t not in e.case_sensitive]
              + vocab.homophone_variants(t for t in e.terms if t not in e.case_sensitive)) for e in entries]
            + [(f"mishearings/{m.id}", m.heard) for m in mishearings],
        )
        # Charting abbreviations that are also words ("UT", "FB") count only in capitals.
        self.exact = phrase_matcher(nlp, [(f"areas/{e.id}", vocab.cased_forms(e.case_sensitive)) for e in entries], attr="ORTH")
        self.target = {f"areas/{e.id}": e.reports for e in entries} | {f"mishearings/{m.id}": m.target for m in mishearings}
        # An entry that names parts of another area adds its words to that area's.
        self.plural: dict[str, set[str]] = {}
        self.qualified: dict[str, set[str]] = {}
        for e in entries:
            self.plural.setdefault(e.reports, set()).update(p.lower() for p in e.plural_terms)
            self.qualified.setdefault(e.reports, set()).update(t.lower() for t in e.qualified_terms)
        self.midline = {e.reports for e in entries if e.midline}
        # Every area term by its words, lower-cased: "mid" + "back" is a term of its own.
        self.by_term = {t.lower(): e.reports for e in entries for t in e.terms}
        self.sides = LateralityFinder(nlp)
        self.sided = {f"areas/{e.id}": {t.lower() for t in e.sided_terms} for e in entries if e.sided_terms}
        self.position = {f"areas/{e.id}": {t.lower() for t in e.position_terms} for e in entries if e.position_terms}
        self.units = {f"areas/{e.id}": {t.lower() for t in e.unit_terms} for e in entries if e.unit_terms}

    @staticmethod
    def _under_prop(doc: Doc, start: int) -> bool:
        """Whether the area is where a positioning prop went: "(a) bolster under (her) knees",
        "pillow between the knees", "towel roll behind the neck"."""
        at = start - 1
        if at >= 0 and doc[at].lower_ in _PROP_DETERMINERS:
            at -= 1
        if at < 1 or doc[at].lower_ not in _PROP_PLACES:
            return False
        return doc[at - 1].lower_ in _PROPS

    @staticmethod
    def _on_prop(doc: Doc, end: int) -> bool:
        """Whether the area is said resting on a positioning prop: "legs on a bolster", "knees over
        the wedge", "feet up on pillows" (the prop after the area, where _under_prop has it before)."""
        at = end
        if at < len(doc) and doc[at].lower_ == "up":
            at += 1
        if at >= len(doc) or doc[at].lower_ not in _PROP_REST_PLACES:
            return False
        at += 1
        if at < len(doc) and doc[at].lower_ in _PROP_REST_DETERMINERS:
            at += 1
        return at < len(doc) and doc[at].lower_ in _PROPS

    @staticmethod
    def _lain_on(doc: Doc, start: int) -> bool:
        """Whether the area is what the client lay on: "lying on her back", "laid flat on the back",
        "sleeps on his stomach" name a position (supine, prone), not an area treated."""
        at = start - 1
        if at >= 0 and doc[at].lower_ in _PROP_DETERMINERS:
            at -= 1
        if at < 1 or doc[at].lower_ not in _PROP_REST_PLACES:
            return False
        at -= 1
        if doc[at].lower_ == "flat" and at > 0:
            at -= 1
        return doc[at].lower_ in _LYING_WORDS

    @staticmethod
    def _resistance_source(doc: Doc, start: int) -> bool:
        """Whether the area is what gives an exercise its resistance: "resisted jaw opening with
        fingertip", "isometric neck flexion against her palm", "resistance from the therapist's
        hand": a hand or finger used as the weight is, not an area worked on."""
        at = start - 1
        while at >= 0 and doc[at].lower_ in _SOURCE_DETERMINERS:
            at -= 1
        if at < 1 or doc[at].lower_ not in _SOURCE_PREPS:
            return False
        for i in range(at - 1, max(-1, at - 1 - RESISTANCE_REACH), -1):
            tok = doc[i]
            if tok.lower_ in _RESISTANCE_CUES:
                return True
            if (tok.is_punct and tok.text not in _HYPHENS) or tok.is_space:
                return False
        return False

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        ends, starts = self.sides.find(doc)
        found: list[list] = []  # [span start, span end, area id, laterality, rule id, core start, core end]
        hits = [*self.matcher(doc), *self.exact(doc)]
        kept = longest((strings[k], s, e) for k, s, e in hits)
        posture = _posture_tied(doc, kept)
        area_starts = {s for _, s, _ in kept} if self.position else set()
        for key, start, end in kept:
            area = self.target[key]
            rule = self.by_id[key.removeprefix("areas/")] if key.startswith("areas/") else self.by_id[area]
            if end in area_starts and doc[start:end].text.lower() in self.position.get(key, ()):
                if start in ends:  # "L lat hamstring": the side said before it is the next area's
                    ends.setdefault(end, ends[start])
                continue  # "lat thigh", "lat retinaculum": the position word of the next area, not the lats
            if guarded_out(doc, start, end, rule):
                continue
            if key in self.units and doc[start:end].text.lower() in self.units[key] and _after_distance_count(doc, start):
                continue  # "long toss out to ninety feet": a distance, not the part
            if start in posture:
                continue  # "rounded shoulder posture", "head/neck alignment": a finding, not an area treated
            if end < len(doc) and doc[end].lower_ in _AID_NOUNS:
                continue  # "heel raises with fingertip support", "lumbar support": the aid, not an area treated
            if _names_height(doc, start, end):
                continue  # "a basket onto a shelf at chest height", "reach to shoulder level": a height, not an area treated
            if self._resistance_source(doc, start):
                continue  # "resisted jaw opening with fingertip": what resisted, not an area treated
            if self._under_prop(doc, start):
                continue  # "a bolster under her shins": where a prop was placed, not an area treated
            if self._on_prop(doc, end):
                continue  # "supine w/ legs on bolster": how the client lay, not an area treated
            if self._lain_on(doc, start):
                continue  # "bracing lying on the back": the supine position, not an area treated
            if doc[start:end].text.lower() in self.sided.get(key, ()) and start not in ends:
                continue  # "should" is shoulder only after a side: "lt should pain", never "she should rest"
            area, end = self._postposed_qualifier(doc, area, start, end)
            lat, s, e = Laterality.unspecified, start, end
            if start in ends:
                s, lat = ends[start]
            elif end in starts:
                e, lat = starts[end]
            found.append([s, e, area, lat, key, start, end])
        self._elided_heads(doc, found, ends)
        found = self._qualified_heads(doc, found)
        found = self._route_ends(doc, found)
        _share_along_lists(doc, found, self.midline)
        for item in found:  # a side shared along the list comes first: "left QL and glutes"
            if item[3] == Laterality.unspecified and doc[item[5] : item[6]].text.lower() in self.plural[item[2]]:
                item[3] = Laterality.bilateral
        spans = []
        last_end = -1
        for s, e, area, lat, key, core_s, core_e in found:
            s = max(s, last_end, 0)  # a shared "left" is evidence for the first area only
            if s >= core_e:
                s = core_s
            span = Span(doc, s, e)
            last_end = e
            spans.append(
                (span, AreaHit(rule_id=key, area=area, laterality=lat, regions=tuple(self.by_id[area].regions)))
            )
        put(doc, AREAS, spans)
        return doc

    def _postposed_qualifier(self, doc: Doc, area: str, start: int, end: int) -> tuple[str, int]:
        """A position word said after the area, in the word order of a speaker whose first language
        puts the adjective last ("pain in the back low", "the trapezius upper"): the word moved in
        front makes an area term of its own, which is the area meant."""
        if end >= len(doc) or doc[end].lower_ not in _POSTPOSED:
            return area, end
        if end + 2 < len(doc) and doc[end + 1].lower_ in _ELIDED_JOINERS and doc[end + 2].lower_ in _POSTPOSED:
            return area, end  # "the back upper and lower": both parts, which the area said already names
        moved = self.by_term.get(" ".join([doc[end].lower_] + [t.lower_ for t in doc[start:end]]))
        return (moved, end + 1) if moved and moved != area else (area, end)

    def _route_ends(self, doc: Doc, found: list[list]) -> list[list]:
        """A broad area said as the way to a narrower part of itself ("long strokes down the spine to
        the low back", "along the back into the lumbar region") names where the work went: the part at
        the route's end. The broad area yields to it, so the spine's neck is not claimed by strokes
        that never reached it. A route between areas that do not contain each other keeps both ends."""
        if len(found) < 2:
            return found
        out: list[list] = []
        for n, item in enumerate(found):
            nxt = found[n + 1] if n + 1 < len(found) else None
            if nxt is not None and 0 < nxt[0] - item[1] <= ROUTE_GAP_MAX:
                gap = doc[item[1] : nxt[0]]
                broad, part = set(self.by_id[item[2]].regions), set(self.by_id[nxt[2]].regions)
                if (part < broad and any(t.lower_ in _ROUTE_END for t in gap)
                        and all(t.lower_ in _ROUTE_GAP for t in gap)):
                    continue
            out.append(item)
        return out

    def _qualified_heads(self, doc: Doc, found: list[list]) -> list[list]:
        """A generic tissue word right after an area takes that area's place: "mid-back paraspinals",
        "t spine erectors" are the thoracic region, not the whole back. The area before it is kept
        with the span of both, and the side said after the tissue word ("... paraspinals bilaterally")."""
        out: list[list] = []
        for n, item in enumerate(found):
            prev = out[-1] if out else None
            generic = doc[item[5] : item[6]].text.lower() in self.qualified[item[2]]
            if prev is not None and generic and prev[6] == item[5] and prev[2] != item[2]:
                prev[1] = max(prev[1], item[1])
                if prev[3] == Laterality.unspecified:
                    prev[3] = item[3]
                continue
            if generic and n + 1 < len(found) and self._placed_after(doc, item, found[n + 1]):
                nxt = found[n + 1]
                if nxt[3] == Laterality.unspecified:
                    nxt[3] = item[3]
                continue  # "the paraspinals in her neck": the neck's paraspinals, not the whole back
            out.append(item)
        return out

    @staticmethod
    def _placed_after(doc: Doc, item: list, nxt: list) -> bool:
        """Whether a generic tissue word is placed by an area said right after it with a preposition
        of place ("paraspinals in her neck", "erectors of the low back"): the word order of a speaker
        who names the tissue first, where "cervical paraspinals" names the area first."""
        gap = doc[item[6] : nxt[0]]
        if not 1 <= len(gap) <= 2 or gap[0].lower_ not in _TISSUE_PLACE_PREPS or nxt[2] == item[2]:
            return False
        return len(gap) == 1 or gap[1].lower_ in _PROP_DETERMINERS

    def _elided_heads(self, doc: Doc, found: list[list], ends: dict[int, tuple[int, Laterality]]) -> None:
        """An area whose head noun is said once for two modifiers: "mid and low back", "upper to
        lower traps", "cervical and thoracic paraspinals". The modifier before the joiner, with
        the head of the area after it, is an area term of its own; it is added as that area."""
        taken = {i for item in found for i in range(item[5], item[6])}
        added = []
        for item in found:
            core_s, core_e = item[5], item[6]
            if core_e - core_s < 2 or core_s < 2 or doc[core_s - 1].lower_ not in _ELIDED_JOINERS:
                continue
            at = core_s - 2
            if at in taken:
                continue
            area = self.by_term.get(" ".join([doc[at].lower_] + [t.lower_ for t in doc[core_s + 1 : core_e]]))
            if area is None or area == item[2]:
                continue
            s, lat = ends.get(at, (at, Laterality.unspecified))
            added.append([s, at + 1, area, lat, f"areas/{area}", at, at + 1])
        if added:
            found.extend(added)
            found.sort(key=lambda item: item[5])


def _names_height(doc: Doc, start: int, end: int) -> bool:
    """The area is said as a height the client reached or lifted to: a height word right after it
    ("chest height", "waist-high"), or a level word after it with a preposition before it ("at
    shoulder level", "above head level"). A spinal level ("L4 level") has no preposition of height."""
    at = end + 1 if end + 1 < len(doc) and doc[end].text == "-" else end
    if at >= len(doc):
        return False
    word = doc[at].lower_
    if word in _HEIGHT_WORDS:
        return True
    return word in _LEVEL_WORDS and start > 0 and doc[start - 1].lower_ in _HEIGHT_PREPOSITIONS


def opening_heading(doc: Doc) -> Span | None:
    """The body area the note opens on, said alone as its heading ("Neck, desk job. Seven today.";
    "Right shoulder, the tennis player."; "Mid back today, ..."): the area the client came in with.
    Closed by punctuation other than a joining hyphen, or by a word such as "today"."""
    first = next((s for s in doc.spans.get(AREAS, []) if s.start == 0), None)
    if first is None or first.end >= len(doc):
        return None
    tok = doc[first.end]
    return first if (tok.is_punct and tok.text not in _HYPHENS) or tok.lower_ in _HEADING_CLOSE else None


def _posture_tied(doc: Doc, hits: list[tuple[str, int, int]]) -> set[int]:
    """Starts of the areas said as a posture or alignment finding: the area right before a posture
    word ("forward head posture") and those joined to it as one compound ("head/neck alignment",
    "neck/shoulder posture", said aloud "head and neck alignment"). Only looked at where a posture word follows an area."""
    tied: set[int] = set()
    nxt_start = -1  # start of the tied area after the current one, walking backwards
    for _, start, end in reversed(hits):
        if end < len(doc) and doc[end].lower_ in _POSTURE_NOUNS:
            tied.add(start)
            nxt_start = start
        elif nxt_start == end + 1 and doc[end].lower_ in _COMPOUND_JOINERS:
            tied.add(start)
            nxt_start = start
        else:
            nxt_start = -1
    return tied


def _share_along_lists(doc: Doc, found: list[list], midline: set[str]) -> None:
    """A side said once for a list of areas applies to each area of the list that has none;
    "both" never makes a midline area bilateral ("both calves and the neck")."""
    def takes(item: list, side: Laterality) -> bool:
        return item[3] == Laterality.unspecified and not (side == Laterality.bilateral and item[2] in midline)

    for i in range(1, len(found)):
        prev, cur = found[i - 1], found[i]
        between = doc[prev[6] : cur[5]]
        if not between or not all(t.lower_ in _LIST_JOINERS for t in between):
            continue
        if takes(cur, prev[3]) and prev[3] != Laterality.unspecified and prev[0] < prev[5]:
            cur[3] = prev[3]  # "left upper trap and levator"
        elif takes(prev, cur[3]) and cur[3] != Laterality.unspecified and cur[1] > cur[6]:
            prev[3] = cur[3]  # "upper trap and levator on the left"


@Language.factory("scribe_areas")
def make_areas(nlp: Language, name: str) -> AreaMatcher:
    return AreaMatcher(nlp)


_DISTANCE_COUNT = (2, 10000)  # above "two feet" (the part, both of them), below a five-digit billing code


def _after_distance_count(doc: Doc, start: int) -> bool:
    """A count right before a unit term: a distance or a weight, not the part. In words a count of
    more than two ("ninety feet", "200 feet": "one foot", "two feet" are the part; "97140 foot" is a
    code and the part); a unit charted in capitals ("2 LB", "15 LB") after any count below a code."""
    value = numbers(doc).value.get(start - 1) if start > 0 else None
    if value is None or value >= _DISTANCE_COUNT[1]:
        return False
    return doc[start].text.isupper() or value > _DISTANCE_COUNT[0]
