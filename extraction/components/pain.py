"""Pain scores (pain.jsonl) on the 0-10 scale, with before/after from pain_timing.jsonl.

Timing, strongest evidence first: a cue right before the score ("down to", "from"), a cue
right after it ("7/10 before"), then the strongest, nearest cue earlier in the sentence
since the previous score ("on arrival ... 7/10"). A score the rules leave unspecified is
placed later by its position relative to the treatments (see extraction.outcome).
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

from extraction import vocab
from extraction.components.areas import opening_heading
from extraction.components.context import KinReporter
from extraction.matching import AnchoredMatcher
from extraction.spans import (
    AREAS,
    CONDITIONS,
    DURATIONS,
    PAIN,
    TECHNIQUES,
    PainHit,
    area_is_subject,
    first_of,
    longest,
    numbers,
    phrase_matcher,
    put,
    sentences,
)
from models import PainTiming

_SCALE_WORDS = {"over", "outta", "/"}
_HYPHENS = {"-", "\u2010", "\u2011"}
_DETERMINERS = vocab.words("SCORE_DETERMINER")
_LEAD_FILLER = vocab.words("SCORE_LEAD_FILLER")
_TIME_DETERMINERS = vocab.words("TIME_DETERMINER")
_COPULAS = vocab.words("COPULA")
_SCALE_OF = vocab.words("SCALE_OF")
_TEN_WORDS = vocab.words("TEN")
_AREA_DETERMINERS = vocab.words("PROP_DETERMINER")
_SESSION_WHOLE = vocab.words("SCORE_SESSION_WHOLE")  # "at the end of the visit", "following the functional block"
_SESSION_PART_REACH = 3  # words from the determiner to the session noun ("the functional block")
_FOLLOW_POSITIONS = ("follow",)  # pain_timing.jsonl cues said after the score they time


def _token_set(name: str) -> frozenset[str]:
    return vocab.words(name)


class PainMatcher:
    def __init__(self, nlp: Language):
        self.rules = {r.id: r for r in vocab.load("pain.jsonl")}  # type: ignore[attr-defined]
        self.matcher = AnchoredMatcher(nlp.vocab, [(r.id, vocab.expand_pattern(r.pattern)) for r in self.rules.values()])
        cues = vocab.load("pain_timing.jsonl")
        self.cues = {c.id: c for c in cues}  # type: ignore[attr-defined]
        self.cue_matcher = phrase_matcher(nlp, [(c.id, c.terms) for c in cues])  # type: ignore[attr-defined]
        self.pain_words = _token_set("PAIN_WORD")
        self.pain_hashes = {get_string_id(w) for w in self.pain_words}
        self.blockers = _token_set("SCORE_BLOCKER")
        # An activity word ends a score's clause ("a four reaching overhead") but, after a timing
        # word, names the activity, not the session ("4/10 after reaching": how it hurts, not after).
        self.activities = _token_set("ACTIVITY_WORD")
        self.clause_next = _token_set("CLAUSE_NEXT") | self.activities
        # "a five right now", "a six just now": a lead word before a clause word starts that clause
        self.clause_lead = _token_set("CLAUSE_NEXT_LEAD")
        # "a seven still": a trailing adverb stays in the score's clause
        self.trailer = _token_set("SCORE_CLAUSE_TRAILER")
        self.kin_reporter = KinReporter()
        self.count_nouns = _token_set("SCORE_COUNT_NOUN")
        # "visit 3/10": the third of ten visits, a fraction that is no score after such a noun
        self.visit_nouns = _token_set("VISIT_COUNT_NOUN")
        # "booked him Friday at 3": a day then "at" makes the number a time of day
        self.clock_days = _token_set("CLOCK_DAY")
        # "it's ten after two": minutes past an hour, a time of day; "a six after 2 sessions" counts
        self.clock_past = _token_set("CLOCK_PAST")
        self.hour_not_before = _token_set("CLOCK_HOUR_NOT_BEFORE")
        self.measure_units = _token_set("MEASURE_UNIT")
        # "flex 110 -> 118": a number right after a measured motion is its range in degrees, never
        # Whisper's "1 out of 10" run together
        self.measured_motions = _token_set("MEASURED_MOTION")
        # After a timing word, words that cannot be its object start the next clause ("a two
        # after real happy"): said of how the client felt, not of what the score came after.
        self.after_cue_next = _token_set("AFTER_CUE_NEXT")
        # Symptoms and scales scored 0-10 that are not pain (concussion and vestibular notes:
        # "dizziness six out of ten, neck pain four"); PCSS symptom list, DHI, RPE/Borg; sensory
        # symptoms, swelling and urinary urgency ("tingling resolved by the end", "urge 3/10").
        self.other_symptoms = _token_set("NON_PAIN_SYMPTOM")
        self.other_symptom_hashes = {get_string_id(w) for w in self.other_symptoms}
        # "headaches, has one today": after such a verb the word "one" stands for the noun, no score
        self.one_pronoun_lead = _token_set("ONE_PRONOUN_LEAD")
        self.location_leads = _token_set("SCORE_LOCATION_LEAD")
        # "Shaz left at 2/10": the client named before "left" makes it the verb, not the side
        self.cue_subjects = _token_set("CUE_SUBJECT")
        self.side_words = _token_set("SIDE_ITEM")
        # "8 of 10 reps", "9 of 10 correct trials": what a rule's not_followed_by names is counted
        self.counted = {r.not_followed_by: _token_set(r.not_followed_by.lstrip("$"))
                        for r in self.rules.values() if r.not_followed_by}
        self.count_qualifiers = _token_set("OF_TEN_COUNT_QUALIFIER")

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        taken = {i for s in doc.spans.get(DURATIONS, []) for i in range(s.start, s.end)}
        taken |= _restated_counts(doc)
        said = sorted(((s, e, self.cues[strings[k]]) for k, s, e in self.cue_matcher(doc)), key=lambda c: c[:2])
        if said:
            said = self._not_spatial(doc, said)
            said = [c for c in said if not c[2].needs_subject or self._has_subject(doc, c[0])]
        # A timing phrase said right after a score closes its clause as a clause word does: "a two
        # coming out", "a four heading out" read as "a two after" does.
        # The phrase is then the score's own words, as in the rules that spell it ("two afterwards").
        follow: dict[int, int] = {}
        for s, e, c in said:
            if c.position in _FOLLOW_POSITIONS:
                follow[s] = max(e, follow.get(s, e))
        candidates = {}
        for key, start, end in self.matcher(doc):
            rule = self.rules[strings[key]]
            if any(i in taken for i in range(start, end)):
                continue
            if rule.clause_final and not self._ends_clause(doc, end):
                if end not in follow:
                    continue  # not a reading here, so it blocks no other rule
                end = follow[end]
            if rule.punct_final and end < len(doc) and not (doc[end].is_punct or doc[end].is_space):
                continue
            if rule.not_followed_by and self._counted_next(doc, end, self.counted[rule.not_followed_by]):
                continue
            scores = self._scores(doc, rule, start, end)
            if scores:
                candidates[(rule.id, start, end)] = scores
        # Pain context: a pain word, a complaint ("upper back tension, 510") or a plain score
        # earlier in the note or in the same sentence. A rule that needs it and has none is no
        # reading, so it blocks no other rule ("was a seven" leaves "a seven").
        first_pain = min([first_of(doc, self.pain_hashes), self._opening_complaint(doc)]
                         + [s.start for s in doc.spans.get(CONDITIONS, [])]
                         + [s for k, s, _ in candidates if not (self.rules[k].needs_pain_word or self.rules[k].pain_word_in_note)]
                         + [len(doc)])
        sents = sentences(doc)
        # A score said of a body part ("the back was a seven") has its pain context in its subject.
        area_ends = {s.end for s in doc.spans.get(AREAS, [])}
        subject_ends = area_ends | {s.end for s in doc.spans.get(CONDITIONS, [])}
        candidates = {k: v for k, v in candidates.items() if not self.rules[k[0]].after_subject or k[1] in subject_ends}
        # A lone number after an area ("neck 3") is a score only because of the area; the area
        # cannot also be its pain context, which must come from the note ("Post: neck 3").
        said_of_area = {k for k in candidates if not (self.rules[k[0]].after_subject and self.rules[k[0]].kind == "score")
                        and (k[1] in area_ends
                             or (k[1] - 1 in area_ends and doc[k[1] - 1].lower_ in _COPULAS)
                             or area_is_subject(doc, k[1], area_ends))}
        chosen = longest(k for k in candidates
                         if not (self.rules[k[0]].needs_pain_word and k not in said_of_area
                                 and first_pain >= sents.bounds(k[1])[1])
                         and not (self.rules[k[0]].pain_word_in_note and not self._speaks_of_pain(doc))
                         and not (self.rules[k[0]].pain_word_in_sentence
                                  and self._no_pain_word_before(doc, sents.bounds(k[1])[0], k[1]))
                         and not (self.rules[k[0]].needs_pain_word and k not in said_of_area
                                  and self._earlier_value_of_a_measure(doc, sents.bounds(k[1])[0], k[1])))
        if chosen and not self.other_symptom_hashes.isdisjoint(doc.to_array(LOWER).tolist()):  # anchored
            chosen = self._of_pain(doc, sents, chosen, candidates)
        scores: list[tuple[int, int, int, int, str, PainTiming]] = []  # start, end, number, value, rule, timing
        for key, start, end in chosen:
            rule = self.rules[key]
            values = candidates[(key, start, end)]
            if rule.kind == "same":
                if scores:  # the score said last, again
                    scores.append((start, end, start, scores[-1][3], key, rule.timing))
                continue
            if rule.kind == "both":
                (s1, v1) = values[0]
                scores.append((s1, s1 + 1, s1, v1, key, PainTiming.before))  # one span a payload:
                scores.append((start, end, s1, v1, key, PainTiming.after))  # the score, then the phrase
                continue
            if rule.kind == "change" and len(values) > 1:
                (s1, v1), (s2, v2) = values[:2]
                scores.append((s1, s1 + 1, s1, v1, key, PainTiming.before))
                scores.append((s2, s2 + 1, s2, v2, key, PainTiming.after))
            else:
                scores.append((start, end, values[0][0], values[0][1], key, rule.timing))
        found = self._with_timing(doc, scores, said)
        put(doc, PAIN, found)
        return doc

    @staticmethod
    def _not_spatial(doc: Doc, said: list) -> list:
        """A timing phrase ending in "to" whose object is a body part ("swollen from the knee right
        down to the ankle", "strokes down to her waistband") traces the extent of an area, not a
        score dropping to a value: it times no score."""
        area_starts = {s.start for s in doc.spans.get(AREAS, [])}
        if not area_starts:
            return said
        kept = []
        for s, e, c in said:
            if doc[e - 1].lower_ == "to":
                j = e
                while j < len(doc) and doc[j].lower_ in _AREA_DETERMINERS:
                    j += 1
                if j in area_starts:
                    continue
            kept.append((s, e, c))
        return kept

    def _has_subject(self, doc: Doc, cs: int) -> bool:
        """Someone named right before a cue whose first word has another reading: a name ("Shaz left
        at 2 out of 10") or a word for the client (token set CUE_SUBJECT); after a comma or at a line's
        start "left at 3/10" is the left side's score."""
        if cs == 0:
            return False
        prev = doc[cs - 1]
        return prev.lower_ in self.cue_subjects or (prev.is_alpha and prev.is_title and prev.lower_ not in self.side_words)

    def _opening_complaint(self, doc: Doc) -> int:
        """0 when the note opens on a body area said alone, as its heading ("Neck, desk job. Seven
        today."; "Mid back today, she said a solid seven"): the area the client came in with, which
        is the pain context a later bare score is rated in, as a pain word is; else past the end."""
        return 0 if opening_heading(doc) is not None else len(doc)

    def _of_pain(self, doc: Doc, sents, chosen: list, candidates: dict) -> list:
        """The scores not said of a symptom other than pain. A score belongs to the nearest subject
        said before it in its sentence: a pain word, a complaint or a body part keeps it ("dizziness
        five and headache four": the four), a symptom that is not pain ("dizziness down to a two",
        "Dizziness went up to a six") takes it, unless a pain word, complaint or body part follows the
        number itself ("dizzy, 3/10 neck pain"). Only pain is recorded (domain.md section 8)."""
        said = {i for s in [*doc.spans.get(AREAS, []), *doc.spans.get(CONDITIONS, [])] for i in range(s.start, s.end)}

        def of_pain(i: int) -> bool:
            return doc[i].lower_ in self.pain_words or i in said

        kept = []
        for key, start, end in chosen:
            num = min([i for i, _ in candidates[(key, start, end)]] + [start])
            num = start if self.rules[key].kind == "fixed" else num
            if any(of_pain(i) for i in range(start, end)) or (end < len(doc) and of_pain(end)):
                kept.append((key, start, end))
                continue
            k, owner = num - 1, None
            while k >= sents.bounds(num)[0] and owner is None:
                aside = _aside_start(doc, sents.bounds(num)[0], k, num) if doc[k].lower_ in self.other_symptoms else None
                if aside is not None:
                    k = aside - 1  # "Neck pain, with the arm tingling, was a five": the aside is not the subject
                    continue
                if doc[k].lower_ in self.other_symptoms:
                    owner = "other"  # before the complaint test: "tingling" is a complaint, not pain
                elif of_pain(k):
                    owner = "pain"
                k -= 1
            if owner != "other":
                kept.append((key, start, end))
        return kept

    def _earlier_value_of_a_measure(self, doc: Doc, sent_start: int, at: int) -> bool:
        """A sentence that measures something else before the number, with no pain word ("single leg
        stance up to 8 seconds on the left, was 5", "flexion 120 degrees, was 95"): "was 5" is the
        measure's earlier value, not a pain score."""
        table = numbers(doc)
        return self._no_pain_word_before(doc, sent_start, at) and any(
            t.i in table.value and t.i + 1 < at and doc[t.i + 1].lower_ in self.measure_units
            for t in doc[sent_start:at])

    def _speaks_of_pain(self, doc: Doc) -> bool:
        """A pain word or a complaint anywhere in the note, before or after the score."""
        return first_of(doc, self.pain_hashes) < len(doc) or bool(doc.spans.get(CONDITIONS, []))

    def _no_pain_word_before(self, doc: Doc, sent_start: int, at: int) -> bool:
        return not any(t.lower_ in self.pain_words for t in doc[sent_start:at])

    def _scores(self, doc: Doc, rule, start: int, end: int) -> list[tuple[int, int]]:
        """(token index, value) of the scores in a match; empty when one is no 0-10 score."""
        if rule.kind == "fixed":  # "no pain at the end": the phrase is the score, said at its first word
            return [(start, rule.score)]
        if rule.kind == "same":  # its value is the previous score's, known once scores are read
            return [(start, -1)]
        asr = "$ASR_TEN" in rule.pattern
        heard = "$HEARD_NUM" in rule.pattern
        table = numbers(doc)
        out = []
        for i in range(start, end):
            if i in table.ten:
                out.append((i, table.ten[i]))
            elif asr:
                # "$ASR_TEN" matches any number; only Whisper's "710" forms count, and never one
                # opening a typed aside ("flex 0-125 (110 last wk)"): speech has no brackets; nor one
                # with a unit of measure after it ("knee flexion 110 deg") or a motion before it ("flex
                # 110 -> 118"): a measurement
                if i in table.asr_ten and not (i > 0 and doc[i - 1].text in {"(", "["}) and not (
                        i + 1 < len(doc) and doc[i + 1].lower_ in self.measure_units) and not (
                        self._after_measured_motion(doc, i)):
                    out.append((i, table.asr_ten[i]))
            elif heard and i in table.heard:
                out.append((i, table.heard[i]))
            elif i in table.value and not (rule.kind in ("score", "both") and out) and not self._is_scale(doc, i):
                out.append((i, table.value[i]))
        if rule.kind in ("score", "both"):
            out = out[:1]
        if not out or any(not float(v).is_integer() or not 0 <= v <= 10 for _, v in out):
            return []
        last = out[-1][0]
        if rule.kind == "change" and len(out) < 2:
            return []
        if rule.after_subject and rule.kind == "change" and out[1][1] >= out[0][1]:
            return []  # "knee two to three" after a body part: a range or a count, no change
        if rule.kind == "change" and rule.falling and out[1][1] >= out[0][1]:
            out = out[:1]  # "pain three to four": a range, read whole as one score (its lower end)
        if any(self._pronoun_one(doc, i) for i, _ in out):
            return []  # "tension headaches, has one today": one headache, not a score of one
        if any(self._is_count(doc, i, table) for i, _ in out):
            return []  # "week eight after a sprain", "grade 3": a count's label, not a score
        if any(self._is_clock(doc, i) or self._is_time_of_day(doc, i, table) for i, _ in out):
            return []  # "booked her Thursday at 10", "ten after two": a time of day, not a score
        if last not in table.ten and last + 1 < len(doc) and doc[last + 1].lower_ in self.blockers and last + 1 >= end:
            return []
        if end < len(doc) and end - 1 > last and doc[end].lower_ in self.blockers - {"of"}:
            return []  # "2 out of 10 sessions", "3 of 10 reps"
        return [(i, int(v)) for i, v in out]

    def _counted_next(self, doc: Doc, end: int, nouns: frozenset[str]) -> bool:
        """A counted noun right after the match, or past one qualifier ("8 of 10 reps", "9 of 10
        correct trials"): the numbers count those, as "3 of 10 visits" counts visits; a score read
        aloud ("a 6 of 10 with stairs") has no such noun right after it."""
        if end < len(doc) and doc[end].lower_ in self.count_qualifiers:
            end += 1
        return end < len(doc) and doc[end].lower_ in nouns

    def _after_measured_motion(self, doc: Doc, i: int) -> bool:
        """A number right after a measured motion ("flex 110"), or closing a range said after one
        ("flexion 0 to 110", "PROM 0-110"): the motion's degrees."""
        if i > 0 and doc[i - 1].lower_ in self.measured_motions:
            return True
        return (i > 2 and doc[i - 1].lower_ in _RANGE_JOINS and doc[i - 2].like_num
                and doc[i - 3].lower_ in self.measured_motions)

    def _pronoun_one(self, doc: Doc, i: int) -> bool:
        """The word "one" (never the digit) right after a verb of having or getting ("has one today",
        "gets one most afternoons", "had another one"): the pronoun for a thing said before, a
        headache or a spasm, not a pain score of one."""
        if doc[i].lower_ != "one" or i == 0:
            return False
        lead = i - 1
        if doc[lead].lower_ == "another" and lead > 0:
            lead -= 1
        return doc[lead].lower_ in self.one_pronoun_lead

    def _is_clock(self, doc: Doc, i: int) -> bool:
        """A number after "at" after a day ("Friday at 3", "see him tomorrow at 10"): a time of day."""
        return i >= 2 and doc[i - 1].lower_ == "at" and doc[i - 2].lower_ in self.clock_days

    def _is_time_of_day(self, doc: Doc, i: int, table) -> bool:
        """Either number of minutes said past an hour ("ten after two", "5 past 3"): a time of day.
        The hour must not count something ("a six after 2 sessions", "3 after 2 sets")."""
        return self._minutes_past_hour(doc, i, table) or (i >= 2 and self._minutes_past_hour(doc, i - 2, table))

    def _minutes_past_hour(self, doc: Doc, i: int, table) -> bool:
        if i + 2 >= len(doc) or doc[i + 1].lower_ not in self.clock_past:
            return False
        minutes, hour = table.value.get(i), table.value.get(i + 2)
        if not (isinstance(minutes, int) and 1 <= minutes <= 59 and isinstance(hour, int) and 1 <= hour <= 12):
            return False
        if i in table.ten or i + 2 in table.ten:
            return False
        return i + 3 >= len(doc) or doc[i + 3].lower_ not in self.hour_not_before

    def _is_count(self, doc: Doc, i: int, table) -> bool:
        """A bare number labelled by a count noun right before it ("week eight", "day 3", "grade
        III"), unless the noun is itself a time phrase ("this week, 6"). A fraction is a count only
        after a visit noun that labels the note ("Lumbar - visit 3/10", "this is visit 3/10": the third
        of ten visits a plan of care allows); "end of session 3/10", "this visit 3/10" stay scores."""
        if i in table.ten:
            if i > 0 and doc[i - 1].lower_ in _NUMBER_SIGNS:
                return True  # "today #4/10", "visit no. 3/10": a numbered visit of a package or plan
            return self._labels_visit(doc, i)
        if (i + 2 < len(doc) and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ in _TEN_WORDS
                and i > 0 and doc[i - 1].lower_ in self.visit_nouns):
            return self._labels_visit(doc, i)  # "Session 4 of 10." is "session 4/10"; "end of visit 2 of 10" a score
        if i == 0 or doc[i - 1].lower_ not in self.count_nouns:
            return False
        return not (i >= 2 and doc[i - 2].lower_ in _TIME_DETERMINERS)

    def _labels_visit(self, doc: Doc, i: int) -> bool:
        """A visit noun right before the number that labels the note ("Lumbar - visit 3", "this is
        session 4"), not one inside a phrase ("end of session 3")."""
        if i == 0 or doc[i - 1].lower_ not in self.visit_nouns:
            return False
        lead = doc[i - 2] if i >= 2 else None
        return lead is None or lead.is_punct or lead.is_space or lead.lower_ in _COPULAS

    @staticmethod
    def _is_scale(doc: Doc, i: int) -> bool:
        """The "10" of "out of 10" / "over 10" is the scale, never a score ("to out of 10 after")."""
        before = [t.lower_ for t in doc[max(0, i - 2) : i]]
        if len(before) == 2 and before[-1] in _SCALE_OF and doc[i].lower_ in {"10", "ten"} and doc[i - 2].like_num:
            return True  # "4 of 10", and the calques "seven on ten", "four from ten"
        return bool(before) and (before[-1] in _SCALE_WORDS or before == ["out", "of"] or before == ["out", "on"])

    def _ends_clause(self, doc: Doc, end: int) -> bool:
        """Punctuation, the end, or a word that starts a new clause follows ('a one when he stood up',
        'a five right now'), after an adverb that may trail a score inside its own clause ('stairs are a
        seven still.'), never 'for him', which may name someone else ('a nine for him, the husband')."""
        if end >= len(doc):
            return True
        tok = doc[end]
        if tok.lower_ in self.trailer:
            return self._ends_clause(doc, end + 1)
        if tok.is_space:
            return True  # a line break: the dictation's statement ended ("three out of ten at the end\n")
        if end in _technique_starts(doc):
            return True  # "she said a six massage to the upper back": a run-on note's next clause
        if tok.is_punct:  # but not the hyphen of a compound ("a two-pound weight")
            return not (tok.text in _HYPHENS and not doc[end - 1].whitespace_ and not tok.whitespace_)
        if tok.lower_ in self.clause_lead and end + 1 < len(doc):
            return doc[end + 1].lower_ in self.clause_next
        return tok.lower_ in self.clause_next

    def _with_timing(self, doc: Doc, scores: list, said: list) -> list:
        # A timing phrase inside a longer activity phrase is that activity's words ("by the end" of
        # "by the end of the workday"): how it hurts in daily life, not when the session ended.
        # A comparison with an earlier time ("knee bends more than before") hides its "before" the same way.
        activities = [(s, e) for s, e, c in said if c.position in ("activity", "comparison")]
        said = [c for c in said if c[2].position == "activity"
                or not any(s <= c[0] and c[1] <= e and e - s > c[1] - c[0] for s, e in activities)]
        cue_spans = _Cues([c for c in said if c[2].position not in ("none_taken", "comparison")])
        none_taken = {c[2].timing for c in said if c[2].position == "none_taken"}
        found = []
        previous_end: dict[int, int] = {}
        sents = sentences(doc)
        # The client's first score: a relative's quoted before it ("he says it's a nine") is not one
        first = next((i for i, sc in enumerate(scores) if not self.kin_reporter.reports(doc, sents, sc[0])), len(scores))
        for idx, (start, end, num, value, key, timing) in enumerate(scores):
            sent = sents.bounds(start)
            prev_end = previous_end.get(sent[0], sent[0])
            if timing == PainTiming.unspecified:
                # "to"/"now" make a score the later of a change only from an earlier score that was
                # not itself the after score: a note that opens on how the client left ("at the end
                # it was a two ... jogging brought it to a four") tells the arrival second.
                changed_from = any(f[4] != PainTiming.after for f in found[first:])
                timing = self._timing(doc, cue_spans, (start, end, num), sent, prev_end, scores, idx,
                                      first if changed_from else idx)
            if timing == PainTiming.unspecified and sent[0] not in previous_end:
                timing = _heading_cue(doc, cue_spans, sents, sent[0])
            if timing == PainTiming.unspecified and idx == first:
                # The note's first score, tied to an activity ("an eight bending to put her socks
                # on"), is the client's report: before, wherever it is said (domain.md section 8).
                # A later one ("said a one walking around the house") is left to its position.
                timing = self._activity_follows(doc, cue_spans, end) or timing
            if self._treated_for(doc, cue_spans, end, sent[1]):
                timing = PainTiming.before  # "at the end her levator was a four, so I did trigger point on it"
            previous_end[sent[0]] = end
            found.append([start, end, value, key, timing])
        # "7/10 -> 3/10": a score followed by an "after" score it changed into is the "before".
        for a, b in zip(found, found[1:]):
            if a[4] == PainTiming.unspecified and b[4] == PainTiming.after and sents.of[a[0]] == sents.of[b[0]]:
                between = doc[a[1] : b[0]]
                if len(between) <= 4 and not any(t.is_punct and t.text not in {"->", "→", "-"} for t in between):
                    a[4] = PainTiming.before
        # "five out of ten before 2 out of 10": a score right after a "before" score it changed into
        # is the "after", as the one before an "after" score is the "before".
        for a, b in zip(found, found[1:]):
            if b[4] == PainTiming.unspecified and a[4] == PainTiming.before and sents.of[a[0]] == sents.of[b[0]]:
                between = doc[a[1] : b[0]]
                if len(between) <= 4 and not any(t.is_punct and t.text not in {"->", "→", "-"} for t in between):
                    b[4] = PainTiming.after
        # "Upper back pain was a five. ... Didn't get an after score": the note says which timing no
        # score has, so a score with no cue of its own is of the other, wherever it was said.
        if len(none_taken) == 1:
            other = PainTiming.before if PainTiming.after in none_taken else PainTiming.after
            for f in found:
                if f[4] == PainTiming.unspecified:
                    f[4] = other
        return [(doc[s:e], PainHit(rule_id=f"pain/{k}", score=v, timing=t)) for s, e, v, k, t in found]

    def _timing(self, doc, cue_spans, where, sent, prev_end, scores, idx, first=0) -> PainTiming:
        start, end, num = where
        sent_start, sent_end = sent
        # "6/10 after the heat": a follow cue whose words go on to name a treatment still ends the score
        # ("3/10 post-ice": a hyphen glued between the cue and the treatment joins them as "after the" does)
        technique_starts = {s.start - k for s in doc.spans.get(TECHNIQUES, []) for k in (0, 1)
                            if k == 0 or (s.start > 0 and doc[s.start - 1].lower_ in _DETERMINERS)
                            or (s.start > 1 and doc[s.start - 1].text == "-" and not doc[s.start - 2].whitespace_
                                and not doc[s.start - 1].whitespace_)}
        lead_at = start
        while lead_at > sent_start and doc[lead_at - 1].lower_ in _LEAD_FILLER:
            lead_at -= 1
        # A lead cue may sit inside the rule's own words ("now a 4" read by pain.said): count
        # back from the number too.
        lead_num = num
        while lead_num > start and doc[lead_num - 1].lower_ in _LEAD_FILLER:
            lead_num -= 1
        next_start = scores[idx + 1][0] if idx + 1 < len(scores) else max(sent_end, end)
        best: tuple[int, int, PainTiming] | None = None  # (strength, -distance, timing)
        # Only cues from the previous score (or a lead cue ending at lead_at) to just past this
        # score can count: bisect to them, so many scores in one sentence stay linear.
        starts, longest_cue = cue_spans.starts, cue_spans.longest
        lo = bisect_left(starts, min(prev_end, lead_at - longest_cue))
        hi = bisect_left(starts, max(end + 3, min(next_start, sent_end)))
        located = self._location_end(doc, end)
        led: PainTiming | None = None  # "pointed to a four ... before we started": a lead cue read
        # as a change from the score before yields to a full timing phrase right after this one
        for cs, ce, cue in cue_spans.spans[lo:hi]:
            if cue.position == "activity":
                continue  # read in _with_timing, once no cue has spoken
            if cue.after_score and idx <= first:
                continue  # "pain is a five now" said first is how the client arrived
            if cue.position == "lead":
                if ce in (start, lead_at, lead_num) and (idx > first or not cue.after_score):
                    if not cue.after_score:
                        return cue.timing
                    led = led or cue.timing
                continue
            if led is not None and cue.position == "follow":
                continue
            # A cue right after the score, or one that closes the sentence with no other score
            # between ("1/10 on a couple of test lunges afterward."), says when it was given.
            # A cue inside the rule's own words counts even where a run-on note's clause split put
            # it in the next sentence ("about a two afterwards and I recommended heat").
            stop = max(sent_end, end)
            reach = stop if cue.strength == 3 and all(t.is_punct or t.is_space for t in doc[ce:sent_end]) else end + 3
            if cs == located < next_start:
                reach = cs + 1  # "an eight for the back coming in": past the part it was said of
            if num < cs < min(reach, next_start, stop) and not any(
                    t.is_punct and not _glued_hyphen(doc, t.i) for t in doc[num + 1 : cs]):
                if cue.after_score and cs == end:
                    return cue.timing  # "the knee's a two now": the later score, whatever words run on
                if (self._ends_clause(doc, ce) and not (ce < len(doc) and doc[ce].lower_ in self.activities)) \
                        or (ce < len(doc) and doc[ce].lower_ in self.after_cue_next) \
                        or ce in technique_starts or (ce == next_start and cue.position == "follow") \
                        or (cs == end and self._phrase_closes(doc, cs, ce)) \
                        or (cs == end and cue.timing == PainTiming.after and self._of_session_part(doc, ce)):
                    return cue.timing  # "3/10 after." but not "5/10 after a long weekend", "by the end of the workday"
            if cue.position == "follow" and not (ce in technique_starts and prev_end <= cs and ce < num):
                continue  # "After ice pain 2/10": a follow cue naming a treatment leads in as a phrase does
            if prev_end <= cs and ce <= num and not _in_relative_aside(doc, prev_end, cs, ce, num):
                rank = (cue.strength, -(num - ce), cue.timing)
                if best is None or rank[:2] > best[:2]:
                    best = rank
        if led is not None:
            return led
        return best[2] if best else PainTiming.unspecified

    def _phrase_closes(self, doc: Doc, cs: int, ce: int) -> bool:
        """A timing phrase of several words right after the score ("five out of ten at the end", "a
        two by the time of going") is the score's own even where a run-on note goes straight on to
        its next statement ("... at the end blood pressure 128 over 82"), unless an "of" or an
        activity continues it ("by the end of the workday", "after walking")."""
        if ce - cs < 2 or ce >= len(doc):
            return ce - cs >= 2
        if doc[ce].text in _HYPHENS and not doc[ce - 1].whitespace_:
            return False  # "5/10 at end-range knee flexion": the phrase is part of a compound
        return doc[ce].lower_ not in self.activities and doc[ce].lower_ not in _PHRASE_GOES_ON

    def _of_session_part(self, doc: Doc, ce: int) -> bool:
        """An "after" cue right after the score goes on to name the session or a part of it, and the
        clause ends there ("2/10 at the end of the visit", "3/10 following the functional block"):
        the time the score was given, as "at the end of the session" is, not an activity it was
        given for ("by the end of the workday")."""
        k = ce + 1 if ce < len(doc) and doc[ce].lower_ == "of" else ce
        if k >= len(doc) or doc[k].lower_ not in _DETERMINERS | _AREA_DETERMINERS:
            return False
        k += 1
        for n in range(k, min(k + _SESSION_PART_REACH, len(doc))):
            if doc[n].is_punct or doc[n].is_space:
                return False
            if doc[n].lower_ in _SESSION_WHOLE:
                return self._ends_clause(doc, n + 1)
        return False

    def _location_end(self, doc: Doc, end: int) -> int:
        """Where a phrase naming the part a score was said of ends, when one follows the score ("an
        eight for the back", "a six in her left knee": token set SCORE_LOCATION_LEAD, determiners,
        then an area); else ``end``. A timing cue right after it is the score's own ("an eight out of
        ten for the back coming in"), as it is right after the score."""
        if end >= len(doc) or doc[end].lower_ not in self.location_leads:
            return end
        k = end + 1
        while k < len(doc) and doc[k].lower_ in _AREA_DETERMINERS:
            k += 1
        return next((s.end for s in doc.spans.get(AREAS, []) if s.start == k), end)

    def _treated_for(self, doc: Doc, cue_spans: "_Cues", end: int, sent_end: int) -> bool:
        """A score followed, past a comma, by a phrase saying work was then done for it and by a
        technique in the same sentence ("like a four, so I did five minutes of trigger point"): what
        the client rated before that work, even when said late in the note or after "at the end"."""
        k = end
        while k < sent_end and (doc[k].text == "," or doc[k].lower_ in _LEAD_FILLER):
            k += 1
        at = bisect_left(cue_spans.starts, k)
        ends = [ce for cs, ce, cue in cue_spans.spans[at:] if cs == k and cue.position == "treated_for"]
        if not ends:
            return False
        techniques = _technique_starts(doc)
        return any(i in techniques for i in range(max(ends), sent_end))

    def _activity_follows(self, doc: Doc, cue_spans: "_Cues", end: int) -> PainTiming | None:
        """The timing of an activity or time of day right after a score ("six out of ten standing
        at the sink", "a seven first thing in the morning"): how it hurts in daily life."""
        at = bisect_left(cue_spans.starts, end)
        here = [cue for cs, _, cue in cue_spans.spans[at:] if cs == end]
        if any(cue.position != "activity" for cue in here):
            return None  # a timing phrase, not an activity ("3/10 walking out the door")
        if end < len(doc) and doc[end].lower_ in self.activities:
            return PainTiming.before
        return next((cue.timing for cue in here), None)


def _restated_counts(doc: Doc) -> set[int]:
    """A number said, then said again with its unit after a hesitation ("that was ten, yeah, ten
    minutes"): the first is the duration's, restated, never a score of its own."""
    table = numbers(doc)
    out = set()
    for span in doc.spans.get(DURATIONS, []):
        first = span.start
        if first not in table.value:
            continue
        k = first - 1
        while k >= 0 and first - k <= _RESTATE_REACH and (doc[k].is_punct or doc[k].lower_ in _RESTATE_FILLERS):
            k -= 1
        if k >= 0 and k < first - 1 and table.value.get(k) == table.value[first]:
            out.add(k)
    return out


_RESTATE_REACH = 4
_RESTATE_FILLERS = vocab.words("SPOKEN_FILLER", "RESTATE_FILLER")


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen inside a word ("toe-off", "sit-to-stand"), no clause break: "2/10 at toe-off in gait
    post" is timed by its "post" as "2/10 at heel strike post" is."""
    return doc[i].text in _HYPHENS and i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _in_relative_aside(doc: Doc, lo: int, cs: int, ce: int, num: int) -> bool:
    """A cue inside a non-restrictive relative clause set off by commas before the score ("when he
    stood up he touched his knees, which he could not do when he walked in, and put it at a four"):
    it times what that clause says, not the score."""
    k = cs - 1
    while k > lo and doc[k].text != ",":
        if doc[k].lower_ in _RELATIVE_OPENERS and doc[k - 1].text == ",":
            return any(t.text == "," for t in doc[ce:num])
        k -= 1
    return False


_RELATIVE_OPENERS = vocab.words("RELATIVE_OPENER")
_RANGE_JOINS = vocab.words("RANGE_JOIN")
_PHRASE_GOES_ON = frozenset({"of", "'s"})
_NUMBER_SIGNS = vocab.words("NUMBER_SIGN")


def _technique_starts(doc: Doc) -> frozenset[int]:
    """Where technique names start; kept on the doc, since clause ends are tested many times a note."""
    key = "scribe_pain_technique_starts"
    if key not in doc.user_data:
        doc.user_data[key] = frozenset(s.start for s in doc.spans.get(TECHNIQUES, []))
    return doc.user_data[key]


def _heading_cue(doc: Doc, cue_spans: "_Cues", sents, sent_start: int) -> PainTiming:
    """The timing of a sentence made of a timing cue alone, right before this one: "After, she
    said the hip was a 2/10", "Post: 2/10" split off as its own sentence heads the next one's
    first score."""
    n = sents.of[sent_start]
    # A run-on sentence's clauses split at commas head the score together: "Leaving, after the
    # instrument work, she rated it a 2" is timed by its opening "Leaving," two clauses back.
    for back in range(1, _HEADING_CLAUSES + 1):
        if n - back < 0 or (back > 1 and doc[sents.ends[n - back + 1] - 1].text != ","):
            break  # past the clause before the score only while the clauses join by commas
        if back > 1 and doc[sents.ends[n - back] - 1].text != ",":
            break
        timing = _clause_heading_cue(doc, cue_spans, sents.starts[n - back], sents.ends[n - back])
        if timing != PainTiming.unspecified:
            return timing
    return PainTiming.unspecified


_HEADING_CLAUSES = 3  # comma-split clauses back to the one that may head a score


def _clause_heading_cue(doc: Doc, cue_spans: "_Cues", lo: int, hi: int) -> PainTiming:
    at = bisect_left(cue_spans.starts, lo - cue_spans.longest)
    for cs, ce, cue in cue_spans.spans[at:]:
        if cs >= hi:
            break
        if cue.strength != 3 or not all(t.is_punct or t.is_space for t in doc[ce:hi]):
            continue
        if cs <= lo + 1 and all(t.is_punct or t.is_space for t in doc[lo:cs]):
            return cue.timing
        if cue.position not in ("lead", "activity", "treated_for") and _opens_clause(doc, lo, cs):
            return cue.timing
    return PainTiming.unspecified


def _opens_clause(doc: Doc, lo: int, cs: int) -> bool:
    """A cue that opens the last clause of a run-on sentence split off before the score it times
    ("... hurts at a five on the bike, and after, when he stood up," / "he said three"): a comma,
    maybe a joining word, then the cue, and nothing but punctuation after it."""
    k = cs - 1
    while k > lo and doc[k].lower_ in _CLAUSE_JOINERS:
        k -= 1
    return k > lo and doc[k].text == ","


_CLAUSE_JOINERS = frozenset({"and", "then", "but", "so"})


class _Cues:
    """Timing cue spans in text order, with their starts for bisection."""

    def __init__(self, spans: list):
        self.spans = spans
        self.starts = [s for s, _, _ in spans]
        self.longest = max((e - s for s, e, _ in spans), default=0)


@Language.factory("scribe_pain")
def make_pain(nlp: Language, name: str) -> PainMatcher:
    return PainMatcher(nlp)


_ASIDE_OPENERS = {"with", "w/", "plus", "including", "incl", "along"}


def _aside_start(doc: Doc, sent_start: int, k: int, num: int) -> int | None:
    """The comma opening an aside that holds token ``k`` and is closed by a comma before the score at
    ``num`` (", with the arm tingling,"), when the aside opens with a word that adds to a subject
    said before it; else None."""
    if not any(doc[j].text == "," for j in range(k + 1, num)):
        return None
    c = k
    while c > sent_start and doc[c].text != ",":
        c -= 1
    if doc[c].text != "," or c + 1 >= len(doc) or doc[c + 1].lower_ not in _ASIDE_OPENERS:
        return None
    return c
