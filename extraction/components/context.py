"""ConText (Harkema et al. 2009) over every extracted span: negated, planned, historical, other person.

Rules are data (context.jsonl): trigger phrases with a category, a direction and a maximum
scope in tokens; pseudo-triggers ("no change") that look like triggers but are not; and
terminators ("but", "today", "did") that end a scope, for all or some categories. A rule
may give a token pattern instead of terms: in a run-on transcript a score after a comma
(", pain 3 out of 10 after") is a new statement about this session, not part of the plan
said before it; a terminator pattern ends scopes at its first token, the comma. A scope
never leaves its sentence. A trigger marked ``coordinated`` carries its scope over a
coordination to the next item of a list ("next visit we will do thirty minutes of deep tissue
to the back and fifteen minutes of trigger point"), each hop as long as its max_scope, until a
word that starts a performed statement ("and we did ..."). When several scopes cover a span,
the first category of ``PRIORITY`` wins: "will not do cupping" is negated, not planned.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.matching import AnchoredMatcher
from extraction.spans import (
    AREAS,
    CONDITIONS,
    CONTEXT_TARGETS,
    CUES,
    DURATIONS,
    PAIN,
    TECHNIQUES,
    Sentences,
    words_of,
    hits,
    longest,
    phrase_matcher,
    sentences,
)
from models import Context, CueKind

PRIORITY = (Context.negated, Context.other_person, Context.historical, Context.planned)
# A score is a score: "no pain today, zero out of ten" gives 0, it does not negate the rating.
NOT_NEGATED = {PAIN}
_KIND_GROUP = {"technique": TECHNIQUES, "area": AREAS, "condition": CONDITIONS, "cue": CUES, "duration": DURATIONS,
               "pain": PAIN}
_FULL_STOPS = {".", "!", "?", ";", "\n"}  # what ends a written sentence, not a clause
LIST_ITEM_MAX = 4  # tokens of one item in a comma list a negation runs through ("recent injury")
SCORE_LABEL_REACH = 3  # filler words between a pain word and the score it labels ("pain level : 0/10")
KIN_OWNER_REACH = 3  # words between a possessive and the complaint it owns ("his bad left knee")
REPORTER_REACH = 3  # words from a reporter ("he says") to the score it reports ("he says it's a nine")
KIN_REPORT_REACH = 16  # words back from the reporter to the relative it stands for, within the written sentence
SCORE_OWNER_REACH = 10  # words back from a score to the complaint it rates ("c/o his R shoulder, says it's a 7")
KIN_SCORE_GAP = 2  # words between an owned area and the score rating it ("his knee is an eight")
_POSSESSIVE_GENDER = {"his": "male", "her": "female", "hers": "female"}
_CLIENT_OBJECT = {"her", "him", "them"}  # the one a third party rates ("the aide scored her a 4")
_BACK_BOUNDARY = {";", "."}  # what a refers-back trigger reaches over to its pronoun's antecedent
FRAME_LEAD_MAX = 5  # lead words before a sentence's opening frame ("So, um, the last time ...", "Oh, and last time")


class ContextTagger:
    def __init__(self, nlp: Language):
        self.rules = {r.id: r for r in vocab.load("context.jsonl")}  # type: ignore[attr-defined]
        self.matcher = phrase_matcher(nlp, [(r.id, r.terms) for r in self.rules.values() if r.terms])
        self.frame_lead = vocab.words("FRAME_LEAD")
        self.absence_openers = vocab.words("ABSENCE_OPENER")
        self.frame_through = vocab.words("FRAME_THROUGH")
        self.pain_words = vocab.words("PAIN_WORD")
        self.pain_fillers = vocab.words("PAIN_FILLER", "MARKUP_FILLER")  # "**Pain:** 0/10": emphasis is filler
        self.kin_male, self.kin_female = vocab.words("KIN_MALE"), vocab.words("KIN_FEMALE")
        male, female = vocab.words("SUBJECT_PRONOUN_MALE"), vocab.words("SUBJECT_PRONOUN_FEMALE")
        # the pronoun that cannot stand for a relative of each gender (_kin_cut)
        self.pronouns_other_gender = {**{k: female for k in self.kin_male}, **{k: male for k in self.kin_female}}
        self.kin_reporter = KinReporter()
        self.third_parties = vocab.words("KIN_MALE", "KIN_FEMALE", "THIRD_PARTY")
        self.client_words = vocab.words("CLIENT_NOUN")
        self.saying = vocab.words("SAYING_VERB")
        self.rating = vocab.words("RATE_WORD")
        self.patterns = AnchoredMatcher(
            nlp.vocab, [(r.id, vocab.expand_pattern(r.pattern)) for r in self.rules.values() if r.pattern]
        )

    def __call__(self, doc: Doc) -> Doc:
        self._zero_score_labels(doc)
        self._kin_complaints(doc)
        _mark_named_others(doc)
        strings = doc.vocab.strings
        triggers, terminators, coordinations, same_subject = [], [], [], set()
        raw = [(strings[k], s, e) for matcher in (self.matcher, self.patterns) for k, s, e in matcher(doc)]
        sents = sentences(doc)
        # A frame that must open its sentence and does not is no trigger here, so it must not hide a
        # shorter rule inside it either ("...about ten years ago": "years ago" still looks back).
        raw = [(k, s, e) for k, s, e in raw if not self.rules[k].opens_sentence or self._opens(doc, sents, s)]
        kept = {(s, e) for _, s, e in longest(raw)}
        # A terminator inside a longer terminator of other categories still ends its own ("last
        # week, VAS 5/10": the comma ends the history though ", VAS 5/10" ends only plans); only a
        # longer trigger or pseudo-trigger hides it.
        kept |= _terminators_under_terminators(raw, kept, self.rules)
        area_scored = None  # where an area rated by a score starts, found once when first needed
        for key, start, end in raw:  # a phrase in two rules ("last visit": forward and backward) keeps both
            rule = self.rules[key]
            if (start, end) not in kept:
                continue
            if rule.category == "terminate":
                if rule.before_area_score:
                    if area_scored is None:
                        area_scored = _area_score_starts(doc)
                    if not _opens_area_score(doc, end, area_scored):
                        continue
                # A pattern names what follows the boundary (", pain 3/10"); the boundary is its first
                # token, so a trigger later in the new statement ("in four weeks") still reaches back.
                terminators.append((start, start + 1 if rule.pattern else end, rule))
            elif rule.category == "coordinate":
                coordinations.append((start, end))
                if rule.same_subject:
                    same_subject.add(start)
            elif rule.category != "pseudo":
                triggers.append((start, end, rule))
        if coordinations:
            # "between ten and fifteen minutes": the "and" inside one reading of minutes joins the
            # ends of a range, no items of a list a trigger before it opened
            inside = [(span.start, span.end) for span, _ in hits(doc, DURATIONS) if span.end - span.start > 2]
            if inside:
                coordinations = [(s, e) for s, e in coordinations if not any(lo < s and e < hi for lo, hi in inside)]
        if any(r.category == "pseudo" for k, s, e in raw if (s, e) in kept for r in [self.rules[k]]):
            pseudo = {(s, e) for k, s, e in raw if self.rules[k].category == "pseudo"}
            triggers = [t for t in triggers if (t[0], t[1]) not in pseudo]
        # A trigger word read as part of a body area is the area: "lt should pain" is the left shoulder
        # typed short, not a plan ("should" as a verb opens one).
        area_spans = sorted((span.start, span.end) for span, _ in hits(doc, AREAS))
        if area_spans:
            area_starts = [a for a, _ in area_spans]
            triggers = [t for t in triggers if not _within(area_spans, area_starts, t[0], t[1])]
        if not triggers:
            return doc
        terminators += self._absence_list_ends(doc)
        stops = _Terminators(terminators, sorted(coordinations), [i for i, w in enumerate(words_of(doc)[0]) if w == ","],
                             same_subject)
        # A sentence's opening frame reaches past the commas and asides of its own clause ("the last
        # time she came in, like a month ago, she was an eight"; "last time, which was in May, it
        # was mostly Swedish"): only another worded terminator ends it.
        frame_stops = _Terminators([t for t in terminators if doc[t[0]].lower_ not in self.frame_through], [])
        # Each scope reaches at most max_scope (<= 60) tokens, so the scopes that may hold a
        # span's start are found by bisecting on where the scopes begin: linear in the text.
        scopes = sorted(
            (lo, hi, n)
            for n, (start, end, rule) in enumerate(triggers)
            for lo, hi in self._scope(doc, sents, start, end, rule,
                                      frame_stops if rule.opens_sentence or rule.through_commas else stops,
                                      subject=bool(rule.coordinated and same_subject and self._opens(doc, sents, start)))
            for hi in [self._kin_cut(doc, start, end, rule, lo, hi)]
        )
        scope_starts = [lo for lo, _, _ in scopes]
        reach = max((hi - lo for lo, hi, _ in scopes), default=0)
        by_start = sorted(range(len(triggers)), key=lambda n: triggers[n][0])
        trigger_starts = [triggers[n][0] for n in by_start]
        # An area said as part of a complaint ("low back pain", "pain in the left foot") is read with it.
        complaint_areas = {a for _, hit in hits(doc, CONDITIONS) for a in hit.areas}
        for group in CONTEXT_TARGETS:
            for span, hit in hits(doc, group):
                groups = {group, CONDITIONS} if group == AREAS and (span.start, span.end) in complaint_areas else {group}
                at = span.start
                own = {
                    Context(triggers[n][2].category)
                    for n in by_start[bisect_left(trigger_starts, span.start) : bisect_left(trigger_starts, span.end)]
                    if triggers[n][1] <= span.end
                }
                found = set()
                for lo, hi, n in scopes[bisect_left(scope_starts, at - reach) : bisect_right(scope_starts, at)]:
                    t_start, t_end, rule = triggers[n]
                    if groups & {_KIND_GROUP[k] for k in rule.not_for}:
                        continue
                    if lo <= at < hi and not (t_start < span.end and span.start < t_end):
                        found.add(Context(rule.category))
                found -= own  # "no specific complaints" carries its own negation
                if group == CUES and doc[span.start].lower_ in self.absence_openers:
                    # "no aches, nothing hurting": a cue that states an absence itself is one more
                    # absence in the list, not denied by the negation before it
                    found.discard(Context.negated)
                if group in NOT_NEGATED:
                    found.discard(Context.negated)
                if found:
                    hit.context = next(c for c in PRIORITY if c in found)
        self._own_of_third_party(doc)
        self._scores_of_others_complaints(doc)
        self._reported_by_kin(doc, sents)
        self._relayed_for_client(doc)
        return doc

    def _absence_list_ends(self, doc: Doc) -> list:
        """Where a list of absences ends: right after a statement that the client has no complaint
        ("no pain no injuries nothing specific"), which carries its own negation and closes the
        list when the service is named right after it. In run-on speech with no full stop, a denial
        before it never reaches on into that service ("... nothing specific full body Swedish sixty
        minutes"); "no complaints of pain" goes on with its own list."""
        ends = [span.end for span, hit in hits(doc, CUES)
                if hit.cue == CueKind.relaxation_only and doc[span.start].lower_ in self.absence_openers]
        if not ends:
            return []
        techniques = {span.start for span, _ in hits(doc, TECHNIQUES)}
        service = techniques | {span.start for span, _ in hits(doc, AREAS) if span.end in techniques}
        return [(end, end + 1, _ABSENCE_END) for end in ends if end in service]

    def _own_of_third_party(self, doc: Doc) -> None:
        """A body part or complaint said as "his/her/their own" after a third party (a relative, a
        roommate, a caregiver) was named earlier in the written sentence is that person's ("Wife sat
        in, she has her own knee going on"): "own" sets its owner against the client, even where a
        terminator ("she has") ended the relative's scope. Anchored on "own"."""
        if "own" not in words_of(doc)[0]:
            return
        for group in (AREAS, CONDITIONS):
            for span, hit in hits(doc, group):
                k = span.start - 1
                while k >= 0 and span.start - k <= KIN_OWNER_REACH and doc[k].lower_ != "own" and doc[k].is_alpha:
                    k -= 1  # "her own bad left knee": modifiers between
                if k < 1 or doc[k].lower_ != "own" or doc[k - 1].lower_ not in _POSSESSIVE_GENDER | {"their": ""}:
                    continue
                for t in reversed(doc[max(0, k - KIN_REPORT_REACH) : k - 1]):
                    if t.text in _FULL_STOPS:
                        break
                    if t.lower_ in self.third_parties:
                        hit.context = Context.other_person
                        break

    def _scores_of_others_complaints(self, doc: Doc) -> None:
        """A score rates the nearest complaint said before it in its written sentence: when that
        complaint is another person's ("Husband came along, c/o his R shoulder, says it's a 7"), so
        is the score, though the saying verb has no subject of its own. A full stop ends the search,
        as does a word for the client ("..., the client a 4"). Runs only where another person's
        complaint was read."""
        owned = [(s.end, h.context) for g in (AREAS, CONDITIONS) for s, h in hits(doc, g)]
        if not any(c == Context.other_person for _, c in owned):
            return
        by_end = dict(sorted(owned))
        for span, hit in hits(doc, PAIN):
            if hit.context != Context.performed:
                continue
            for k in range(span.start, max(0, span.start - SCORE_OWNER_REACH) - 1, -1):
                if k in by_end:
                    if by_end[k] == Context.other_person:
                        hit.context = Context.other_person
                    break
                if k > 0 and (doc[k - 1].text in _FULL_STOPS or doc[k - 1].lower_ in self.client_words):
                    break

    def _relayed_for_client(self, doc: Doc) -> None:
        """A relative or caregiver relaying the client's pain ("Daughter on the phone said her pain
        has been a 3", "the aide scored her a 4") gives the client's score, not their own: a rating
        verb takes the client as its object, or the score rates a possessed pain word
        with no body part ("her pain", never "her own pain"), after a saying verb whose speaker, the
        third party, is named earlier in the written sentence. A relative's own complaint comes with
        its body part or "own" (_own_of_third_party, _scores_of_others_complaints). Runs only on a
        score already read as another person's."""
        for span, hit in hits(doc, PAIN):
            if hit.context != Context.other_person:
                continue
            lo = span.start
            while lo > 0 and span.start - lo < KIN_REPORT_REACH and doc[lo - 1].text not in _FULL_STOPS:
                lo -= 1
            words = [t.lower_ for t in doc[lo : span.end]]
            rated = next((i for i in range(len(words) - 1) if words[i] in self.rating and words[i + 1] in _CLIENT_OBJECT), None)
            if rated is not None and any(w in self.third_parties for w in words[:rated]):
                hit.context = Context.performed  # "the aide scored her a 4": the client rated by staff
                continue
            words = words[: span.start - lo]
            pain_at = next((i for i in range(len(words) - 1, 0, -1) if words[i] in self.pain_words), None)
            if pain_at is None or words[pain_at - 1] not in ("her", "his", "their"):
                continue
            said_at = next((i for i in range(pain_at - 2, -1, -1) if words[i] in self.saying), None)
            if said_at is None or not any(w in self.third_parties for w in words[:said_at]):
                continue
            if any(lo + pain_at - 1 <= s.start < span.start and h.areas for s, h in hits(doc, CONDITIONS)):
                continue
            hit.context = Context.performed
            for c_span, c_hit in hits(doc, CONDITIONS):
                if c_span.start == lo + pain_at and c_hit.context == Context.other_person:
                    c_hit.context = Context.performed

    def _reported_by_kin(self, doc: Doc, sents: Sentences) -> None:
        """A score a relative is quoted giving is the relative's (KinReporter)."""
        for span, hit in hits(doc, PAIN):
            if hit.context != Context.other_person and self.kin_reporter.reports(doc, sents, span.start):
                hit.context = Context.other_person

    def _zero_score_labels(self, doc: Doc) -> None:
        """A pain word that only labels a score of 0 ("Current pain level: 0/10", "pain = 0") states
        an absence, as "no pain" does: negated, so a form's rating line is no complaint. Only a word
        said of no area: "neck pain 0/10 today" still names what the client is seen for."""
        by_end, by_start = {}, {}
        for span, hit in hits(doc, CONDITIONS):
            if not hit.areas and all(t.lower_ in self.pain_words for t in span):
                by_end[span.end], by_start[span.start] = hit, hit
        if not by_end:
            return
        for span, hit in hits(doc, PAIN):
            if hit.score != 0:
                continue
            label = by_start.get(span.start)  # the score's own words start with it ("pain 0")
            at = span.start
            while label is None and at >= 0 and span.start - at <= SCORE_LABEL_REACH:
                label = by_end.get(at)
                if at == 0 or doc[at - 1].lower_ not in self.pain_fillers:
                    break
                at -= 1
            if label is not None:
                label.context = Context.negated

    def _kin_complaints(self, doc: Doc) -> None:
        """A complaint owned by the pronoun of a relative the note introduced through the client's
        own possessive is the relative's: after "her husband bought the package", "his sciatica" is
        the husband's, not the client's. Only a relative of the other gender tells the two apart
        ("her mother ... her migraines" stays the client's), and only a possessive just before the
        complaint ("his bad back", "his left knee pain") is read as its owner."""
        owned = []
        for span, hit in hits(doc, CONDITIONS):
            for i in range(span.start - 1, max(-1, span.start - 1 - KIN_OWNER_REACH), -1):
                word = doc[i].lower_
                if word in _POSSESSIVE_GENDER:
                    owned.append((hit, _POSSESSIVE_GENDER[word]))
                    break
                if not doc[i].is_alpha:
                    break
        owned.extend(self._kin_scores(doc))
        if not owned:
            return
        words = words_of(doc)[0]
        introduced = {
            gender for gender, kin in (("male", self.kin_male), ("female", self.kin_female))
            for i in range(1, len(words)) if words[i] in kin and _POSSESSIVE_GENDER.get(words[i - 1], gender) != gender
        }
        for hit, gender in owned:
            if gender in introduced:
                hit.context = Context.other_person

    @staticmethod
    def _kin_scores(doc: Doc) -> list[tuple[object, str]]:
        """Scores rating a body part owned by a possessive ("says his knee is an eight"): the
        possessive opens the area (past "own"), and at most KIN_SCORE_GAP words join the area to
        the score, so "told him to see his doc, hip was a two" keeps the client's hip."""
        areas = {s.end: s.start for s in doc.spans.get(AREAS, [])}
        owned = []
        for span, hit in hits(doc, PAIN):
            for end in range(span.start, max(-1, span.start - 1 - KIN_SCORE_GAP), -1):
                if end in areas:
                    i = areas[end] - 1
                    if i >= 0 and doc[i].lower_ == "own":
                        i -= 1
                    if i >= 0 and doc[i].lower_ in _POSSESSIVE_GENDER:
                        owned.append((hit, _POSSESSIVE_GENDER[doc[i].lower_]))
                    break
                if end > 0 and not doc[end - 1].is_alpha:
                    break
        return owned

    def _kin_cut(self, doc: Doc, start: int, end: int, rule, lo: int, hi: int) -> int:
        """A relative's forward scope ends where a subject pronoun of the other gender starts a
        clause of its own: in "her son's school called and she had to leave early" the one who left
        is the client, not the son. A pronoun of the relative's own gender may be the relative ("her
        mother fell and she broke her hip"), so it ends nothing."""
        if rule.category != "other_person" or lo != end:
            return hi
        other = self.pronouns_other_gender.get(doc[end - 1].lower_)
        if other is None:
            return hi
        return next((i for i in range(end, hi) if doc[i].lower_ in other), hi)

    def _opens(self, doc: Doc, sents: Sentences, start: int) -> bool:
        """Only a few lead words ("So the", "Um, at her") stand between the sentence start and ``start``."""
        sent_start = sents.bounds(start)[0]
        return start - sent_start <= FRAME_LEAD_MAX and all(t.lower_ in self.frame_lead for t in doc[sent_start:start])

    @staticmethod
    def _scope(doc: Doc, sents: Sentences, start: int, end: int, rule, stops: "_Terminators",
               subject: bool = False) -> list[tuple[int, int]]:
        """Token ranges a trigger reaches: to the sentence edge, a terminator or max_scope. A
        ``subject`` trigger opens its sentence: the actor of every verb up to the sentence end."""
        sent_start, sent_end = sents.bounds(start)
        if rule.direction == "forward" and not rule.opens_sentence:
            # a trigger the clause splitter cut through ("Sam, | the PT down the hall, has him doing
            # ...") reaches over the clause its last word is in
            sent_end = sents.bounds(end - 1)[1]
        if rule.opens_sentence:  # the frame's main clause follows a comma the clause splitter cut at
            sent_end = next((t.i + 1 for t in doc[end : end + rule.max_scope] if t.text in _FULL_STOPS),
                            min(len(doc), end + rule.max_scope))
        category = Context(rule.category)
        ranges = []
        if rule.direction in ("forward", "both"):
            hi = min(sent_end, end + rule.max_scope)
            hi = min(hi, stops.first_start_from(category, end, hi))
            if rule.stops_at_comma:  # "HEP reviewed, then TE 20 min": the comma closes the frame's clause
                hi = next((t.i for t in doc[end:hi] if t.text == ","), hi)
            if rule.coordinated and sent_end in stops.same_subject and doc[sent_end - 1].text == ",":
                # "Our ATC strapped his ankle, then put him on ice": the clause splitter cut a verb
                # from its subject at the comma; the actor of the one before does it too
                if subject and hi < sent_end and stops.first_start_from(category, hi, sent_end) >= sent_end:
                    # "Our ATC at the club, Jess, strapped his right ankle yesterday at practice, then
                    # ...": however long the subject's own clause, its verbs are all its own
                    hi = sent_end
                sent_end = sents.bounds(sent_end)[1]
            if rule.coordinated:
                hi = stops.carried(category, end, hi, sent_end, rule.max_scope)
            ranges.append((end, hi))
        if rule.direction in ("backward", "both"):
            lo = max(sent_start, start - rule.max_scope)
            lo = max(lo, stops.last_end_until(category, start, lo))
            if (rule.refers_back and lo > 0 and doc[lo - 1].text in _BACK_BOUNDARY
                    and not any(lo <= s.start < start for s in doc.spans.get(TECHNIQUES, []))):
                # "A cold pack was offered; she declined it": the pronoun's antecedent is in the clause
                # or sentence the boundary closed, back to its own start. When its own clause names a
                # service ("No hot pack today she didn't want it") that one is the antecedent.
                prev_start = sents.bounds(lo - 1)[0]
                lo = max(prev_start, start - rule.max_scope, stops.last_end_until(category, lo - 2, prev_start))
            if rule.stops_at_comma:
                lo = max([lo] + [t.i + 1 for t in doc[lo:start] if t.text == ","])
            ranges.append((lo, start))
        return ranges


_AREA_SCORE_GAP = {"the", "her", "his", "their", "left", "right"}  # ", the left shoulder a five"
_AREA_SCORE_LINK = {"was", "is", "'s", "’s", "at", "about", "around", "maybe"}  # "shoulder was a five"


def _area_score_starts(doc: Doc) -> set[int]:
    """Where each body area starts that a pain score rates right after, a linking word aside:
    "shoulder a five", "the back was about a six"."""
    scores = {s.start for s in doc.spans.get(PAIN, [])}
    out = set()
    for s in doc.spans.get(AREAS, []) if scores else ():
        k = s.end
        while k < len(doc) and k - s.end < 2 and doc[k].lower_ in _AREA_SCORE_LINK:
            k += 1
        if s.end in scores or k in scores:
            out.add(s.start)
    return out


def _opens_area_score(doc: Doc, i: int, area_scored: set[int]) -> bool:
    """A body area rated by a score opens the words at ``i``, after a determiner or side ("...,
    shoulder a five", "..., the left knee was a six")."""
    while i < len(doc) and doc[i].lower_ in _AREA_SCORE_GAP:
        i += 1
    return i in area_scored


def _terminators_under_terminators(raw: list, kept: set, rules: dict) -> set:
    """Terminator spans that only longer terminators overlap."""
    dropped = [(s, e) for k, s, e in raw if (s, e) not in kept and rules[k].category == "terminate"]
    if not dropped:
        return set()
    others = [(s, e) for k, s, e in raw if (s, e) in kept and rules[k].category != "terminate"]
    return {(s, e) for s, e in dropped if not any(os < e and s < oe for os, oe in others)}


def _within(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the spans (sorted, not overlapping)."""
    n = bisect_right(starts, start) - 1
    return n >= 0 and spans[n][1] >= end


@dataclass(frozen=True)
class _EndOfList:
    """A terminator found by position, not by words (ContextTagger._absence_list_ends)."""

    applies_to: tuple[Context, ...] = (Context.negated,)
    after_coordination_only: bool = False


_ABSENCE_END = _EndOfList()


class _Terminators:
    """Terminator spans by the category they end, sorted, for bisection (they never overlap);
    and where coordinations end, to carry a scope over them."""

    def __init__(self, terminators: list, coordinations: list[tuple[int, int]], commas: list[int] = (),
                 same_subject: set[int] = frozenset()):
        self.terminators = terminators
        self.same_subject = same_subject  # coordinations whose verb has no subject of its own
        self.commas = list(commas)
        # kept coordinations never overlap, so their starts and ends sort alike
        self.coordination_starts = [s for s, _ in coordinations]
        self.coordination_ends = [e for _, e in coordinations]
        self.statement_starts = sorted(s for s, _, term in terminators if term.after_coordination_only)
        self.by_category: dict[Context, tuple[list[int], list[int]]] = {}

    def carried(self, category: Context, end: int, hi: int, sent_end: int, reach: int) -> int:
        """The end of a scope [end, hi) carried over each coordination inside it, one hop of
        ``reach`` tokens at a time, to the sentence end or a terminator of the category. A word
        that starts a performed statement after a coordination ("... and we did") ends it.

        A coordination that begins right where the reach ran out carries it too: the list goes on
        there ("denies pain, numbness, recent injury or surgery"; "did not get to the joint mobs
        or the work simulation"), and its last item is as denied as its first."""
        starts, ends, statements = self.coordination_starts, self.coordination_ends, self.statement_starts
        hi = self._through_list(category, end, hi, sent_end)
        k = bisect_left(ends, end + 2)  # a coordination right after the trigger joins nothing to it
        while k < len(ends) and starts[k] <= hi:
            j = bisect_left(statements, ends[k])
            stop = statements[j] if j < len(statements) else sent_end
            if stop < hi:
                return stop
            last = bisect_right(starts, hi) - 1  # the last coordination inside the scope or at its edge
            hop = min(sent_end, ends[last] + reach, stop)
            hop = min(hop, self.first_start_from(category, hi, hop))
            if hop <= hi:
                break
            hi, k = hop, last + 1
        return hi

    def _through_list(self, category: Context, end: int, hi: int, sent_end: int) -> int:
        """A scope that runs out inside a list of short items set off by commas reaches the
        coordination that closes the list ("denies numbness, tingling, weakness, headaches or
        dizziness"), where ``carried`` takes it over the last item; else ``hi`` unchanged."""
        commas = self.commas
        first = bisect_left(commas, end)
        if first >= len(commas) or commas[first] >= hi:
            return hi  # no comma inside the scope: not a list the trigger opened
        k = bisect_left(self.coordination_starts, hi)
        if k >= len(self.coordination_starts) or self.coordination_starts[k] >= sent_end:
            return hi
        closing = self.coordination_starts[k]
        marks = commas[bisect_right(commas, hi - 1) - 1 : bisect_left(commas, closing)] + [closing]
        if any(b - a - 1 > LIST_ITEM_MAX for a, b in zip(marks, marks[1:])):
            return hi  # an item too long for a list: a new statement after a comma
        if self.first_start_from(category, hi, closing) < closing:
            return hi
        return closing

    def _of(self, category: Context) -> tuple[list[int], list[int]]:
        found = self.by_category.get(category)
        if found is None:
            mine = sorted(
                (s, e)
                for s, e, term in self.terminators
                if not term.after_coordination_only and (not term.applies_to or category in term.applies_to)
            )
            found = self.by_category[category] = ([s for s, _ in mine], sorted(e for _, e in mine))
        return found

    def first_start_from(self, category: Context, index: int, default: int) -> int:
        """The smallest terminator start >= index, else default."""
        starts, _ = self._of(category)
        k = bisect_left(starts, index)
        return starts[k] if k < len(starts) else default

    def last_end_until(self, category: Context, index: int, default: int) -> int:
        """The largest terminator end <= index, else default."""
        _, ends = self._of(category)
        k = bisect_right(ends, index)
        return ends[k - 1] if k else default


@Language.factory("scribe_context")
def make_context(nlp: Language, name: str) -> ContextTagger:
    return ContextTagger(nlp)


NAME_OPENING_SENTENCES = 2  # the sentences at a note's start where the client is named ("Home visit. Just Lisa today.")
OWNED_AREA_GAP = 2  # modifier words between a possessive name and the area it owns ("Tom's bad left knee")
OTHER_STRETCH_MAX = 40  # tokens a named other person's statement runs, at most, to its full stop


def _mark_named_others(doc: Doc) -> None:
    """What is said of another named person (named_others) is that person's: other_person."""
    ranges = named_others(doc)
    if not ranges:
        return
    for group in (AREAS, CONDITIONS, PAIN, CUES):
        for span, hit in hits(doc, group):
            if any(lo <= span.start < hi for lo, hi in ranges):
                hit.context = Context.other_person


def named_others(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges said of another person named by first name, not of the client: in "Just Lisa
    today. Tom's low back is bothering him, he says a seven", Tom's back and score are Tom's.

    A possessive name ("Tom's") owns a body area said right after it (past a few modifier words,
    OWNED_AREA_MODIFIER); the name is capitalised, no word the taggers read (an eponym such as
    "Tinel's" is a test's name), and not among the names said in the note's opening sentences
    (the client's: "Just Lisa today", "Client: Maria Lopez"). A first name alone could still be
    the client's, so the statement must also take up its owner by a pronoun ("bothering him", "he
    says") of the gender the rest of the note does not use for the client. The range runs from
    the name to the full stop, or to the client's name or a pronoun of the client's gender. Found
    once per Doc, only where a possessive mark occurs."""
    cached = doc.user_data.get("scribe_named_others")
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    found = _named_others(doc)
    doc.user_data["scribe_named_others"] = (len(doc), found)
    return found


def _named_others(doc: Doc) -> list[tuple[int, int]]:
    words = words_of(doc)[0]
    marks = vocab.words("POSSESSIVE_MARK")
    at = sorted(_indexes(words, marks))
    if not at:
        return []
    area_starts = {s.start: s.end for s in doc.spans.get(AREAS, [])}
    modifiers = vocab.words("OWNED_AREA_MODIFIER")
    owned = []  # (possessive mark, owned area's start): only these need the names and the opening
    for i in at:
        k = i + 1
        while k < len(doc) and k not in area_starts and k - i - 1 < OWNED_AREA_GAP and words[k] in modifiers:
            k += 1
        if i and k in area_starts:
            owned.append((i, k))
    if not owned:
        return []
    spans = [(s.start, s.end) for group in (AREAS, TECHNIQUES, CONDITIONS, CUES) for s in doc.spans.get(group, [])]
    in_span = {i for lo, hi in spans for i in range(lo, hi)}
    not_names = vocab.words("NOT_A_PERSON_NAME")

    def name_at(i: int) -> bool:
        t = doc[i]
        return t.is_title and t.is_alpha and i not in in_span and t.lower_ not in not_names

    owned = [(i, k) for i, k in owned if name_at(i - 1)]
    if not owned:
        return []
    sents = sentences(doc)
    opening_end = min(len(doc), sents.ends[min(NAME_OPENING_SENTENCES, len(sents.ends)) - 1])
    # every capitalised word of the opening ("Maria in today", "Just Lisa today"): a common word
    # taken for a name there ("Home visit") only keeps that word from being another person's name
    client = {words[i] for i in range(opening_end) if name_at(i) and (i + 1 >= len(doc) or words[i + 1] not in marks)}
    if not client:
        return []
    male, female = vocab.words("PRONOUN_MALE"), vocab.words("PRONOUN_FEMALE")
    found = []
    for i, k in owned:
        if words[i - 1] in client:
            continue
        cap = min(len(doc), i + OTHER_STRETCH_MAX)
        hi = next((j for j in range(area_starts[k], cap) if words[j] in _FULL_STOPS or "\n" in words[j]), cap)
        said = [words[j] in male for j in range(area_starts[k], hi) if words[j] in male or words[j] in female]
        if not said:
            continue
        owner_male = said[0]
        owner_words, client_words = (male, female) if owner_male else (female, male)
        # the pronouns the rest of the note uses: the client's are the other gender's, more often
        rest_owner = sum(words.count(w) for w in owner_words) - sum(1 for j in range(i, hi) if words[j] in owner_words)
        rest_client = sum(words.count(w) for w in client_words) - sum(1 for j in range(i, hi) if words[j] in client_words)
        if rest_client <= rest_owner:
            continue
        end = next((j for j in range(area_starts[k], hi) if words[j] in client_words or words[j] in client), hi)
        found.append((i - 1, end))
    return found


def _indexes(words: list[str], wanted: frozenset[str]) -> list[int]:
    """Where any of ``wanted`` occurs in ``words``, by the list's own search (no Python step per word)."""
    out = []
    for w in wanted:
        i = -1
        while True:
            try:
                i = words.index(w, i + 1)
            except ValueError:
                break
            out.append(i)
    return out


class KinReporter:
    """A score a relative is quoted giving ("my husband's sciatica is back, he says it's a nine")
    is the relative's, however far the relative's scope reached: the reporter is a pronoun that
    can be that relative (he: husband, son; she: wife, sister; they: either) with a saying verb
    just before the score, and the relative is named earlier in its written sentence (across the
    commas a run-on's clauses are cut at). Said of the client in a typed note ("she says it's a
    five") no relative of hers stands before it. Lexical only, so the pain component can also
    leave such a score out when it asks which score the client gave first."""

    def __init__(self):
        male, female = vocab.words("KIN_MALE"), vocab.words("KIN_FEMALE")
        self.reporters = {**dict.fromkeys(vocab.words("SUBJECT_PRONOUN_MALE"), male),
                          **dict.fromkeys(vocab.words("SUBJECT_PRONOUN_FEMALE"), female),
                          **dict.fromkeys(vocab.words("REPORTER_ANY"), male | female)}
        self.saying = vocab.words("SAYING_VERB")
        self.rating = vocab.words("RATE_WORD")

    def reports(self, doc: Doc, sents: Sentences, start: int) -> bool:
        """Whether the score starting at token ``start`` is a relative's, quoted, or said of another
        person named by first name (named_others)."""
        if any(lo <= start < hi for lo, hi in named_others(doc)):
            return True
        lo = max(sents.bounds(start)[0], start - REPORTER_REACH)
        window = doc[lo : start + 2]
        kin = next((self.reporters[a.lower_] for a, b in zip(window, window[1:])
                    if a.lower_ in self.reporters and b.lower_ in self.saying), None)
        if not kin:
            return False
        for t in reversed(doc[max(0, lo - KIN_REPORT_REACH) : lo]):
            if t.text in _FULL_STOPS:
                return False
            if t.lower_ in kin:
                return True
        return False
