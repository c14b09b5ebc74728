"""Durations (durations.jsonl): minutes, hours, fixed phrases, ranges and clock times.

A range keeps its lower value and its upper one (billing never invents minutes); a clock
range is the minutes between the two times, across noon when needed. Spoken clock times
("from two ten to two forty") and Whisper's colon-less ones ("from 2 10 to 2 40") are read
only after "from"/"between" with a minutes part 00-59 on both ends, so "2 out of 10" and
"from 2 to 4 reps" stay what they are. A duration said with
a session marker ("sixty minutes in the room", "a 60 minute session") is the session's
length, not a treatment's, and so is a clinician's clock-in and clock-out ("time in 1400, time
out 1430"). A booked length ("booked for 30 minutes") in a note that says the visit ran over
("ran long") is neither: the plan was not kept, and what was kept is said elsewhere or not at all.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from extraction import vocab
from extraction.components.tables import duration_cells, duration_labels, minute_cells
from extraction.matching import AnchoredMatcher
from extraction.spans import AREAS, CONDITIONS, DURATIONS, TECHNIQUES, DurationHit, area_is_subject, hits, reported_score, longest, NUM, numbers, phrase_at, phrase_matcher, put, rates_complaint, on_pain_scale, sentences, text_of
from models.minutes import MAX_SESSION_MINUTES

_AMPM = {"am", "pm", "a.m", "p.m"}
_OH = {"oh", "o"}  # "two oh five": 2:05
_HUNDRED = "hundred"  # "oh nine hundred": 09:00
_CLOCK_FROM = vocab.words("CLOCK_FROM")
CLOCK_KINDS = frozenset({"clock", "spoken_clock", "relative_clock"})  # rule kinds that read times of day
_SCORE_MINUTES = 10  # "from 4 10 to 2 10" is Whisper's "from 4/10 to 2/10", not a clock range
_SKIPPABLE = vocab.words("DURATION_SKIPPABLE")
# "the total visit time was forty-five minutes", "fifty minutes was the length of the session": the
# verb that joins a session marker to its length, passed over only between the two (``_near``)
_SESSION_JOIN = _SKIPPABLE | vocab.words("SESSION_LENGTH_COPULA")
_NOT_MINUTES = vocab.words("COUNT_NOT_MINUTES_UNIT")
_LOAD_UNITS = vocab.words("LOAD_UNIT")
_MEASURE_RANGE_JOIN = vocab.words("RANGE_JOIN") - {"and"}  # "twenty and 3 sets": two counts, each its own
_TIMES = vocab.words("TIMES")
_HEART_RATE_REACH = 40  # words before a spoken range a heart rate said of it may stand ("bless her heart" far off is none)
_ELLIPSIS_REACH = 40  # words between minutes said with their unit and a later count without one
_FULL_STOPS = {".", "?", "!"}
_CLAUSE_REACH = 10
_CLOCK_FRACTION = {"half": 30, "quarter": 15}  # "half past one", "a quarter to three"
_CLOCK_PAST = vocab.words("CLOCK_PAST")
_CLOCK_BEFORE = vocab.words("CLOCK_PAST_TO") - _CLOCK_PAST
_MINUTE_WORDS = vocab.words("MINUTE")
_LIST_JOINERS = vocab.words("LIST_JOINER")
_CLOCK_SPAN_FILLER = vocab.words("CLOCK_SPAN_FILLER") | vocab.words("CLOCK_OCLOCK")  # "one o'clock" is one
_SPLIT_WORDS = vocab.words("SPLIT_WORD")
_SPLIT_EVENLY = vocab.words("SPLIT_EVENLY")
_SPLIT_BETWEEN = vocab.words("SPLIT_BETWEEN")
_GRADE_WORDS = vocab.words("GRADE_WORD")
_EFFORT_SCALES = vocab.words("EFFORT_SCALE")
_SPINAL_LEVEL = re.compile(r"^[CTLS]\d{1,2}$")  # "L3" opening a level range "L3-5": a vertebra, not a count
_LEVEL_JOIN = {"-", "–", "/"}
_ARTICLE = {"a"}
_SUBTRACT = vocab.words("SUBTRACT_WORD")
_WORKED_OUT = ("remainder", "session_fraction", "session_part", "aside", "repeat")  # read from the other readings
_SPLIT_REACH = 3  # words between "the rest" and "split evenly between" ("the rest was then split ...")
_SUBTRACT_SKIP = {"the", "first", "last", "a", "an", ","}  # "minus the first five minutes"  # words of areas a count closing a technique's clause may stand after


# The other half of a pair is told within this many sentences after the first ("half on MFR to the right
# shoulder, sorry, the left; the right has been fine. The other half was Swedish": ";" ends a sentence).
_PAIR_REACH = 2


def _said_again(doc: Doc, index: int, back: bool = False, next_sentence: bool = False) -> bool:
    """The word at ``index`` said again later in its sentence (or earlier, with ``back``; or, with
    ``next_sentence``, in the next _PAIR_REACH sentences: "half on MFR to the shoulder. The other half was
    Swedish" tells the two halves in two sentences)."""
    sent = doc[index].sent
    end = sent.end
    for _ in range(_PAIR_REACH if next_sentence else 0):
        end = doc[end].sent.end if end < len(doc) else end
    others = doc[sent.start:index] if back else doc[index + 1:end]
    return any(t.lower_ == doc[index].lower_ for t in others)


def _opens_sentence(doc: Doc, start: int) -> bool:
    """Nothing but punctuation or a line break between the sentence's start and ``start``."""
    return all(t.is_punct or t.is_space for t in doc[doc[start].sent.start:start])


class DurationMatcher:
    def __init__(self, nlp: Language):
        self.rules = {r.id: r for r in vocab.load("durations.jsonl")}  # type: ignore[attr-defined]
        self.matcher = AnchoredMatcher(nlp.vocab, [(r.id, vocab.expand_pattern(r.pattern)) for r in self.rules.values()])
        markers = vocab.load("session_length.jsonl")
        self.before = phrase_matcher(nlp, [(m.id, m.terms) for m in markers if m.position == "before" and not m.list_total])  # type: ignore[attr-defined]
        self.list_total = phrase_matcher(nlp, [(m.id, m.terms) for m in markers if m.list_total])  # type: ignore[attr-defined]
        self.by_id = vocab.technique_by_id()
        self.after = phrase_matcher(nlp, [(m.id, m.terms) for m in markers if m.position == "after"])  # type: ignore[attr-defined]
        self.headings = {m.id for m in markers if m.heading}  # type: ignore[attr-defined]
        self.row_totals = frozenset(t.lower() for m in markers if m.position == "next_cell" for t in m.terms)  # type: ignore[attr-defined]
        self.next_cell = phrase_matcher(nlp, [(m.id, m.terms) for m in markers if m.position == "next_cell"])  # type: ignore[attr-defined]
        self.booked = {m.id for m in markers if m.booked}  # type: ignore[attr-defined]
        self.timed_totals = {m.id for m in markers if m.timed_total}  # type: ignore[attr-defined]
        self.after_technique = {m.id for m in markers if m.after_technique}  # type: ignore[attr-defined]
        self.opens_sentence = {m.id for m in markers if m.opens_sentence}  # type: ignore[attr-defined]
        self.paired = {m.id for m in markers if m.paired}  # type: ignore[attr-defined]
        self.not_before_area = {m.id for m in markers if m.not_before_area}  # type: ignore[attr-defined]
        self.area_lead = vocab.words("AREA_LEAD")
        self.overran = phrase_matcher(nlp, [(m.id, m.terms) for m in markers if m.position == "overran"])  # type: ignore[attr-defined]
        self.token_sets = vocab.token_sets()
        self._sets: dict[str, tuple[str, frozenset[str]]] = {}
        self.anaphors = vocab.link_words("anaphor")
        # "eighteen minutes of gentle Swedish": the same words linking skips between minutes and
        # their technique (TECHNIQUE_MODIFIER), so a pressure word never turns minutes into a moment
        self.determiners = (frozenset(w.lower() for w in vocab.link_words("duration_of")) | _SKIPPABLE
                            | vocab.words("TECHNIQUE_MODIFIER"))
        self.service_names = vocab.service_names()
        self.clock_rules = {r.id for r in self.rules.values() if r.kind == "clock"}
        self.times = vocab.words("TIMES")

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        found = []
        before, after = self.before(doc), self.after(doc)
        if self.paired:
            after = [(k, s, e) for k, s, e in after if strings[k] not in self.paired or _said_again(doc, e - 1)]
        if self.not_before_area and after:
            after = [(k, s, e) for k, s, e in after if strings[k] not in self.not_before_area or not self._area_follows(doc, e)]
        # "8:50 to 8:58 hands-on: soft tissue ...": after a span of clock times, words closed by a
        # colon head the block that follows, they are no noun of the times before them ("forty
        # minutes hands-on: the first quarter of an hour ..." is still the session's total)
        headings = {s for k, s, e in after
                    if e < len(doc) and doc[e].text == ":" and doc[s].lower_ not in self.determiners}
        # "38 min timed total: 26 TE, then 12 MT": a total heading the list, only as a heading
        total_heads = set()
        if self.headings:
            total_heads = {s for k, s, e in after if strings[k] in self.headings and s in headings}
            after = [(k, s, e) for k, s, e in after if strings[k] not in self.headings or s in total_heads]
        if self.opens_sentence:
            before = [(k, s, e) for k, s, e in before if strings[k] not in self.opens_sentence or _opens_sentence(doc, s)]
        before_ends = {e for _, _, e in before}
        # "twenty timed minutes: ten of ther ex, then ten of STM": a count said before the words of a
        # timed total is that total; the words then head nothing after them
        timed_starts = {s for k, s, _ in after if strings[k] in self.timed_totals}
        if timed_starts:
            counted = {s for s in timed_starts if s > 0 and (doc[s - 1].like_num or (
                s in total_heads and s > 1 and doc[s - 2].like_num and self._in_set(doc[s - 1], "MINUTE")))}
            timed_starts = counted
            before = [(k, s, e) for k, s, e in before if s not in counted]
            before_ends = {e for _, _, e in before}
        timed_ends = {e for k, _, e in before if strings[k] in self.timed_totals} if self.timed_totals else set()
        # the count after a total heading's colon is the list's first item's, not the total ("timed total: 26 TE")
        list_total_ends = {e for _, _, e in self.list_total(doc)} - {e for _, s, e in after if s in total_heads}
        doc.user_data["scribe_durations_total_lists"] = self._total_lists(doc, after, total_heads)
        after_starts = {s for _, s, _ in after} - total_heads
        clock_after_starts = after_starts - headings
        # "booked for 30 min ... ran long": the plan, said with the words that say it was not kept
        overran = bool(self.booked) and bool(self.overran(doc))
        booked_ends = {e for k, _, e in before if strings[k] in self.booked} if overran else set()
        # "single leg stance on foam, only got about 6 min in": the technique's own minutes
        own_ends = {e for k, s, e in before if strings[k] in self.after_technique and self._technique_in_clause(doc, s)}
        booked_starts = {s for k, s, _ in after if strings[k] in self.booked} if overran else set()
        cell_starts = {s for _, s, _ in self.next_cell(doc)}
        # the row labels that open a totals row ("TOTAL,,00:38:00,"): the same words as the total's cell
        row_totals = self.row_totals
        matches = [(strings[k], s, e) for k, s, e in self.matcher(doc)]
        # "twenty minutes, no 3 sets": a count with a unit of its own after the marker corrects no minutes
        matches = [m for m in matches if not (self.rules[m[0]].kind == "corrected" and _measured(doc, m[2]))]
        # A count without a unit ("x 15", "another fifteen") is a fallback: it is read only where
        # no rule with a unit matched, and only when its surroundings fit (_context_fits).
        # "150' x3 - 12 min": a count after a times sign is reps, so it starts no range of minutes.
        matches = [m for m in matches if not (self.rules[m[0]].kind == "range" and m[1] > 0
                                              and doc[m[1] - 1].lower_ in self.times)]
        # "Ther ex 97110 - 20 min": a billing code, a dash and minutes is a template row, not a range;
        # a range that makes no sense as minutes hides none of the minutes inside it.
        matches = [m for m in matches if self.rules[m[0]].kind != "range"
                   or _minutes(self.rules[m[0]], doc[m[1]:m[2]], numbers(doc)) is not None]
        # "the last five minutes" is the minutes said; "the last seven" only an end of a total said before
        ends_of = longest(m for m in matches if self.rules[m[0]].kind == "session_part")  # one reading of one end
        full = longest(m for m in matches if not self.rules[m[0]].bare and self.rules[m[0]].kind != "session_part")
        taken = {i for _, s, e in full for i in range(s, e)}
        full += [m for m in ends_of if not taken.intersection(range(m[1], m[2]))]
        taken = {i for _, s, e in full for i in range(s, e)}
        bare = [m for m in matches if self.rules[m[0]].bare and not taken.intersection(range(m[1], m[2]))]
        details = _block_details(doc, full, self.clock_rules)
        if details:  # a clock range is a block of its own, never a part of another ("0810-0832 ... 0832-0840")
            # minutes taken off the block ("3:00 to 3:50, minus the last ten") are read, to be taken off
            full = [m for m in full if m[0] in self.clock_rules or _after_subtract(doc, m[1])
                    or not _in_details(doc, m[1], details)]
            bare = [m for m in bare if not _in_details(doc, m[1], details)]
        read, remainders, timed = {}, [], set()
        for key, start, end in full + bare:
            rule = self.rules[key]
            if rule.service_follows and not self._technique_later_in_sentence(doc, end):
                continue
            if rule.paired and not (_said_again(doc, start, next_sentence=True) or _said_again(doc, start, back=True)):
                continue
            if rule.kind in _WORKED_OUT:
                remainders.append((rule, start, end))  # worked out once every other reading is known
                continue
            value = _minutes(rule, doc[start:end], numbers(doc))
            if value is None and rule.kind == "elapsed":
                value = _elapsed_with_hours(doc, start, end)
            if value is None:
                continue
            if rule.bare and not self._context_fits(doc, rule, start, end, value[0]):
                continue  # not a reading here, so it blocks no other bare count (checked first: most counts fail it)
            if rule.kind == "spoken_clock" and self._measured(doc, start, end):
                continue  # "flexion went from one-twenty to one-thirty-five": degrees of motion, not clock times
            if overran and (_near(doc, start, booked_ends, back=True) or _near(doc, end, booked_starts, back=False)):
                continue  # a booked length the visit ran past: neither the session's length nor a service's time
            session = rule.session or (_near(doc, start, before_ends, back=True) or _near(doc, end, clock_after_starts if rule.kind in CLOCK_KINDS else after_starts, back=False)
                       or _next_cell(doc, end, cell_starts) or _totals_row(doc, start, row_totals)
                       or (_near(doc, start, list_total_ends, back=True) and not self._closes_one_code_list(doc, start, full))
                       or (bool(total_heads) and _near(doc, end, total_heads, back=False) and _opens_sentence(doc, start)))
            if rule.session and rule.kind == "clock" and _next_cell(doc, end, self._technique_starts(doc)):
                session = False  # "start 11:05  stop 11:25  deep tissue lumbar": a service's row, its own times
            if rule.session and rule.kind == "clock" and self._continues_technique(doc, start):
                session = False  # "did Swedish on the back, started at 2:10 and finished at 2:40": the service's
            if not session and rule.kind in CLOCK_KINDS and self._heads_the_visit(doc, start, end, full):
                session = True  # "IEP service, 10:05 to 10:35 in the gym. Stairs ..., 20 min": the visit's times
            if session and own_ends and _near(doc, start, own_ends, back=True):
                session = False  # "balance on foam, only got about 6 min in before she fatigued": that service's
            if session and ((self._names_technique(doc, end) and not _marker_names_it(doc, end, after))
                            or self._got_in_for(doc, start, end)
                            or phrase_at(doc, end, self.anaphors, before=False)):
                session = False  # "only got twenty minutes of massage" / "only had five minutes for it": a service's
            if not session and self._time_point(doc, start, end):
                continue  # "it's a five on the bike after about an hour": when, not how long
            if (start > 0 and self._in_set(doc[start - 1], "RATE_NUMERATOR")
                    and self._in_set(doc[start], "RATE_DENOMINATOR_LEAD")):
                continue  # "one point eight miles an hour", "ninety steps a minute": a speed's denominator
                # ("times 20 minutes" has a count of its own: minutes, as said)
            if rule.bare and rule.session_only and not session:
                continue  # a count read only as the session's length ("in the room ninety")
            if rule.elliptical and not self._elliptical(doc, start, end, full):
                continue
            # ... but a count right after the billed service's own name ("Ther ex x30") times that service:
            # a spoken note is one written line, so other minutes in it make no flowsheet row of it.
            if (rule.reps_in_timed_line and start not in self._service_ends(doc)
                    and not self._sentence_final_count(doc, start, end)
                    and (_line_timed(doc, start, full + [k for k in read if not self.rules[k[0]].reps_in_timed_line])
                         or _flowsheet_line(doc, start))):
                continue
            read[(key, start, end)] = (value, session)
            if session and ((timed_ends and _near(doc, start, timed_ends, back=True))
                            or (timed_starts and _near(doc, end, timed_starts, back=False))):
                timed.add((key, start, end))
        for key, start, end in full + longest(k for k in read if self.rules[k[0]].bare):
            if (key, start, end) not in read:
                continue
            (low, high), session = read[(key, start, end)]
            found.append((doc[start:end], DurationHit(rule_id=f"durations/{key}", minutes=low, minutes_max=high, session=session,
                                                      timed_total=(key, start, end) in timed)))
        found.extend(_table_minutes(doc, found))
        found = _part_of_stated(doc, _restated(doc, _take_away(doc, sorted(found, key=lambda f: f[0].start))))
        found.extend(_remainders(doc, found, remainders))
        found.extend(_clock_timeline(doc, found))
        put(doc, DURATIONS, found)
        return doc

    def _area_follows(self, doc: Doc, end: int) -> bool:
        """A body part follows ``end`` past a preposition and its determiners (AREA_LEAD): "hands-on
        for the right shoulder", "hands-on to her low back"."""
        k = end
        while k < len(doc) and k - end < 3 and doc[k].lower_ in self.area_lead:
            k += 1
        return k > end and any(span.start == k for span, _ in hits(doc, AREAS))

    def _context_fits(self, doc: Doc, rule, start: int, end: int, minutes: int) -> bool:
        """The conditions a bare count needs around it to be read as minutes (durations.jsonl), all
        but ``session_only``, which needs the session reading worked out after it."""
        if rule.min_minutes is not None and minutes < rule.min_minutes:
            return False
        if rule.max_minutes is not None and rule.kind == "amount" and minutes > rule.max_minutes:
            return False
        if rule.followed_by and end < len(doc) and not doc[end].is_space and not self._in_set(doc[end], rule.followed_by):
            return False
        if (rule.not_after and start > 0 and self._in_set(doc[start - 1], rule.not_after)
                and not _label_number(doc, start - 1)):
            return False
        # Whether the count is a measure or a rating does not depend on the rule: a bare count is
        # matched by a dozen bare rules, so it is worked out once per count and Doc.
        not_minutes = _per_doc(doc, "not_minutes", dict)
        key = (start, end, minutes)
        if key not in not_minutes:
            not_minutes[key] = _measure_or_rating(doc, start, end, minutes)
        if not_minutes[key]:
            return False
        if rule.before_technique:
            # "forty of massage", "twenty-two of ankle exercise": determiners or the technique's area between
            k, starts = end, self._technique_starts(doc)
            in_area = _per_doc(doc, "area_tokens", lambda: {i for s in doc.spans.get(AREAS, []) for i in range(s.start, s.end)})
            joiners = _LIST_JOINERS
            # "ten of hip and knee strengthening": the areas may be a list, joined between area words
            while k < len(doc) and k not in starts and k - end < 4 and (
                    _cell_gap_or(doc[k], self.determiners) or k in in_area
                    or (doc[k].lower_ in joiners and k - 1 in in_area and k + 1 in in_area)):
                k += 1
            if k not in starts:
                return False
        if rule.after_service_name and start not in self._service_ends(doc):
            return False
        if rule.in_total_list and not self._in_total_list(doc, start, end, rule.reps_codes):
            return False
        if rule.closes_clause and not self._closes_clause(doc, start, rule.reps_codes, rule.clause_commas):
            return False
        if rule.area_follows and end not in _per_doc(doc, "area_starts", lambda: {s.start for s in doc.spans.get(AREAS, [])}):
            return False
        if rule.after_codes and not self._after_code(doc, start, rule.after_codes):
            return False
        if rule.after_techniques and not self._after_technique_of(doc, start, rule.after_techniques):
            return False
        if rule.after_technique and start not in self._technique_ends(doc) and not (
            rule.after_technique_gap and start > 0 and self._in_set(doc[start - 1], rule.after_technique_gap)
            and self._closes_technique_clause(doc, start - 1)
        ):
            return False
        return True

    def _after_code(self, doc: Doc, start: int, codes: list[str]) -> bool:
        """A technique of one of ``codes`` ends right before the count ("MFR 15 R piriformis")."""
        by_end = _per_doc(doc, "technique_by_end", lambda: {s.end: (s, h) for s, h in hits(doc, TECHNIQUES)})
        found = by_end.get(start)
        return found is not None and self.by_id[found[1].technique].cpt in codes

    @staticmethod
    def _after_technique_of(doc: Doc, start: int, techniques: list[str]) -> bool:
        """One of ``techniques`` ends right before the count ("MFR x12 R UT")."""
        by_end = _per_doc(doc, "technique_by_end", lambda: {s.end: (s, h) for s, h in hits(doc, TECHNIQUES)})
        found = by_end.get(start)
        return found is not None and found[1].technique in techniques

    def _elliptical(self, doc: Doc, start: int, end: int, full: list[tuple[str, int, int]]) -> bool:
        """An area follows the count past determiners, and minutes with their unit came earlier in
        its written sentence ("forty minutes on her low back, and then fifteen on her glutes")."""
        areas = _per_doc(doc, "area_starts", lambda: {s.start for s in doc.spans.get(AREAS, [])})
        k = end
        gap = vocab.words("ELLIPTICAL_AREA_GAP")
        while k < len(doc) and k not in areas and doc[k].lower_ in gap and k - end < 3:
            k += 1
        if k not in areas:
            return False
        # the sentence as written, not as split at a run-on's "and then": no full stop between
        return any(e <= start and start - e <= _ELLIPSIS_REACH
                   and not any(t.text in _FULL_STOPS or "\n" in t.text for t in doc[e:start]) for _, s, e in full)

    @staticmethod
    def _sentence_final_count(doc: Doc, start: int, end: int) -> bool:
        """"Massage to the calf, effleurage and petrissage, x15.": a times-sign count set off by a
        comma after a technique's clause and closing its sentence is that clause's minutes; a
        flowsheet's reps stand glued to each exercise ("bridges x15, clams x15")."""
        return (start > 0 and doc[start - 1].text == "," and (end >= len(doc) or doc[end].text in _FULL_STOPS)
                and DurationMatcher._closes_technique_clause(doc, start - 1))

    @staticmethod
    def _closes_technique_clause(doc: Doc, gap: int) -> bool:
        """A technique ends right before the gap, or earlier in the sentence with only words of its
        areas between, no number ("myofascial release on the right hamstring, ten."); items set off
        by commas on the way may only name areas or sides ("trigger point on the glutes, both
        sides, fifteen."): a comma before any other word ends the search. A person's title (NAME_TITLE)
        ends it too: the count after a titled name set off by commas is the person's age."""
        ends = DurationMatcher._technique_ends(doc)
        in_area = _per_doc(doc, "area_tokens", lambda: {i for s in doc.spans.get(AREAS, []) for i in range(s.start, s.end)})
        item_words = vocab.words("SIDE_ITEM", "LIST_JOINER", "SIDE_OR_OWNER", "AREA_HEADING_FILLER")
        k, item_only = gap, True  # whether the item since the last comma names only areas or sides
        while k > 0 and gap - k <= _CLAUSE_REACH:
            if k in ends:
                return True
            tok = doc[k - 1]
            if tok.text == "," and item_only:  # the item after it named only areas or sides: go on
                k -= 1
                continue
            if tok.like_num or tok.is_sent_start or tok.text in {".", ";", ":", ","}:
                return False
            if tok.lower_ in vocab.words("NAME_TITLE"):
                return False  # "comfort massage - Mr. Whitaker, 72, end-stage COPD": a name, then its age
            item_only = item_only and (k - 1 in in_area or tok.lower_ in item_words)
            k -= 1
        return False

    @staticmethod
    def _technique_later_in_sentence(doc: Doc, end: int) -> bool:
        """Whether a technique starts after ``end`` in the sentence that holds it."""
        stop = doc[end - 1].sent.end if end > 0 else len(doc)
        return any(end <= s.start < stop for s, _ in hits(doc, TECHNIQUES))

    @staticmethod
    def _total_lists(doc: Doc, after: list, total_heads: set[int]) -> list[tuple[int, int]]:
        """The lists total headings open: from the colon to the written sentence's end (a full stop or
        a line break; "then" splits no list), where the minutes of the heading ("38 min timed total:")
        open their sentence. Token ranges."""
        if not total_heads:
            return []
        sents, out = sentences(doc), []
        for _, s, e in after:
            if s in total_heads:
                lo, _ = sents.bounds(s)
                lead = [t for t in doc[lo:s] if not (t.is_punct or t.is_space)]
                if 0 < len(lead) <= _HEADING_LEAD and lead[0].like_num:
                    hi = next((t.i for t in doc[e + 1 : e + 1 + _LIST_REACH] if t.text in _FULL_STOPS or "\n" in t.text),
                              min(len(doc), e + 1 + _LIST_REACH))
                    out.append((e + 1, hi))
        return out

    def _in_total_list(self, doc: Doc, start: int, end: int, reps_codes: list[str]) -> bool:
        """The count is an item's minutes in a list a total heads: glued before the item's technique
        ("26 TE") or in brackets closing the item ("MFR pec minor B/L (15)"). After an exercise of a
        code counted in reps ("bridges (10)") only where the service itself is named."""
        within = next(((lo, hi) for lo, hi in doc.user_data.get("scribe_durations_total_lists", ()) if lo <= start and end <= hi), None)
        if within is None:
            return False
        services = self._service_ends(doc)

        def minutes_kind(span, hit) -> bool:
            return span.end in services or self.by_id[hit.technique].cpt not in reps_codes

        techs = list(hits(doc, TECHNIQUES))
        glued = [(sp, h) for sp, h in techs if sp.start == end]
        if glued:
            return any(minutes_kind(sp, h) for sp, h in glued)
        if start > 0 and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ")":
            opened = max((i + 1 for i in range(within[0], start - 1) if doc[i].text == ")"), default=within[0])
            return any(minutes_kind(sp, h) for sp, h in techs if opened <= sp.start and sp.end <= start)
        return False

    def _service_ends(self, doc: Doc) -> set[int]:
        """Where a technique named by its billed service ends ("TE", "n m r", "manual therapy")."""
        return _per_doc(doc, "service_ends", lambda: {
            s.end for s, h in hits(doc, TECHNIQUES) if s.text.lower() in self.service_names.get(h.technique, ())})

    def _closes_clause(self, doc: Doc, start: int, reps_codes: list[str], commas: bool = False) -> bool:
        """The count ends a clause that names a technique, with only words of its areas and exercises
        between, no number, no punctuation but a sign joining items ("neck + upper traps"), no pain
        word ("swedish neck and upper traps twenty.",
        "t e heel drops off the step twenty"). After an exercise of a code counted in reps
        ("clamshells ten.") it is minutes only when the clause names the service itself. With ``commas``
        (a count with its own unit) a comma between area words is read through, as a list of areas."""
        by_end = _per_doc(doc, "technique_by_end", lambda: {s.end: (s, h) for s, h in hits(doc, TECHNIQUES)})
        k, found = start, []
        while k > 0 and start - k <= _CLAUSE_REACH:
            if k in by_end:
                found.append(by_end[k])
            tok = doc[k - 1]
            if tok.is_sent_start or tok.like_num or tok.norm_ == "__num__" or self._in_set(tok, "PAIN_WORD"):
                break
            if tok.text == ")":  # "IASTM (graston) rt plantar fascia 6m": an aside in brackets is read through
                opened = next((i for i in range(k - 2, max(-1, k - 2 - _CLAUSE_REACH), -1) if doc[i].text == "("), None)
                if opened is not None:
                    found += [by_end[i] for i in range(opened + 1, k) if i in by_end]
                    k = opened
                    continue
            if commas and tok.text == "," and k - 2 in _per_doc(
                    doc, "area_tokens", lambda: {i for s in doc.spans.get(AREAS, []) for i in range(s.start, s.end)}):
                k -= 1  # "release sole of the foot, plantar fascia, 8m": the areas listed, then the minutes
                continue
            if tok.is_punct and not self._in_set(tok, "ITEM_JOIN_SIGN"):  # "neck + upper traps 25": one list of areas
                break
            k -= 1
        by_id = vocab.technique_by_id()
        return any(by_id[h.technique].cpt not in reps_codes or s.text.lower() in self.service_names.get(h.technique, ())
                   for s, h in found)

    def _time_point(self, doc: Doc, start: int, end: int) -> bool:
        """Minutes after "after"/"within"/"every" (past "about", "an") that name no technique are a
        moment ("sore after an hour of sitting" aside, "a five after about an hour"), not a service's
        time; "after ten minutes of heat" still says how long the heat was on."""
        if end < len(doc) and self._in_set(doc[end], "TIME_MARK"):
            return True  # "snoring by the twenty minute mark": a moment of the visit, not a service's time
        if end < len(doc) and (self._in_set(doc[end], "TIME_INTO") or self._how_far_in(doc, start, end)):
            return True  # "asleep ten minutes in.", "twenty minutes into the massage": how far in, not how long
        if end < len(doc) and self._in_set(doc[end], "TIME_OFFSET"):
            return True  # "her ride came 20 min early", "started ten minutes late": a shift of the clock, not a service's time
        k = start
        while k > 0 and doc[k - 1].lower_ in _SKIPPABLE and start - k < 3:
            k -= 1
        return k > 0 and self._in_set(doc[k - 1], "TIME_POINT") and not self._names_technique(doc, end)

    @staticmethod
    def _technique_in_clause(doc: Doc, start: int) -> bool:
        """Whether a technique is named in the clause (sentence) before ``start``."""
        lo = doc[start].sent.start
        if lo == start and start > 0 and doc[start - 1].text == ",":
            lo = doc[start - 1].sent.start  # "balance on foam, we only had ...": the subject opened a clause
        return any(lo <= span.start < start for span, _ in hits(doc, TECHNIQUES))

    def _how_far_in(self, doc: Doc, start: int, end: int) -> bool:
        """Minutes closing a sentence with "in" ("she fell asleep ten minutes in."), unless the sentence
        says they were got in or fit in: "we got twenty-five minutes in" is the time done."""
        if not self._in_set(doc[end], "TIME_IN_CLOSED"):
            return False
        if end + 1 < len(doc) and doc[end + 1].text not in ".!?":
            return False
        sent = doc[start].sent
        return not any(self._in_set(t, "TIME_IN_DONE") for t in doc[sent.start:start])

    def _measured(self, doc: Doc, start: int, end: int) -> bool:
        """Numbers said of a motion ("flexion went from", "knee range of motion from") or in degrees,
        or in a sentence about the heart rate, or right after one ("heart rate one thirty to one
        thirty-five", "kept his pulse between one twenty and one forty"): beats a minute, not times of day."""
        if end < len(doc) and self._in_set(doc[end], "DEGREE"):
            return True
        # the sentence before too: "a heart rate of one fifty, so today ... holding her between one twenty
        # and one twenty-five" is split where the dictation ran on
        first, last = sentences(doc).bounds(start)
        first = sentences(doc).bounds(first - 1)[0] if first > 0 else first
        lo, hi = max(first, start - _HEART_RATE_REACH), min(last, end + _HEART_RATE_REACH // 4)
        if any(self._in_set(t, "HEART_RATE_WORD") or (self._in_set(t, "HEART_RATE_HEAD") and t.i + 1 < len(doc)
                                                      and self._in_set(doc[t.i + 1], "HEART_RATE_TAIL"))
               for t in doc[lo:hi]):
            return True
        k = start
        while k > 0 and self._in_set(doc[k - 1], "MEASURE_LINK") and start - k < 5:
            k -= 1
        return k > 0 and self._in_set(doc[k - 1], "MEASURED_MOTION")

    def _closes_one_code_list(self, doc: Doc, start: int, full: list[tuple[str, int, int]]) -> bool:
        """"core strengthening, bird dog, dead bug, pelvic tilt, total 25 min": two or more techniques
        of one code earlier in the sentence, none with minutes of its own between them and the total,
        which adds up that list. A list of several codes under a total is the session's time."""
        sent = doc[start].sent
        listed = [(s, h) for s, h in hits(doc, TECHNIQUES) if sent.start <= s.start and s.end <= start]
        if len(listed) < 2 or len({self.by_id[h.technique].cpt for _, h in listed}) != 1:
            return False
        first = listed[0][0].start
        return not any(first <= s < start for _, s, _ in full)

    def _heads_the_visit(self, doc: Doc, start: int, end: int, full: list[tuple[str, int, int]]) -> bool:
        """A clock range said before any technique, in a sentence that names none, in a note whose
        services have minutes of their own after it: the times of the visit (a school or home visit's
        header), not of one service, so its length is the session's."""
        first = min(self._technique_starts(doc), default=len(doc))
        return (first >= sentences(doc).bounds(start)[1] and first >= end
                and any(s >= end and self.rules[k].kind not in CLOCK_KINDS for k, s, _ in full))

    def _continues_technique(self, doc: Doc, start: int) -> bool:
        """Start and stop times said as a verb with no subject, after a comma, in a sentence that names
        one technique before them ("did Swedish on the back, started at 2:10 and finished at 2:40"): the
        technique is what started and finished, so the times are its own, not the visit's. The therapist
        may be named as the subject ("effleurage to the calves, I started at 2:10 ..."): still the
        technique's times, as the clause goes on from it."""
        if start < 1 or not self._in_set(doc[start], "CLOCK_START_VERB"):
            return False
        comma = start - 1
        if comma >= 1 and self._in_set(doc[comma], "CLOCK_THERAPIST_SUBJECT"):
            comma -= 1  # ", we started at ...": the one who did the technique, not the client arriving
        if doc[comma].text != ",":
            return False
        lo = doc[comma].sent.start
        return sum(1 for s in self._technique_starts(doc) if lo <= s < start) == 1

    def _names_technique(self, doc: Doc, end: int) -> bool:
        """A technique follows, past "of" and determiners ("twenty minutes of deep tissue")."""
        k, starts = end, self._technique_starts(doc)
        while k < len(doc) and k not in starts and doc[k].lower_ in self.determiners and k - end < 3:
            k += 1  # "of deep tissue": a modifier that opens the technique's own name stays in it
        return k > end and k in starts

    def _got_in_for(self, doc: Doc, start: int, end: int) -> bool:
        """Minutes got in, then what they were of ("only got nine minutes in: effleurage to the
        calves"): the service's time, as "got nine minutes of effleurage" is, not the session's."""
        if end >= len(doc) or not self._in_set(doc[end], "TIME_IN_CLOSED"):
            return False
        sent = doc[start].sent
        return any(self._in_set(t, "TIME_IN_DONE") for t in doc[sent.start:start]) and self._names_technique(doc, end + 1)

    def _in_set(self, token, name: str) -> bool:
        attr, values = self._set_of(name)
        text = token.norm_ if attr == "NORM" else token.text if attr == "ORTH" else token.lower_
        return text in values

    def _set_of(self, name: str) -> tuple[str, frozenset[str]]:
        """A token set as (attribute, words), read once: it is asked for per token."""
        found = self._sets.get(name)
        if found is None:
            attr, value = next(iter(self.token_sets[name.lstrip("$")].items()))
            found = self._sets[name] = (attr, frozenset(value["IN"]) if isinstance(value, dict) else frozenset([value]))
        return found

    @staticmethod
    def _technique_starts(doc: Doc) -> set[int]:
        return _bounds(doc)[0]

    @staticmethod
    def _technique_ends(doc: Doc) -> set[int]:
        return _bounds(doc)[1]


def _marker_names_it(doc: Doc, end: int, after: list[tuple[int, int, int]]) -> bool:
    """A session marker said right after the minutes takes in the whole technique name that follows
    ("forty minutes of hands-on work" where "of hands-on work" is itself a marker of the hands-on
    total): the marker list says that name is the visit's total here, so it is no service's own."""
    reach = max((e for _, s, e in after if s == end), default=None)
    if reach is None:
        return False
    return any(end <= t.start and t.end <= reach for t in doc.spans.get(TECHNIQUES, []))


def _bounds(doc: Doc) -> tuple[set[int], set[int]]:
    """Technique starts and ends: every bare count asks."""
    return _per_doc(doc, "bounds", lambda: ({s.start for s in doc.spans.get(TECHNIQUES, [])},
                                            {s.end for s in doc.spans.get(TECHNIQUES, [])}))


def _elapsed_with_hours(doc: Doc, start: int, end: int) -> tuple[int, None] | None:
    """A reading with hours ("1:05", "1:00:00") is elapsed time where the note says so: written with
    seconds, as software exports a duration; in a column whose header names elapsed time ("Dur",
    "h:mm"); or after such a label ("Duration: 1:10"). Elsewhere "1:05" is five past one."""
    table = numbers(doc)
    i = next((k for k in range(start, end) if k in table.clock), None)
    if i is None or not 0 < table.clock[i] <= MAX_SESSION_MINUTES:
        return None
    if i in table.stopwatch or _labelled_duration(doc, i):
        return table.clock[i], None
    cells = _per_doc(doc, "duration_cells", lambda: duration_cells(text_of(doc)))
    return (table.clock[i], None) if any(lo <= doc[i].idx < hi for lo, hi in cells) else None


def _labelled_duration(doc: Doc, i: int) -> bool:
    """A duration label ends right before the reading, past a colon or a dash ("Dur: 1:05")."""
    k = i - 1
    while k >= 0 and (doc[k].is_space or doc[k].text in {":", "-", "=", "–"}):
        k -= 1
    return k >= 0 and doc[k].lower_ in duration_labels()


_CLOCK_POINT_LEAD = vocab.words("CLOCK_POINT_LEAD")
_TIMELINE_POINTS = 3  # two times alone are the visit's in and out, read by the clock rules
_TIMELINE_GAP = 120  # minutes between two times of one visit, at most


def _clock_timeline(doc: Doc, found: list[tuple[Span, DurationHit]]) -> list[tuple[Span, DurationHit]]:
    """"On the table at 3:05 for manual, switched to exercise at 3:25, wrapped up at 3:50": times
    of day said one by one as the visit moved on. Each time but the last opens a block that runs to
    the next one, and its minutes are read where the time is said, so linking ties them to the
    service named there. Read only where at least three such times rise in one paragraph and no
    other reading holds them."""
    clock = numbers(doc).clock
    if len(clock) < _TIMELINE_POINTS:
        return []
    held = {i for span, _ in found for i in range(span.start, span.end)}
    points = [i for i in sorted(clock) if i > 0 and i not in held and doc[i - 1].lower_ in _CLOCK_POINT_LEAD]
    out: list[tuple[Span, DurationHit]] = []
    run: list[int] = []
    for i in points + [None]:
        if i is not None and run and _same_block(doc, run[-1], i) and 0 < clock[i] - clock[run[-1]] <= _TIMELINE_GAP:
            run.append(i)
            continue
        if len(run) >= _TIMELINE_POINTS:
            out.extend((doc[a - 1 : a + 1], DurationHit(rule_id="durations/dur.clock_timeline", minutes=clock[b] - clock[a]))
                       for a, b in zip(run, run[1:]))
        run = [i] if i is not None else []
    return out


def _same_block(doc: Doc, a: int, b: int) -> bool:
    """No paragraph break between two tokens."""
    return not any(t.is_space and "\n\n" in t.text for t in doc[a:b])


def _table_minutes(doc: Doc, found: list[tuple[Span, DurationHit]]) -> list[tuple[Span, DurationHit]]:
    """A bare count alone in a markdown table's minutes column ("| Ultrasound | 8 | R knee |") is
    that row's minutes: the header says the unit a spoken note would say (components/tables.py)."""
    taken = {i for span, _ in found for i in range(span.start, span.end)}
    out = []
    for lo, hi in minute_cells(text_of(doc)):
        span = doc.char_span(lo, hi)
        if span is None or taken.intersection(range(span.start, span.end)):
            continue
        out.append((span, DurationHit(rule_id="templates/table.minutes", minutes=int(span.text))))
    return out


_HEADING_LEAD = 3  # words before a total heading's own words: "38 min", "about 40 min"
_LIST_REACH = 40  # tokens a total heading's list runs at most


def _per_doc(doc: Doc, name: str, build):
    """What the durations read of the techniques, computed once per Doc (the techniques component
    has run; nothing here moves them): per count it made a long note quadratic."""
    key = f"scribe_durations_{name}"
    if key not in doc.user_data:
        doc.user_data[key] = build()
    return doc.user_data[key]


def _take_away(doc: Doc, found: list[tuple[Span, DurationHit]]) -> list[tuple[Span, DurationHit]]:
    """Minutes said after "minus"/"less" ("from quarter past ten to quarter past eleven, minus the
    first five minutes") come off the minutes said before them in the sentence; they are no
    service's time of their own."""
    sents = sentences(doc)
    out: list[tuple[Span, DurationHit]] = []
    for span, hit in found:
        prev = out[-1] if out else None
        if (prev is not None and _after_subtract(doc, span.start) and not prev[1].session
                and sents.of[prev[0].start] == sents.of[span.start] and prev[1].minutes > hit.minutes):
            prev[1].minutes -= hit.minutes
            if prev[1].minutes_max is not None:
                prev[1].minutes_max -= hit.minutes
            continue
        out.append((span, hit))
    return out


def _restated(doc: Doc, found: list[tuple[Span, DurationHit]]) -> list[tuple[Span, DurationHit]]:
    """The same minutes said again in other words right after, set off only by a comma, a bracket
    or "i.e." (DURATION_APPOSITION_GAP): "one quarter of hour, fifteen minutes", "half an hour (30
    min)"; or by nothing at all where speech-to-text wrote no punctuation ("6 minutes 3:15 to
    3:21"). A speaker glosses the time; it is one block, not two. The same words twice ("15 min,
    15 min") may be two blocks and stay so."""
    gap = vocab.words("DURATION_APPOSITION_GAP")
    out: list[tuple[Span, DurationHit]] = []
    for span, hit in found:
        prev = out[-1] if out else None
        if (prev is not None and prev[0].end <= span.start and span.start - prev[0].end <= 2
                and all(t.lower_ in gap for t in doc[prev[0].end : span.start])
                and (prev[1].minutes, prev[1].minutes_max, prev[1].session) == (hit.minutes, hit.minutes_max, hit.session)
                and prev[0].text.lower() != span.text.lower()):
            continue
        out.append((span, hit))
    return out


def _part_of_stated(doc: Doc, found: list[tuple[Span, DurationHit]]) -> list[tuple[Span, DurationHit]]:
    """A share of minutes already said, named as such: "TherEx x24': ... bike (6' of the 24')".
    The block was counted when first said; the share is time inside it and the whole is said
    again, so neither is a block of its own. Only when the whole repeats minutes said before."""
    out: list[tuple[Span, DurationHit]] = []
    skip: set[int] = set()
    for n, (span, hit) in enumerate(found):
        nxt = found[n + 1] if n + 1 < len(found) else None
        if (nxt is not None and [t.lower_ for t in doc[span.end : nxt[0].start]] in (["of", "the"], ["of"])
                and not hit.session and not nxt[1].session and hit.minutes < nxt[1].minutes
                and any(h.minutes == nxt[1].minutes for _, h in found[:n])):
            skip.update((n, n + 1))
        if n not in skip:
            out.append((span, hit))
    return out


def _after_subtract(doc: Doc, start: int) -> bool:
    k = start
    while k > 0 and doc[k - 1].lower_ in _SUBTRACT_SKIP and start - k < 3:
        k -= 1
    return k > 0 and doc[k - 1].lower_ in _SUBTRACT


def _remainders(doc: Doc, found: list[tuple[Span, DurationHit]], remainders: list) -> list[tuple[Span, DurationHit]]:
    """Minutes worked out from a total said before: a share of it ("first third" of a 45-minute
    visit, "a third of it": 15, only when it divides evenly), one end of it ("forty minutes on the
    table, the last seven were ..."), and "the rest" / "everything else": the total less its parts
    said before. The total is the one the phrase names ("the rest of the hour") or the last
    session-length or hands-on total said before it; the parts are the minutes said between that
    total and the phrase, those worked out here included, in the order they were said ("first third
    was ..., the rest was ..."), and the asides spent on no service ("ten of that was intake"), which
    are no service's minutes. "The rest split evenly between A and B" gives each its share. No
    total, or nothing left: no reading."""
    taken = {i for span, _ in found for i in range(span.start, span.end)}
    known = list(found)  # every reading so far, asides included, in the note's order
    out, asides = [], set()
    table = numbers(doc)
    for rule, start, end in sorted(remainders, key=lambda r: r[1]):
        if taken.intersection(range(start, end)):
            continue
        before = [(span, hit) for span, hit in known if span.end <= start]
        totals = [n for n, (_, hit) in enumerate(before) if hit.session]
        total = before[totals[-1]][1].minutes if totals else 0
        got: list[tuple[Span, DurationHit]] = []
        if rule.kind == "repeat":  # "same again on the left leg": the service minutes said last
            said = [hit for span, hit in before if not hit.session and id(span) not in asides]
            if said:
                got = [(doc[start:end], DurationHit(rule_id=f"durations/{rule.id}", minutes=said[-1].minutes))]
        elif rule.kind == "session_fraction":  # "first third" of the visit said before
            if total and total % rule.parts == 0:
                got = [(doc[start:end], DurationHit(rule_id=f"durations/{rule.id}", minutes=total // rule.parts))]
        elif rule.kind in ("session_part", "aside"):  # "the last seven", "ten of that was intake"
            value = next((table.value[i] for i in range(start, end) if i in table.value), None)
            if total and isinstance(value, int) and 0 < value < total and not _measured(doc, end):
                got = [(doc[start:end], DurationHit(rule_id=f"durations/{rule.id}", minutes=value))]
        else:
            named = next((table.value[i] for i in range(start, end) if i in table.value), None) if rule.total_named else None
            if rule.total_named and not isinstance(named, int):
                continue
            if rule.minutes is not None or named is not None:
                total, parts = rule.minutes or named, before[totals[-1] + 1:] if totals else before
            elif totals:
                parts = before[totals[-1] + 1:]
            else:
                continue
            left = total - sum(hit.minutes for _, hit in parts if not hit.session)
            if parts and 0 < left < total:
                got = _shared(doc, rule, start, end, left)
        for span, hit in got:
            known.append((span, hit))
            known.sort(key=lambda f: f[0].start)
            if rule.kind == "aside":
                asides.add(id(span))
            else:
                out.append((span, hit))
    return out


def _shared(doc: Doc, rule, start: int, end: int, left: int) -> list[tuple[Span, DurationHit]]:
    """"The rest" is one reading, unless it is "split evenly between" the techniques named after it
    in its sentence: then each has an equal share (whole minutes; billing never invents any), read
    from the words that lead to it (the phrase for the first, the joiner before each next one)."""
    one = [(doc[start:end], DurationHit(rule_id=f"durations/{rule.id}", minutes=left))]
    k = end
    while k < len(doc) and k - end < _SPLIT_REACH and doc[k].lower_ not in _SPLIT_WORDS:
        k += 1
    if k >= len(doc) or doc[k].lower_ not in _SPLIT_WORDS:
        return one
    k += 1
    while k < len(doc) and doc[k].lower_ in _SPLIT_EVENLY:
        k += 1
    if k >= len(doc) or doc[k].lower_ not in _SPLIT_BETWEEN:
        return one
    stop = doc[k].sent.end
    named, seen = [], set()
    for span, hit in hits(doc, TECHNIQUES):
        if k < span.start < stop and hit.technique not in seen and span.start - 1 > k - 1:
            seen.add(hit.technique)
            named.append(span)
    if len(named) < 2:
        return one
    share = left // len(named)
    out = [(doc[start:k + 1], DurationHit(rule_id=f"durations/{rule.id}", minutes=share))]
    for span in named[1:]:
        lead = doc[span.start - 1]
        if lead.like_num or lead.i <= k:
            return one
        out.append((doc[lead.i:lead.i + 1], DurationHit(rule_id=f"durations/{rule.id}.share", minutes=share)))
    return out


def _block_details(doc: Doc, full: list[tuple[str, int, int]], clocks: set[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Where a block's details are listed: after "Ther ex 23 min:" (or "Ther ex (23 min):") to the end
    of its sentence, with the code of the technique the minutes are for. The block has its minutes;
    a count in its list ("press-ups x10", "bike 8 min") is reps or a part of the block, not more
    minutes, while the list names only that code.

    A clock block ("TherAct 0934-0946 overhead lift 5# x15", "0925-0934 NMRE: ...") needs no colon:
    its times bound the block, so what follows them in its sentence is its list (``clocks``: the ids
    of the clock-range rules), and its technique may follow the times. Written as a flowsheet's
    24-hour times, without a colon, the block is a typed row: its list runs to the row's end across
    the commas a sentence splitter cuts at, and on through the indented rows a row ending in a
    colon opens."""
    sents = sentences(doc)
    by_id = vocab.technique_by_id()
    techniques = list(hits(doc, TECHNIQUES))
    out = []
    for key, start, end in full:
        clock = key in clocks
        if end < len(doc) and doc[end].text == ")":
            end += 1
        if not clock and (end >= len(doc) or doc[end].text not in {":", "):"}):
            continue
        sent_start, sent_end = sents.bounds(start)
        owner = [h for sp, h in techniques if sent_start <= sp.start and sp.end <= start]
        if clock and not owner:
            owner = [h for sp, h in techniques if end <= sp.start < sent_end][:1]
        if owner:
            row = clock and not any(":" in t.text for t in doc[start:end])  # "0810-0832": a flowsheet row's times
            out.append((end, max(sent_end, _row_end(doc, start)) if row else sent_end, by_id[owner[-1].technique].cpt))
    return out


def _row_end(doc: Doc, at: int) -> int:
    """The token end of the typed row token ``at`` is on, and of the indented rows under it when the
    row ends in a colon ("TherAct 0900-0930 work sim:" then "   crate lift ..." rows)."""
    text = text_of(doc)
    end_char = text.find("\n", doc[at].idx)
    end_char = len(text) if end_char < 0 else end_char
    if text[:end_char].rstrip().endswith(":"):
        while end_char < len(text) and text[end_char + 1:end_char + 2] in (" ", "\t"):
            nxt = text.find("\n", end_char + 1)
            end_char = len(text) if nxt < 0 else nxt
    span = doc.char_span(doc[at].idx, max(end_char, doc[at].idx + 1), alignment_mode="expand")
    return span.end if span is not None else at + 1


def _in_details(doc: Doc, start: int, details: list[tuple[int, int, str]]) -> bool:
    """A count inside a block's list that names no technique of another code before it."""
    by_id = vocab.technique_by_id()
    for lo, hi, cpt in details:
        if lo <= start < hi and all(by_id[h.technique].cpt == cpt for sp, h in hits(doc, TECHNIQUES)
                                    if lo <= sp.start < start):
            return True
    return False


def _measured(doc: Doc, end: int) -> bool:
    """A count with a unit of its own after it is no minutes: "step-ups 8 in", "10 lbs", "3 sets".
    "in" is inches only where it ends the clause ("8 in,"), not before an area ("ten in the back")."""
    if end >= len(doc):
        return False
    word = doc[end].lower_
    if word in _NOT_MINUTES:
        return True
    if _arc(doc, end) or _measured_range(doc, end):
        return True
    return word == "in" and (end + 1 == len(doc) or doc[end + 1].is_punct or doc[end + 1].is_space)


def _measured_range(doc: Doc, end: int) -> bool:
    """The first count of a range whose unit is said once, after its second count ("abduction from
    about 25 to 35 degrees", "about 10 to 12 reps"): the unit is the first count's too, so no minutes."""
    if end + 2 >= len(doc) or doc[end].lower_ not in _MEASURE_RANGE_JOIN:
        return False
    return doc[end + 1].norm_ == NUM and doc[end + 2].lower_ in _NOT_MINUTES


def _arc(doc: Doc, end: int) -> bool:
    """A count, a dash and a smaller count is an arc of motion ("LAQ 90-45", "flexion 120-90"),
    not minutes: a span of time is written from the lower number to the higher."""
    if end + 1 >= len(doc) or doc[end].text not in ("-", "–", "—") or end < 1:
        return False
    first, second = doc[end - 1].text, doc[end + 1].text
    return first.isdigit() and second.isdigit() and int(second) < int(first)


def _minutes(rule, span: Span, table) -> tuple[int, int | None] | None:
    """(minutes, upper bound of a range) for a matched span, or None when it makes no sense."""
    if rule.kind == "fixed":
        return rule.minutes, None
    if rule.kind == "clock":
        times = [table.clock[i] for i in range(span.start, span.end) if i in table.clock]
        return _clock_range(times[0], times[-1], span, MAX_SESSION_MINUTES)
    if rule.kind == "elapsed":
        reading = [table.clock[i] for i in range(span.start, span.end) if i in table.clock]
        return (reading[0], None) if reading and 0 < reading[0] < 60 else None
    if rule.words_only and any(t.is_digit for t in span):
        return None
    if rule.kind == "spoken_clock":
        return _spoken_clock(span, table, min(rule.max_minutes or MAX_SESSION_MINUTES, MAX_SESSION_MINUTES))
    if rule.kind == "relative_clock":
        return _relative_clock(span, table, min(rule.max_minutes or MAX_SESSION_MINUTES, MAX_SESSION_MINUTES))
    nums = [table.value[i] for i in range(span.start, span.end) if i in table.value]
    if not nums:
        return None
    if rule.kind == "corrected":  # "ten minutes, no, eight": the count said last replaces the first
        minutes = round(nums[-1] * rule.unit_minutes)
        return (minutes, None) if len(nums) >= 2 and 0 < minutes <= MAX_SESSION_MINUTES else None
    if rule.kind == "hours_and_minutes":
        total = round(nums[0] * 60 + nums[1])
        return (total, None) if 0 < total <= MAX_SESSION_MINUTES else None
    if rule.kind == "range":
        low, high = sorted(round(n * rule.unit_minutes) for n in nums[:2])
        if not 0 < low <= MAX_SESSION_MINUTES or high > MAX_SESSION_MINUTES:
            return None
        return (low, high) if high != low else (low, None)
    minutes = round(nums[0] * rule.unit_minutes)
    return (minutes, None) if 0 < minutes <= MAX_SESSION_MINUTES else None


def _clock_range(start: int, stop: int, span: Span, limit: int) -> tuple[int, None] | None:
    """Minutes from one time of day to the next later one (12-hour clock, "pm" when said)."""
    ampm = [t.lower_ for t in span if t.lower_.strip(".") in _AMPM]
    if ampm and ampm[-1].startswith("p") and stop < 12 * 60 and start < 12 * 60 and start > stop:
        stop += 12 * 60
    while stop <= start:
        stop += 12 * 60
    minutes = stop - start
    return (minutes, None) if 0 < minutes <= limit else None


def _spoken_clock(span: Span, table, limit: int) -> tuple[int, None] | None:
    """A clock range with one or both times said as two numbers ("two ten", "2 10", "two oh five")."""
    times, minute_parts, side = [], [], []
    for tok in _after_from(span) + [None]:
        if tok is not None and side and _inner_hyphen(tok):
            continue  # "ten-oh-five": the hyphens join one time's words, they join no two times
        if tok is not None and tok.i in table.clock:
            times.append(table.clock[tok.i])
        elif tok is not None and (tok.i in table.value or tok.lower_ in _OH):
            side.append(tok)
            continue
        elif side:  # a join word, am/pm or the end closes a spoken time
            reading = _time_of(side, table)
            if reading is None:
                return None
            times.append(reading[0])
            minute_parts.append(reading[1])
        side = []
    if len(times) != 2 or minute_parts.count(_SCORE_MINUTES) == 2 or minute_parts.count(None) > 1:
        return None  # two bare hours ("from 7 to 3") are as likely pain scores as times
    return _clock_range(times[0], times[1], span, limit)


def _inner_hyphen(tok) -> bool:
    """A hyphen written between two words with no space ("ten-oh-five")."""
    doc = tok.doc
    return (tok.text in ("-", "–") and not tok.whitespace_ and tok.i > 0 and not doc[tok.i - 1].whitespace_
            and tok.i + 1 < len(doc))


def _after_from(span: Span) -> list:
    """The words of a clock range after its "from"/"between", when one opens it: a range said
    without one ("two ten to two forty") starts at its first time."""
    words = list(span)
    return words[1:] if words and words[0].lower_ in _CLOCK_FROM else words


def _relative_clock(span: Span, table, limit: int) -> tuple[int, None] | None:
    """A clock range with a time said from the hour ("from ten past two till twenty to three",
    "half past one till eight minutes to two", "from two to quarter past"). "to" both joins the two
    times and says "before the hour", so every join word is tried until both sides read as times."""
    words = _after_from(span)
    joins = vocab.words("CLOCK_JOIN")
    for j, tok in enumerate(words):
        if tok.lower_ not in joins or j == 0:
            continue
        start, stop = _from_the_hour(words[:j], table), _from_the_hour(words[j + 1:], table)
        if start is not None and stop is None:  # "from twenty to eleven till five past": the hour after
            stop = _hourless(words[j + 1:], table, start)
        elif start is None and stop is not None:  # "from half past to ten to eleven": the hour before
            start = _hourless_before(words[:j], table, stop)
        if start is not None and stop is not None:
            return _clock_range(start, stop, span, limit)
    return None


def _from_the_hour(tokens: list, table) -> int | None:
    """Minutes after midnight of "two", "2:10", "ten past two", "a quarter to three", "twenty
    minutes to two" (12-hour clock), or None when the words are no such time."""
    tokens = [t for t in tokens if t.lower_.strip(".") not in _AMPM and t.lower_ not in _ARTICLE
              and t.lower_ not in _CLOCK_SPAN_FILLER]  # "started at ten after four and went till ..."
    if len(tokens) == 1:
        if tokens[0].i in table.clock:
            return table.clock[tokens[0].i]
        hour = table.value.get(tokens[0].i)
        return hour * 60 if isinstance(hour, int) and 1 <= hour <= 12 else None
    if len(tokens) == 4 and tokens[1].lower_ in _MINUTE_WORDS:
        tokens = [tokens[0], tokens[2], tokens[3]]
    if len(tokens) != 3 or tokens[1].lower_ not in _CLOCK_PAST | _CLOCK_BEFORE:
        return _hour_and_minutes(tokens, table)
    offset = _CLOCK_FRACTION.get(tokens[0].lower_, table.value.get(tokens[0].i))
    hour = table.value.get(tokens[2].i)
    if not isinstance(offset, int) or not 1 <= offset <= 59 or not isinstance(hour, int) or not 1 <= hour <= 12:
        return None
    direction = tokens[1].lower_
    if direction in _CLOCK_PAST:
        return hour * 60 + offset
    if direction in _CLOCK_BEFORE:
        return hour * 60 - offset
    return None


def _hour_and_minutes(tokens: list, table) -> int | None:
    """The other side of a range said from the hour, when it is said as hour and minutes ("five past
    three to three thirty-five"): the spoken time's reading, or None."""
    if len(tokens) not in (2, 3):
        return None
    reading = _time_of(tokens, table)
    return reading[0] if reading is not None and reading[1] is not None else None


def _offset_and_direction(tokens: list, table) -> tuple[int, str] | None:
    """The minutes and the word after them of a time said without its hour ("twenty past", "quarter
    to"), articles and fillers left out; None unless exactly those two words remain."""
    tokens = [t for t in tokens if t.lower_ not in _ARTICLE and t.lower_ not in _CLOCK_SPAN_FILLER]
    if len(tokens) != 2:
        return None
    offset = _CLOCK_FRACTION.get(tokens[0].lower_, table.value.get(tokens[0].i))
    if not isinstance(offset, int) or not 1 <= offset <= 59:
        return None
    return offset, tokens[1].lower_


def _hourless(tokens: list, table, start: int) -> int | None:
    """A time said from an hour left out ("five past", "quarter to") after a full one: the first
    such time after ``start`` ("twenty to eleven till five past" ends at 11:05)."""
    said = _offset_and_direction(tokens, table)
    if said is None:
        return None
    offset, direction = said
    hour = start // 60
    if direction in _CLOCK_PAST:
        stop = hour * 60 + offset
    elif direction in _CLOCK_BEFORE:
        stop = (hour + 1) * 60 - offset
    else:
        return None
    return stop if stop > start else stop + 60


def _hourless_before(tokens: list, table, stop: int) -> int | None:
    """A time said past an hour left out ("half past", "twenty after") before a full one: the last
    such time before ``stop`` ("from half past to ten to eleven" starts at 10:30). "quarter to to
    ten past" is not read: the doubled "to" says neither side for sure."""
    said = _offset_and_direction(tokens, table)
    if said is None or said[1] not in _CLOCK_PAST:
        return None
    offset = said[0]
    start = stop // 60 * 60 + offset
    return start if start < stop else start - 60


def _time_of(tokens: list, table) -> tuple[int, int | None] | None:
    """(minutes after midnight, minutes part) of "two ten" / "2 10" / "two oh five", or of a bare
    hour ("from two to two thirty": minutes part None, allowed beside a full time only), or None.
    A leading "oh" says a 24-hour time the way a charted "0912" is read aloud ("oh nine twelve",
    "oh nine hundred"): the hour follows it, and "hundred" is its whole hour."""
    if len(tokens) > 1 and tokens[0].lower_ in _OH:
        return _military_time(tokens[1:], table)
    if len(tokens) == 1:
        hour = table.value.get(tokens[0].i)
        return (hour * 60, None) if isinstance(hour, int) and 1 <= hour <= 12 else None
    oh = len(tokens) == 3 and tokens[1].lower_ in _OH
    if len(tokens) != 2 + oh or tokens[0].lower_ in _OH or tokens[-1].lower_ in _OH:
        return None
    hour, minute = (table.value.get(t.i) for t in (tokens[0], tokens[-1]))
    if not isinstance(hour, int) or not isinstance(minute, int):
        return None
    digits = tokens[0].text[0].isdigit()
    if not (0 <= hour <= 23 if digits else 1 <= hour <= 12):
        return None
    written = tokens[-1].text
    if written[0].isdigit():
        ok = len(written) == 2 and not oh and minute <= 59  # Whisper writes "2 05", never "2 5"
    else:
        ok = 1 <= minute <= 9 if oh else 10 <= minute <= 59
    return (hour * 60 + minute, minute) if ok else None


def _military_time(tokens: list, table) -> tuple[int, int | None] | None:
    """A 24-hour time read aloud after its "oh" ("oh nine hundred", "oh nine twelve", "oh nine oh
    five"): an hour under ten with "hundred" is that hour sharp; otherwise an hour then its minutes."""
    if len(tokens) == 1:
        value = table.value.get(tokens[0].i)
        if isinstance(value, int) and _HUNDRED in tokens[0].lower_ and value % 100 == 0 and value // 100 <= 9:
            return value // 100 * 60, 0
        return None
    reading = _time_of(tokens, table)
    return reading if reading is not None and reading[0] < 10 * 60 else None


def _cell_gap_or(token, words: frozenset[str]) -> bool:
    """One of the words, or what separates the cells of a typed row: a run of spaces, a line
    break or a bar ("25m | Swedish", "Total      37'"). A row's count and its technique or
    marker stand apart by such gaps the way spoken ones stand apart by "of" or "about"."""
    return token.is_space or token.text == "|" or token.lower_ in words


_ROW_CELL = re.compile(r"[|,\t:]|\s{2,}")
_ROW_LABEL_REACH = 80  # characters: a totals label ("Total hands-on") is far shorter


def _totals_row(doc: Doc, index: int, labels: frozenset[str]) -> bool:
    """Whether the count stands on a table's totals row: the row's first cell is a total's label
    ("TOTAL,,00:38:00,", "TOTAL |  |  | 1:15", "Total hands-on: 0:40"). A totals row sums the rows
    above it; it is never a service of its own."""
    text = text_of(doc)
    lo = text.rfind("\n", 0, doc[index].idx) + 1
    # Only the row's opening characters can hold its first cell's label: reading from the line's
    # start to the count made a long unbroken dictation quadratic (a 50,000-word note took minutes).
    head = text[lo:min(doc[index].idx, lo + _ROW_LABEL_REACH)]
    first = _ROW_CELL.split(head.strip(" |\t*-"), maxsplit=1)[0].strip().lower()
    return first in labels


def _next_cell(doc: Doc, index: int, marks: set[int]) -> bool:
    """Whether a marker opens the next cell of the same row: a bar or a run of spaces, no line break,
    nothing else, between (a "Total" row below a technique's row is a row of its own)."""
    i = index
    while i < len(doc) and i - index < 3 and ((doc[i].is_space and "\n" not in doc[i].text) or doc[i].text == "|"):
        i += 1
    return i > index and i in marks


def _near(doc: Doc, index: int, marks: set[int], back: bool) -> bool:
    """Whether a session marker ends right before (or starts right after) index, skipping filler."""
    step = -1 if back else 1
    i = index
    for _ in range(3):
        if i in marks:
            return True
        probe = i - 1 if back else i
        if not 0 <= probe < len(doc) or not _cell_gap_or(doc[probe], _SESSION_JOIN):
            return False
        if not back and "\n" in doc[probe].text + doc[probe].whitespace_:
            # "| 8 min |" then "Session ended early" on the next line: the row's minutes are no session's
            return False
        i += step
    return i in marks


@Language.factory("scribe_durations")
def make_durations(nlp: Language, name: str) -> DurationMatcher:
    return DurationMatcher(nlp)


def _line_timed(doc: Doc, start: int, full: list[tuple[str, int, int]]) -> bool:
    """Whether the written line holding ``start`` already has minutes read with their unit: no line
    break between them. A flowsheet row times its block once, so a bare 'x10' on it counts reps."""
    def line_of(i: int) -> int:
        return sum(1 for t in doc[:i] if "\n" in t.text or "\n" in t.whitespace_)
    here = line_of(start)
    return any(line_of(s) == here for _, s, _ in full)


_SETS_BY_REPS = re.compile(r"(?<![\w\-/.])\d+\s?[x×]\s?\d+")  # "2x15", not "L3-5 x20" (a level, then minutes)


def _flowsheet_line(doc: Doc, start: int) -> bool:
    """Whether the written line holding ``start`` sits in an exercise flowsheet: the line just above
    or below it writes sets by reps ("2x15"). In such a block "Wall slides x10" is ten reps, the one
    exercise done for a single set, never ten minutes of it. Its own line is not asked: a spoken note
    is one long line, where "3 x20" may be a grade and minutes."""
    text, at = doc.text, doc[start].idx
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    above = text.rfind("\n", 0, max(line_start - 1, 0)) + 1 if line_start else line_start
    below = text.find("\n", line_end + 1) if line_end < len(text) else line_end
    below = len(text) if below < 0 else below
    return any(_SETS_BY_REPS.search(text, lo, hi) and text[lo:hi].strip()
               for lo, hi in ((above, line_start), (line_end, below)))


def _after_load(doc: Doc, start: int) -> bool:
    """A bare count right after a load ("crate lift 20# x10", "carry 30 lb x4") is how many times
    the load was moved, not minutes: a flowsheet writes the weight, then the reps with it."""
    return (start > 1 and doc[start - 1].lower_ in _LOAD_UNITS and doc[start - 2].like_num
            and doc[start].lower_ in _TIMES)


def _measure_or_rating(doc: Doc, start: int, end: int, minutes: int) -> bool:
    """The count at ``start:end`` is a measure or a rating, whichever bare rule matched it."""
    if _measured(doc, end) or _after_load(doc, start) or _on_scale(doc, start):
        return True
    if minutes > 10:
        return False
    # 'his low back was "a solid six"': a rating of the body part, not minutes
    if area_is_subject(doc, start, _per_doc(doc, "area_ends", lambda: {s.end for s in doc.spans.get(AREAS, [])})):
        return True
    if reported_score(doc, start):  # "she said a solid seven": the client's rating, not minutes
        return True
    if on_pain_scale(doc, end):  # "for a six on the FACES scale": a rating on a named pain scale
        return True
    # "the back's been killing her, a solid six": how bad the complaint is, not minutes
    return rates_complaint(doc, start, _per_doc(doc, "condition_ends", lambda: {s.end for s in doc.spans.get(CONDITIONS, [])}))


def _on_scale(doc: Doc, start: int) -> bool:
    """A bare count right after the name of a rating scale ("RPE 7 on the split squats", "Borg 13",
    "RIR 2", "MMT 4"), or after it and a colon or equals sign, is a rating on that scale, never minutes."""
    k = start - 1
    if k > 0 and doc[k].text in (":", "=", "of"):
        k -= 1
    return k >= 0 and doc[k].lower_ in _EFFORT_SCALES


def _label_number(doc: Doc, i: int) -> bool:
    """The number at ``i`` names a grade or a spinal level, so the count after it is no set of reps:
    "PA mobs gr 3 x20" and "PA mobs L3-5 x20" are twenty minutes, where "3 x 20" alone is sets."""
    if i > 0 and doc[i - 1].lower_ in _GRADE_WORDS:
        return True
    return i > 1 and doc[i - 1].text in _LEVEL_JOIN and bool(_SPINAL_LEVEL.match(doc[i - 2].text))
