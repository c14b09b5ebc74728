"""The rule vocabularies: JSONL files in ``extraction/patterns`` read through strict models.

Every line of every file is validated with ``extra="forbid"``, so a misspelt key or an
unknown region fails when the pipeline is built, naming the file and the line, instead of
silently matching nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
import json
import re
from functools import cache
from importlib import resources
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from models import Context, CueKind, Laterality, PainTiming, Region


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _no_blank_terms(terms: list[str]) -> list[str]:
    if any(not t.strip() for t in terms):
        raise ValueError("terms must not be blank")
    return terms


class _Guarded(_Rule):
    """Neighbouring words that cancel a match ("came back", "massage therapist")."""

    not_after: list[str] = Field(default_factory=list, description="A preceding word that cancels the match")
    not_before: list[str] = Field(default_factory=list, description="A following word that cancels the match")
    unless_after: list[str] = Field(
        default_factory=list, description="A preceding word that keeps the match whatever follows ('the back to')"
    )
    never_before: list[str] = Field(
        default_factory=list,
        description="A following word that cancels the match whatever precedes it: 'the back half of the hour', "
        "'the back of the cuff' name a part of something else, not the body area",
    )
    still_before: list[str] = Field(
        default_factory=list,
        description="A following phrase that keeps the match although it opens with a never_before word: "
        "'deep tissue back half an hour' is the back, then its minutes ('half' there opens a duration)",
    )
    never_after: list[str] = Field(
        default_factory=list,
        description="A preceding phrase that cancels the match whatever else precedes it: 'sat him right back "
        "down' ('right' after an object pronoun says 'at once', not a side)",
    )


class TechniqueEntry(_Guarded):
    """A technique, the words that name it, and the CPT family it implies (domain.md section 2)."""

    id: str
    label: str
    cpt: str = Field(pattern=r"^\d{5}$")
    terms: list[str] = Field(min_length=1)
    fuzzy: bool = Field(default=True, description="Near-misses of its longer terms may match")
    case_sensitive: list[str] = Field(
        default_factory=list, description="Abbreviations that are also words ('MET'): matched only as written"
    )
    passive_with: list[str] = Field(
        default_factory=list,
        description="Code families this technique belongs to when done passively beside them",
    )
    takes_in: list[str] = Field(
        default_factory=list,
        description="Code families whose items, said in one list after this technique with one time for "
        "the whole list, were part of this service: step-ups done as stair practice are functional "
        "training (97530 'dynamic activities to improve functional performance'), not a second block",
    )
    list_takes_in: list[str] = Field(
        default_factory=list,
        description="Code families whose items, listed after this service said with its minutes and a comma "
        "('Ther ex 30 min, hip hinges, farmer carries'), were part of it, as after a colon; unlike takes_in, "
        "an item of this service leading a list with another family's ('clamshells and sit to stand') takes "
        "in nothing",
    )
    service_terms: list[str] = Field(
        default_factory=list,
        description="Its terms that name the billed service itself (the CPT descriptor and its charting "
        "abbreviations: 'therapeutic exercise', 'TE'), not one exercise ('bridges'): a count right after "
        "them is minutes, where after an exercise it may be reps",
    )
    guarded_terms: list[str] = Field(
        default_factory=list,
        description="The terms not_after/not_before apply to, when only some are ambiguous ('gait' alone, "
        "not 'gait training'); empty: all",
    )
    also_names: list[str] = Field(
        default_factory=list,
        description="Other code families its generic words name as well ('hands-on work' is the massage of a "
        "massage note as much as manual therapy): said with no minutes and no area of its own in a note "
        "where a service of one of them was timed, it is that service named again, not a second one",
    )
    stroke: bool = Field(
        default=False,
        description="A stroke a massage is given with (the Swedish strokes: effleurage, petrissage, "
        "tapotement, compression, vibration, stroking): said without minutes beside a timed service of its "
        "code, it tells how that service was done, never a second service waiting for its minutes",
    )

    _terms = field_validator("terms")(_no_blank_terms)

    @model_validator(mode="after")
    def _subsets_of_terms(self) -> "TechniqueEntry":
        for name in ("service_terms", "guarded_terms"):
            stray = set(getattr(self, name)) - set(self.terms)
            if stray:
                raise ValueError(f"{name} not among the terms: {sorted(stray)}")
        return self

    def spelled(self) -> list[str]:
        """Its capital abbreviations as a speech recogniser or a hurried typist spells them out
        letter by letter ("NMR" -> "n m r", "TE" -> "t e")."""
        return [" ".join(t.lower()) for t in self.terms if t.isalpha() and t.isupper() and 2 <= len(t) <= 5]

    def hyphenated(self) -> list[str]:
        """Its two- and three-word terms written as one hyphenated modifier, the way a compound is
        spelled before the noun it qualifies ("a functional-activities block", "lifting-mechanics
        training"). Guarded terms keep their one spelling, so their guards still see them."""
        guarded = set(self.guarded_terms)
        return [t.replace(" ", "-") for t in self.terms
                if t not in guarded and t not in self.case_sensitive and 1 <= t.count(" ") <= 2
                and all(w.isalpha() for w in t.split(" "))]


class AreaEntry(_Guarded):
    """A muscle, joint or area and the anatomic regions it maps to (domain.md section 6)."""

    id: str
    label: str
    regions: list[Region] = Field(min_length=1)
    terms: list[str] = Field(min_length=1)
    plural_terms: list[str] = Field(default_factory=list, description="Forms that mean both sides")
    midline: bool = Field(default=False, description="One of a kind on the midline (neck, low back): 'both' "
                          "said for a list of areas does not make it bilateral")
    qualified_terms: list[str] = Field(
        default_factory=list,
        description="Generic tissue words ('paraspinals', 'erectors') that take the region of an area said "
                    "right before them: 'mid-back paraspinals' is the mid back, not the whole back")
    case_sensitive: list[str] = Field(
        default_factory=list,
        description="Charting abbreviations that are also words or letters ('UT', 'FB'): matched only as written",
    )
    fuzzy: bool = True
    unit_terms: list[str] = Field(
        default_factory=list,
        description="Terms that are also a unit of measure ('feet', 'foot'; 'LB' for pounds): right after a count "
        "of more than two ('long toss out to ninety feet', 'walked 200 feet', 'a 10 LB kettlebell') they are a "
        "measure, not the part; 'one foot', 'two feet' stay the part, and a billing code before the term "
        "('97140 foot') is no count",
    )
    sided_terms: list[str] = Field(
        default_factory=list,
        description="Terms that are also common words ('should', a phone's truncation of shoulder): matched only "
                    "with a side said right before them ('lt should pain', 'R should'), never the verb")
    position_terms: list[str] = Field(
        default_factory=list,
        description="Terms that are also the charting abbreviation of a position word ('lat' for lateral): "
                    "right before another area they qualify it ('lat thigh', 'lat retinaculum' are the "
                    "lateral thigh and the lateral retinaculum), never this area")
    moves_at: list[Region] = Field(
        default_factory=list,
        description="The region whose joints move this part when an exercise names it: a head lift or head "
                    "turns move the cervical spine, so beside a cervical area such a name adds no head")
    area: str | None = Field(
        default=None,
        description="The area reported, when this entry only names parts of another area: the carpal bones, "
                    "the radial head or the finger joints are the wrist, elbow or hand for regions and diagnoses, "
                    "and a compound name ('radial head', 'metacarpal head') is one term, never the head")

    _terms = field_validator("terms")(_no_blank_terms)

    @model_validator(mode="after")
    def _sided_among_terms(self) -> "AreaEntry":
        stray = (set(self.sided_terms) | set(self.position_terms) | set(self.unit_terms)) - set(self.terms)
        if stray:
            raise ValueError(f"sided_terms or position_terms not among the terms: {sorted(stray)}")
        return self

    @property
    def reports(self) -> str:
        return self.area or self.id


class LateralityEntry(_Rule):
    id: str
    laterality: Laterality
    terms: list[str] = Field(min_length=1)
    position: Literal["before", "after"] = Field(description="Where it stands relative to the area")
    case_sensitive: bool = Field(default=False, description="Single letters: 'L' and 'R' only in capitals")
    before_pause: bool = Field(
        default=False,
        description="Said after the area, it counts only when a pause (punctuation, the end) follows: 'the elbow "
        "left, ...' in a recogniser's word order, never the verb of 'the neck left her sore'",
    )


class AreaReference(_Rule):
    """Words that name an area by pointing back at an earlier mention (components/references.py).

    ``same``: the areas said before ("the same area"); ``opposite``: those areas on the other
    side ("the other side"); ``side``: a repeat word that takes the side said right after it
    ("same on the left", "then the right"); ``opposite_before_area``: a word that puts the area
    after it on the side not said before ("the other knee"); ``gap``: words allowed between a
    repeat word and its side ("on", "the")."""

    id: str
    kind: Literal["same", "opposite", "side", "opposite_before_area", "gap"]
    terms: list[str] = Field(min_length=1)


class ConditionEntry(_Rule):
    """A complaint or condition that diagnoses come from."""

    id: str
    condition: str | None = Field(default=None, description="The condition id reported, when not the entry id")
    label: str
    terms: list[str] = Field(min_length=1)
    case_sensitive: list[str] = Field(default_factory=list, description="Matched only as written ('HA')")
    area: str | None = Field(default=None, description="Area implied when none is said (plantar fasciitis)")
    symptom: bool = Field(
        default=False,
        description="A sign or symptom (pain, stiffness, spasm...): what is coded when a diagnosis is uncertain "
                    "(ICD-10-CM IV.H), so a hedge word never makes it uncertain ('any pain? yes, the shoulder')")
    side_in_sentence: bool = Field(
        default=False,
        description="A one-sided complaint said apart from its side: with no side at the word itself, it takes "
                    "the one side its sentence says and does not deny ('sciatica, down the leg, the left "
                    "side, not the right')")

    @property
    def reports(self) -> str:
        return self.condition or self.id


class HedgeRule(_Rule):
    """A word that makes a diagnosis uncertain ("r/o", "possible", "frozen shoulder picture"): an uncertain
    diagnosis is not coded in outpatient care; the symptom said with it is (ICD-10-CM Official Guidelines,
    Section IV.H). Pseudo rules name phrases that only look like one ("as soon as possible")."""

    id: str
    category: Literal["hedge", "pseudo", "terminate"] = "hedge"
    terms: list[str] = Field(min_length=1)
    direction: Literal["forward", "backward", "both"] = "forward"
    max_scope: int = Field(default=4, ge=0, le=12, description="Tokens between the hedge and the condition, at most")
    stops_at_comma: bool = Field(default=True, description="A comma between them ends the hedge's reach")
    opens_statement: bool = Field(
        default=False,
        description="Hedges forward only where it opens a statement or is glued to the next word ('?frozen "
                    "shoulder', 'Dx: ? impingement'); after a word it closes a question ('any pain? yes'). "
                    "Such a trigger ends its sentence, so its reach is the sentence that follows it.")
    source: str = Field(min_length=1, description="The authority for the term (guideline section, its text)")

    _terms = field_validator("terms")(_no_blank_terms)


class CueEntry(_Rule):
    id: str
    cue: CueKind
    label: str
    terms: list[str] = Field(min_length=1)
    case_sensitive: list[str] = Field(default_factory=list, description="Matched only as written ('HEP')")
    targets: list[str] = Field(
        default_factory=list,
        description="Techniques that, named after the cue in its sentence, are what it was done to "
        "('dry needling to the glute, two trigger points'): no service of their own",
    )



class NotServiceName(_Rule):
    """A name that holds a technique word but is no service given (not_services.jsonl): a standard
    outcome measure ("Five Times Sit to Stand" is a test, not sit-to-stand training) or a diagnosis
    written with an abbreviation a modality shares ("spastic diplegic CP" is cerebral palsy, not a
    cold pack) or the title of the form a note is written on ("MASSAGE THERAPY SOAP NOTE" names the
    discipline, not a service given) or an orthopedic special test ("SLR rt positive", "Thomas
    test": an examination, not the exercise or stretch a word of its name names) or a technique word
    in another sense its neighbours fix ("heat 2, lane 5" is a round of a race, not heat applied) or
    a finding named with a technique word ("Trendelenburg gait" is how the client walks, not gait training)
    or self-care taught ("showed her self-massage of the masseter": the client's own massage at home,
    not a service given). Where one matches, the technique words inside it are not techniques."""

    id: str
    kind: Literal["outcome_measure", "condition", "document_title", "special_test", "word_sense", "finding", "self_care"]
    label: str
    terms: list[str] = Field(default_factory=list, description="Matched in any case")
    case_sensitive: list[str] = Field(default_factory=list, description="Abbreviations matched only as written ('TUG')")
    pattern: list[dict[str, Any] | str] = Field(
        default_factory=list, description="A token pattern (token sets as $NAME) when the name needs its context"
    )


class ContextRule(_Rule):
    """A ConText trigger (or terminator, or pseudo-trigger) with its direction and scope."""

    id: str
    category: Literal["negated", "planned", "historical", "other_person", "pseudo", "terminate", "coordinate"]
    terms: list[str] = Field(default_factory=list)
    pattern: list[dict[str, Any] | str] = Field(
        default_factory=list,
        description="A token pattern (token sets as $NAME) instead of terms: ', pain 3/10' opens a new statement",
    )
    direction: Literal["forward", "backward", "both"] = "forward"
    max_scope: int = Field(default=8, ge=1, le=60, description="Tokens the scope reaches at most")
    stops_at_comma: bool = Field(
        default=False,
        description="The scope ends at a comma: in a run-on transcript ', same time next week' closes its own clause",
    )
    applies_to: list[Context] = Field(
        default_factory=list, description="For terminators: the categories they end (empty = all)"
    )
    before_area_score: bool = Field(
        default=False,
        description="For terminators: they end a scope only where a body area rated by a score follows ('he "
                    "wanted to try anyway, shoulder a five': the rating is a new statement, not the plan's)",
    )
    coordinated: bool = Field(
        default=False,
        description="The scope goes on over a coordination ('... deep tissue and fifteen minutes of trigger point')",
    )
    after_coordination_only: bool = Field(
        default=False,
        description="For terminators: they end only the part of a scope carried over a coordination ('and we did')",
    )
    same_subject: bool = Field(
        default=False,
        description="For coordinations: a verb with no subject of its own (', then put him on ice'), so the "
                    "sentence the clause splitter cut at the comma before it goes on with the last one's actor",
    )
    not_for: list[Literal["technique", "area", "condition", "cue", "duration", "pain"]] = Field(
        default_factory=list,
        description="Kinds of fact the trigger leaves alone: a doctor's diagnosis or a referral's reason "
                    "('her doctor says plantar fasciitis', 'referred for neck pain') is the client's complaint",
    )
    opens_sentence: bool = Field(
        default=False,
        description="Only as the frame a sentence opens with ('The last time she came in, like a month ago, she "
                    "was an eight'): its scope then runs over commas to the sentence end or another terminator",
    )
    through_commas: bool = Field(
        default=False,
        description="The scope runs over commas as an opening frame's does, wherever the trigger stands ('came in "
                    "straight off a long ride, ninety on the bike'): what the client did before arriving, told on",
    )
    refers_back: bool = Field(
        default=False,
        description="For backward triggers that end on a pronoun ('declined it', 'refused them'): the pronoun points "
                    "at what the clause or sentence before named ('A cold pack was offered; she declined it'), so "
                    "the scope reaches past that boundary, up to max_scope, when its own clause names nothing",
    )

    @model_validator(mode="after")
    def _terms_or_pattern(self) -> "ContextRule":
        if bool(self.terms) == bool(self.pattern):
            raise ValueError("a context rule has either terms or a pattern")
        return self


class Mishearing(_Rule):
    """Words the speech model writes for a domain term ('my facial release').

    kind "number": a word written for a score digit ("to" for "two" in "to out of 10"); it
    counts only where a pain rule asks for it (``$HEARD_NUM``), never as a number elsewhere.

    kind "homophone": a real word written for one word of the vocabulary ("lumber" for "lumbar",
    "write" for "right"). It is never read alone: only inside a term of the vocabulary whose other
    words settle it ("lumber spine"), or as a side word right before an area ("write leg"); see
    ``homophone_variants``.
    """

    id: str
    kind: Literal["technique", "area", "condition", "number", "homophone"]
    target: str
    heard: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _number_target(self) -> "Mishearing":
        if self.kind == "number" and not (self.target.isdigit() and 0 <= int(self.target) <= 10):
            raise ValueError("a number mishearing targets a score from 0 to 10")
        return self


class TokenSet(_Rule):
    """A named spaCy token pattern that duration and pain rules refer to as "$NAME"."""

    name: str = Field(pattern=r"^[A-Z_]+$")
    token: dict[str, Any]


class DurationRule(_Rule):
    id: str
    pattern: list[dict[str, Any] | str] = Field(min_length=1)
    kind: Literal["amount", "range", "clock", "spoken_clock", "relative_clock", "corrected", "remainder", "session_fraction", "session_part", "aside", "repeat", "fixed", "hours_and_minutes", "elapsed"] = Field(
        description="'elapsed': a stopwatch reading with no hours ('0:23' is 23 minutes, never a time of day); "
        "'relative_clock': times said from the hour ('from ten past two till twenty to three'); "
        "'corrected': minutes fixed aloud, the last count is the one meant ('ten minutes, no, eight'); "
        "'remainder': what is left of a total said before once its parts are taken away ('fifty minutes "
        "hands-on, ten of that the hot pack, the rest deep tissue'); with minutes, the total is those "
        "('the rest of the hour'); 'repeat': the minutes said last, again, elsewhere ('twelve minutes, then same "
        "again on the left leg'); 'session_part': a count said as one end of a total said before ('forty "
        "minutes on the table, the last seven were pin-and-stretch'), read only with that total; 'aside': "
        "a part of that total spent on no service ('an hour in the room, ten of that was intake'): it is "
        "taken off before 'the rest' and is no service's minutes")
    unit_minutes: int = Field(default=1, ge=1, description="60 when the numbers count hours")
    words_only: bool = Field(
        default=False, description="Only numbers said in words count ('two ten to two forty'): digit pairs "
        "without 'from' ('2 10 to 2 40') are as likely Whisper's scores or counts as times")
    parts: int | None = Field(
        default=None, ge=2, description="kind 'session_fraction': the session said before in this many equal "
        "parts, one of which is meant ('first third' of a 45-minute visit is 15)")
    minutes: int | None = Field(default=None, description="The value of a fixed phrase")
    total_named: bool = Field(
        default=False, description="kind 'remainder': the phrase names its total by number ('remainder of "
        "the 50', 'rest of the 45 min'): that is the total, its parts the minutes said after the last "
        "session total before it")
    max_minutes: int | None = Field(
        default=None, ge=1, description="A longer value is no reading of this rule ('from 4 10 to 9 10' is scores)"
    )
    min_minutes: int | None = Field(
        default=None, ge=1, description="A shorter value is no reading of this rule (a bare 'another two' is no time)"
    )
    followed_by: str | None = Field(
        default=None, description="Token set ($NAME) one of whose words, or the end of the text, must come next"
    )
    not_after: str | None = Field(
        default=None, description="Token set ($NAME) whose word right before the match cancels it ('3 x 10' is reps)"
    )
    before_technique: bool = Field(
        default=False, description="Only when a technique follows, past determiners ('forty of massage')"
    )
    after_technique: bool = Field(
        default=False, description="Only right after a technique ('TE 20, NMR 10')"
    )
    paired: bool = Field(
        default=False, description="Only where its sentence says the word again after it: 'half gait and half "
        "ther ex' shares the session, 'half kneeling stretch' does not",
    )
    service_follows: bool = Field(
        default=False,
        description="Only when a technique is named after it in its own sentence: 'Remainder of the "
        "session was stair practice' times the stairs, 'Rest of the visit was paperwork' times nothing",
    )
    reps_in_timed_line: bool = Field(
        default=False,
        description="Reps, not minutes, in a written line that already gave its minutes with a unit: a "
        "flowsheet row times the block once and counts each exercise ('TherEx 16': chin tucks x10')",
    )
    elliptical: bool = Field(
        default=False,
        description="Only before an area, past determiners, in a sentence that already said minutes with "
        "their unit: the unit is left out of the second count ('forty minutes on her low back and then "
        "fifteen on her glutes')",
    )
    after_technique_gap: str | None = Field(
        default=None, description="Token set ($NAME) of one word that may stand between the technique and the count ('strengthening, fifteen.')"
    )
    session_only: bool = Field(
        default=False, description="Only as a session length, beside a session marker ('sixty in the room')"
    )
    session: bool = Field(
        default=False, description="The rule's own words say it is the session's length, no marker needed "
        "('time in 1400, time out 1430': a clinician's clock-in and clock-out are the visit, no service's time)"
    )
    after_service_name: bool = Field(
        default=False, description="Only right after a technique named by its service ('t e fifteen quad sets')"
    )
    closes_clause: bool = Field(
        default=False,
        description="Only as the last word of a clause that names a technique, with only its areas and "
        "exercise names between ('swedish neck and upper traps twenty.'); after an exercise of a reps_codes "
        "family only when the clause also names the service",
    )
    clause_commas: bool = Field(
        default=False,
        description="With closes_clause: the clause may list its areas with commas between them "
        "('myofascial release sole of the foot, plantar fascia, 8m'); only for a count with its own unit",
    )
    reps_codes: list[str] = Field(
        default_factory=list, description="Code families whose exercise names are counted in reps"
    )
    area_follows: bool = Field(
        default=False,
        description="Only with a body area starting right after the count, its side included: a terse "
        "line's number glued between technique and area is the technique's minutes ('MLD 45 L arm', "
        "'DT 30 low back'); a number with its own unit, a score ('6/10') or degrees ('90 deg') has no area next",
    )
    after_codes: list[str] = Field(
        default_factory=list,
        description="With after_technique: only after a technique of one of these codes; after an exercise "
        "a bare count is reps ('clams 15 R hip'), after massage or manual work it is minutes",
    )
    after_techniques: list[str] = Field(
        default_factory=list,
        description="With after_technique: only after one of these techniques (ids in techniques.jsonl): the "
        "work never counted in repetitions, so 'x12' after it is minutes ('STM x12 L calf'), where after "
        "joint glides, cupping or held stretches it counts oscillations, cups or holds",
    )

    in_total_list: bool = Field(
        default=False,
        description="Only inside the list a total heads ('38 min timed total: 26 TE, then 12 MT', '40 min total: MFR "
        "pec minor (15), deep tissue rhomboids (25)'), glued to an item's technique: right before its name, or in "
        "brackets closing the item. After an exercise of a reps_codes family only when the service itself is named",
    )

    @property
    def bare(self) -> bool:
        """A count without a unit: read only where its surroundings say it is minutes."""
        return bool(self.min_minutes or self.followed_by or self.not_after or self.before_technique
                    or self.after_technique or self.session_only or self.in_total_list
                    or self.after_service_name or self.closes_clause or self.elliptical or self.area_follows)


class PainRule(_Rule):
    id: str
    pattern: list[dict[str, Any] | str] = Field(min_length=1)
    kind: Literal["score", "change", "fixed", "both", "same"] = Field(
        default="score",
        description="'both': one score for before and after ('3/10 both before and after'); "
                    "'same': the previous score again ('same at the end')",
    )
    score: int | None = Field(default=None, ge=0, le=10, description="The score of a fixed phrase ('pain-free after': 0)")
    timing: PainTiming = PainTiming.unspecified
    needs_pain_word: bool = Field(default=False, description="Only once the note has spoken of pain")
    pain_word_in_note: bool = Field(
        default=False, description="Only in a note that speaks of pain anywhere, later too: a retelling that "
                                   "opens on how the client left ('she gave it an overall 3 ... the aching was five')"
    )
    not_followed_by: str | None = Field(
        default=None, description="Token set ($NAME) of counted nouns: one right after the match, or after one "
        "word of the set $OF_TEN_COUNT_QUALIFIER, makes the numbers a count ('8 of 10 reps', '9 of 10 correct "
        "trials'), no score"
    )
    pain_word_in_sentence: bool = Field(
        default=False, description="Only after a pain word earlier in its own sentence ('pain's gone, like zero')"
    )
    falling: bool = Field(
        default=False,
        description="For a change: only when the second score is lower ('pain six to three' is relief; "
                    "'pain three to four' is a range, left to the single-score rules)",
    )
    clause_final: bool = Field(
        default=False, description="Only when the score ends its clause ('she said two.', 'a three after')"
    )
    punct_final: bool = Field(
        default=False, description="Only when punctuation, a line break or the end of the text follows: a terse "
        "chart's '7/10 in, 3/10 out.' ('6/10 in single-leg stance' says where it hurts, not when)"
    )
    after_subject: bool = Field(
        default=False,
        description="Only right after the body area or complaint it is said of ('Post: neck 3', 'rated the back a "
                    "five'); a change only when it "
                    "falls ('low back seven to five', 'neck four to two'): a wrap-up's before and after; a rising "
                    "pair there ('knee two to three') is no score at all",
    )


def _composed(data: Any) -> Any:
    """Fill ``terms`` from ``compose``: each entry a list of slots, each slot the words that may stand
    there, so a phrase family ("didn't / never / forgot to" x "get / take" x "an after score / a post
    rating") is written once as its grammar instead of hundreds of spelled-out phrases."""
    if not isinstance(data, dict) or "compose" not in data:
        return data
    data = dict(data)
    products = data.pop("compose")
    if not isinstance(products, list) or not all(isinstance(slots, list) and slots for slots in products):
        raise ValueError("compose must be a list of slot lists")
    made = [" ".join(w for w in words if w) for slots in products for words in itertools.product(*slots)]
    data["terms"] = list(dict.fromkeys([*data.get("terms", []), *made]))
    return data


class TimingCue(_Rule):
    id: str
    timing: PainTiming
    terms: list[str] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _compose(cls, data: Any) -> Any:
        return _composed(data)
    position: Literal["lead", "follow", "any", "activity", "treated_for", "none_taken", "comparison"] = Field(
        default="any",
        description="'lead': only right before a score ('down to'); 'follow': only right after it ('3/10 after'); "
                    "'activity': right after it, naming when it hurts ('a six first thing in the morning'): "
                    "the client's report, read only when no other cue gives the timing; 'treated_for': right "
                    "after it (past a comma), saying a technique was then done for it ('a four, so I did "
                    "trigger point'): the score the work started from, whatever cue came before; 'none_taken': "
                    "anywhere in the note, saying no score of this timing was taken ('didn't get an after "
                    "score'): a score with no cue of its own is then of the other timing; 'comparison': anywhere, a "
                    "change measured against an earlier time ('bends more than before'): hides the timing "
                    "words inside it and gives no timing itself",
    )
    strength: int = Field(default=2, ge=1, le=3, description="A stronger cue wins over a nearer weak one")
    after_score: bool = Field(
        default=False,
        description="Only when a score came earlier in the note: 'now 4' after 'was a 7' is the after score, "
                    "but 'pain now is seven' said first is how the client arrived",
    )
    needs_subject: bool = Field(
        default=False,
        description="Only with someone named right before it ('Shaz left at 2/10', 'pt left at'): with none it "
                    "is another reading of its first word ('right 6/10, left at 3/10' is the left side)",
    )


class SessionMarker(_Rule):
    id: str
    terms: list[str] = Field(min_length=1)
    position: Literal["before", "after", "next_cell", "overran"] = Field(
        description="'next_cell': the marker is the next cell of a typed row ('35m | Total time'), never "
                    "the same phrase ('twenty minutes total' is a service's time); 'overran': no marker of a "
                    "length but words saying the visit went past its booked length ('ran long'), so a booked "
                    "length is no measure of it")
    booked: bool = Field(False, description="the length planned ('booked for an hour', 'a 30-minute slot'): when "
                                            "the note says the visit ran over, it is neither the session's length "
                                            "nor a service's time")
    list_total: bool = Field(False, description="a bare total that closes a list of two or more techniques of one "
                                                "code with no minutes of their own is that list's time, not the session's")
    after_technique: bool = Field(False, description="words with no subject of their own ('only got', 'we only had'): "
                                                     "said after a technique in its clause ('single leg stance, only got "
                                                     "about 6 min in'), the minutes are that technique's, not the session's")
    paired: bool = Field(False, description="words that name the session only where the sentence says the "
                                           "marker's last word again later ('forty minutes, half gait and half ther ex')")
    timed_total: bool = Field(False, description="the sum of the timed services said as a total ('Total timed minutes: "
                                                 "40'): the visit's length only when no other is said; beside a total "
                                                 "treatment time ('Total treatment time: 30') that one is the visit's")
    not_before_area: bool = Field(False, description="words that name the work at a body part when one follows them "
                                                     "('11 minutes hands-on for the right shoulder: glides ...'): "
                                                     "then the minutes are that service's, not the visit's")
    heading: bool = Field(False, description="words after the minutes that name the session only as a heading: "
                                             "the minutes open their sentence and the words end on a colon over a "
                                             "list ('38 min timed total: 26 TE, then 12 MT'); after a technique "
                                             "('TherEx x28 min total: bike 8 min') they total that block")
    opens_sentence: bool = Field(False, description="words that name the session only as the sentence's opening "
                                                    "('In the room 30 min total.', 'Treatment time 30 minutes today.'); "
                                                    "after a technique ('Ultrasound treatment time 8 minutes') or a person "
                                                    "('Mom stayed in the room 20 min') the minutes are not the visit's")


class LinkWords(_Rule):
    id: str
    role: Literal[
        "clause_break", "concurrent", "coordination", "duration_of", "continuation", "active", "purpose", "equipment",
        "anaphor", "movement_after", "movement_before", "device_after", "lever_after", "position_after", "reason", "symptom_path", "contrast", "activity_frame",
        "score_peak", "done", "done_after", "time_missing", "finished",
    ]
    terms: list[str] = Field(min_length=1)


class SectionHeading(_Rule):
    """A heading of a charted note ("Plan:", "HEP:", "A:") and what the words under it are.

    ``planned``: what follows is a plan or a home program, never a service of this session;
    ``assessment``: what follows judges the services recorded elsewhere, it starts none itself;
    ``performed``: an ordinary heading, it only ends the section before it;
    ``coding``: what follows is the clinician's own coding of the visit (a billing summary: codes,
    units, modifiers, a total), not documentation of it; the claim follows the documented services,
    so its codes, minutes and areas start and time none."""

    id: str
    kind: Literal["planned", "assessment", "performed", "coding"]
    terms: list[str] = Field(min_length=1, description="One-letter headings ('A', 'P') match only as capitals")
    before_score: bool = Field(
        default=False,
        description="Only when a pain score follows the colon: flowsheets label a rating with the same letter "
                    "a SOAP note heads its plan with ('P: 5 -> 3' is pain five to three, 'P: continue' a plan)")
    opens_line: bool = Field(
        default=False,
        description="At the start of a line the term opens its section with no colon ('Treatment today, after "
                    "the eval.', \"Today's session was cut short\"): an evaluation-day note types its "
                    "treatment as a paragraph after the plan's, and the heading names today")
    one_paragraph: bool = Field(
        default=False,
        description="Written on its heading's line ('Assessment: good progress, continue 1x/wk'), the section "
                    "ends with that line when the next line starts a new capitalised paragraph: a typed "
                    "evaluation note gives each section one paragraph, and today's treatment follows unheaded "
                    "(or precedes it: a note told result first opens on 'Plan: ...' and goes on to the visit). "
                    "A heading line that ends in a colon introduces the lines under it ('Plan: continue with:')")
    services: bool = Field(
        default=False,
        description="Its items are the services given today ('Treatment:', 'Interventions:'): a technique named "
                    "there without minutes was done and waits for them (extraction/untimed_gate.py)")
    log_steps: list[str] = Field(
        default_factory=list,
        description="Of its terms, those that head the next step of a clock log, not a plan, on the line after "
                    "one that opens with a time of day ('09:00-09:20 TE L shoulder ...' / 'next: TA - sled push, "
                    "10-15 min'): a timeline lists its steps in order, and 'next' there is the one that followed")
    scores_planned: bool = Field(
        default=False,
        description="Pain scores under it are targets, not ratings of this visit ('Goals: STG pain <=3/10 with "
                    "reaching; LTG 0-1/10'): planned like its techniques, where a plan's 'pain 2/10 post' may "
                    "still report today")
    qualifiers: list[str] = Field(
        default_factory=list,
        description="Words that may stand between a heading and its colon, saying when in the visit it came "
                    "('Today after the eval:', \"Today's tx following the re-eval:\"); any heading may take them")

    _terms = field_validator("terms")(_no_blank_terms)


class TemplateMark(_Rule):
    """A mark an EMR template prints round its fields (templates.jsonl), which says whether the
    words beside it are today's work.

    ``checked_box`` / ``unchecked_box``: a checkbox ("[x]", "[ ]") before a list item; an unchecked
    box negates its item (the service named, its blank minute field), a checked one affirms it.
    ``copied_forward``: a phrase that opens text copied from an earlier note ("Copied forward from
    04/02"), history and never a service of today; ``copy_end``: the phrase that closes such a block.
    ``table_minutes`` / ``table_counts`` / ``table_area``: the header of a markdown table's column
    (matched case-insensitively, the whole cell) that holds a row's minutes ("Minutes", "Time"),
    its sets and reps ("Sets x Reps"), or its body area ("Area"). ``table_duration``: a header that
    says its cells are elapsed times ("Dur", "h:mm", "hh:mm:ss"), so "1:05" there is 65 minutes and no
    time of day; the same words before a reading label it ("Duration: 1:10").
    ``row_not_done``: the value a template row prints in its field, after the row's label and a dash
    or colon, when its service was not given today ("Ice - N/A", "MHP: held"); it negates the
    services named on that row only."""

    id: str
    kind: Literal["checked_box", "unchecked_box", "copied_forward", "copy_end", "table_minutes", "table_counts",
                  "table_area", "row_not_done", "table_duration"]
    terms: list[str] = Field(min_length=1, description="Matched as written for boxes, case-insensitively for phrases")

    _terms = field_validator("terms")(_no_blank_terms)


class SymbolReading(_Rule):
    """A charting symbol and the word it stands for (symbols.jsonl, extraction/symbols.py): "p̄ tx
    3/10" is "after tx 3/10", "c̄ stairs" is "with stairs". The rules read words, so the note is
    read with the word put in; evidence still points at the symbol as typed.

    ``symbols``: every way the symbol is typed (a precomposed letter and its letter + combining
    mark, a macron or an overline). ``apart``: what must not touch the symbol for it to be read:
    ``letters`` (a letter with a bar: "p̄" inside a word is no abbreviation), ``digits`` ("1½" is a
    number, "x½ hr" a half hour) or ``nothing`` (an arrow is read wherever it stands)."""

    id: str
    symbols: list[str] = Field(min_length=1)
    reads: str = Field(min_length=1)
    apart: Literal["letters", "digits", "nothing"] = "letters"

    _symbols = field_validator("symbols")(_no_blank_terms)


class ClauseRule(_Rule):
    """What opens a new clause after a comma in a run-on sentence (see components/clauses.py)."""

    id: str
    pattern: list[dict[str, Any] | str] = Field(default_factory=list, description="Token pattern; the clause starts at its first token")
    new_technique: bool = Field(default=False, description="A technique that does not continue a list of techniques")
    unpunctuated: bool = Field(default=False, description="Also without a comma when the transcript has no punctuation")
    after_area_heading: bool = Field(
        default=True,
        description="Opens a clause even when all its sentence said so far is body areas; false: such a "
        "heading is this clause's ('On the left calf, twelve minutes of MFR')",
    )
    opens_after: bool = Field(
        default=False,
        description="Without punctuation, the clause starts right AFTER the pattern, when a technique's name "
        "starts there: a time phrase closing a statement ('worse after yard work over the weekend moist heat "
        "...') is the statement's, and what it said reaches no further",
    )
    not_after_technique: bool = Field(
        default=False,
        description="Without a comma, opens no clause right after a technique's name: minutes said straight "
        "after the name are its own ('gait training eleven minutes with a cane in the hallway'), they close "
        "its clause",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> "ClauseRule":
        if bool(self.pattern) == self.new_technique:
            raise ValueError("a clause rule has either a pattern or new_technique: true")
        return self


class CorrectionRule(_Rule):
    """Words a speaker uses to replace what they just said ("twenty, no, twenty-five")."""

    id: str
    terms: list[str] = Field(min_length=1)
    lead: int = Field(default=3, ge=0, le=12, description="Tokens from the replaced fact to the marker, at most")
    follow: int = Field(default=6, ge=0, le=12, description="Tokens from the marker to the replacing fact, at most")
    between_numbers: bool = Field(
        default=False,
        description="A hedge that repairs only a number said right before it and again right after "
        "('thirty, well, thirty-five minutes'); elsewhere the word is ordinary speech ('well tolerated')",
    )
    takes_back: bool = Field(
        default=False,
        description="The words say what was just dictated belonged to someone else ('scratch that, that was Mrs. "
        "Lee'): every service and minutes said since the sentence began, or the one before when the "
        "take-back opens its sentence, is retracted, with no replacement needed",
    )
    then_set: str | None = Field(
        default=None, description="A token set the word after the term must be in ('that was' + NAME_TITLE)"
    )


class DictationCommand(_Rule):
    """A command of dictation software transcribed literally (extraction/dictation.py): spoken
    punctuation ("comma", "new paragraph") and spoken edits the reader must apply before reading.

    ``punctuation``: the words stand for ``output``; ``drop``: the words are no text at all
    ("start dictation"); ``retract``: a sentence that is only these words deletes the sentence
    before it ("scratch that"); ``strike``: the words open a sentence naming what to delete
    ("strike the part about the ice"); ``change``: "change A to B" (``joiner`` "to") replaces
    the last A said before it by B; ``correction``: "correction: B not A" (``joiner`` "not")
    replaces the last A by B."""

    id: str
    kind: Literal["punctuation", "drop", "retract", "strike", "change", "correction"]
    terms: list[str] = Field(min_length=1, description="Matched case-insensitively, on word boundaries")
    output: str = Field(default="", description="What punctuation words stand for")
    joiner: str = Field(default="", description="The word between the two parts of a change or correction")
    voice_alone: bool = Field(
        default=False,
        description="Words no note writes in its own voice ('new paragraph'): one of them shows a transcript of "
                    "dictation software, where 'comma' or 'period' shows it only with others")

    _terms = field_validator("terms")(_no_blank_terms)


class RecapCue(_Rule):
    """Words that open a dictated wrap-up of an ambient recording ("okay for the note: ..."), said
    before a colon, comma or dash. What follows to the end of its line restates the session's
    services with their minutes and its pain scores, so it wins over what was said in passing."""

    id: str
    terms: list[str] = Field(min_length=1)
    own_sentence: bool = Field(
        default=False,
        description="The words open a wrap-up only as the first words of a sentence or line, and then a full "
        "stop closes them too ('Dictating. Swedish massage ...', 'Note. ...'): said inside a sentence they are "
        "talk ('it's just for the record.', 'make a note of it')",
    )
    block: bool = Field(
        default=False,
        description="The words are a heading alone on its line ('Time:', 'Time log:') that opens the block of "
        "lines closing the note: the wrap-up is every line after it to the end, one service and its minutes a "
        "line, a restatement of the services the note's body described",
    )

    _terms = field_validator("terms")(_no_blank_terms)


class AddendumHeading(_Rule):
    """Words that open an addendum, a late entry or a correction added below a note ("Addendum:",
    "Late entry 7:05 PM -", "Supervising PT addendum:"), said within the first words of a line or
    sentence. What follows was written later about the same visit: a service it names again is the
    one above, corrected or completed, never a second one (extraction.linking).

    ``inline``: the words name a supervisor (a clinical instructor, a supervising PT) whose comment
    is written in brackets inside a student's or assistant's note ("[CI: 22 min per the timer, not
    23]"); such a comment replaces the figure, area or word it corrects before the note is read
    (extraction/supervisor.py), and the words open no addendum below the note."""

    id: str
    terms: list[str] = Field(min_length=1)
    inline: bool = False
    joiner: str = Field(default="", description="Inline: the word between the right and the wrong part ('not')")
    adds: list[str] = Field(default_factory=list, description="Inline: words saying the supervisor added a service "
                            "('also', 'added'): minutes said with them are that service's, no correction")
    restating: list[str] = Field(default_factory=list, description="Inline: words that lead the right part's "
                                 "corrected words ('the MFR was on the upper traps': 'upper traps')")

    _terms = field_validator("terms")(_no_blank_terms)


class TranscriptMark(_Rule):
    """A mark a transcription app or service writes round the dictated words (extraction/service_format.py).

    ``timestamp``: ``pattern`` is a regular expression for a position in the recording ("[00:01:12]",
    "00:03", "(01:45)"), never minutes or a clock time of the session; ``speaker``: ``terms`` are labels
    the service puts before a turn ("Speaker 1:", "THERAPIST:", "Client:"), a trailing number allowed;
    ``marker``: ``terms`` are what it writes in brackets for what it could not or would not transcribe
    ("[inaudible]", "(unintelligible)", "[laughs]"); ``summary``: ``terms`` open a summary the app wrote
    above the transcript ("Summary:"), which restates the dictation and is never read beside it;
    ``gap``: ``terms`` are what a transcriber writes in brackets for a stretch of a room recording it
    left out ("[...]"), a sign the note is a recording of the room (extraction/components/recap.py)."""

    id: str
    kind: Literal["timestamp", "speaker", "marker", "summary", "gap"]
    terms: list[str] = Field(default_factory=list, description="Matched case-insensitively, on word boundaries")
    pattern: str = Field(default="", description="A timestamp's regular expression")

    _terms = field_validator("terms")(_no_blank_terms)

    @model_validator(mode="after")
    def _has_words(self) -> "TranscriptMark":
        if (self.kind == "timestamp") != bool(self.pattern) or (self.kind != "timestamp") != bool(self.terms):
            raise ValueError("a timestamp has a pattern and no terms; the other kinds have terms and no pattern")
        return self


class RealizedCue(_Rule):
    """Words that say how much of a planned or booked service was actually done ("we got twenty
    minutes in", "only managed fifteen", "ended up doing ten minutes"), read by
    extraction/components/realized.py. Said right before minutes, in a sentence that names no
    technique, after a sentence that planned one: the plan's technique is today's service, with
    those minutes and the areas the sentence names."""

    id: str
    terms: list[str] = Field(min_length=1, description="Matched case-insensitively; the minutes follow within "
                             "a few filler words")

    _terms = field_validator("terms")(_no_blank_terms)


class ConversationLabel(_Rule):
    """A speaker's label in a transcribed conversation about the session (extraction/conversation.py):
    ``asker`` labels the one who asks about the visit (a billing assistant, the front desk, "Q:"), whose
    questions name services but document none; ``answerer`` labels the treating therapist ("A:",
    "Therapist:", "PT:"), whose answers are the note. A label is layout, never content: "PT:" is no
    other provider, "A:" no assessment heading. ``no_answer``: words that open an answer saying the
    service asked about was not done ("no", "didn't get to it"), which negate the question's service."""

    id: str
    role: Literal["asker", "answerer", "no_answer"]
    terms: list[str] = Field(min_length=1, description="Labels: matched case-insensitively at a line's start, "
                             "before a colon; no_answer: at the answer's start")

    _terms = field_validator("terms")(_no_blank_terms)


SCHEMAS: dict[str, type[_Rule]] = {
    "conversation.jsonl": ConversationLabel,
    "realized.jsonl": RealizedCue,
    "transcript_format.jsonl": TranscriptMark,
    "recap.jsonl": RecapCue,
    "addenda.jsonl": AddendumHeading,
    "dictation.jsonl": DictationCommand,
    "corrections.jsonl": CorrectionRule,
    "techniques.jsonl": TechniqueEntry,
    "not_services.jsonl": NotServiceName,
    "areas.jsonl": AreaEntry,
    "laterality.jsonl": LateralityEntry,
    "area_references.jsonl": AreaReference,
    "conditions.jsonl": ConditionEntry,
    "hedges.jsonl": HedgeRule,
    "cues.jsonl": CueEntry,
    "context.jsonl": ContextRule,
    "mishearings.jsonl": Mishearing,
    "token_sets.jsonl": TokenSet,
    "durations.jsonl": DurationRule,
    "pain.jsonl": PainRule,
    "pain_timing.jsonl": TimingCue,
    "session_length.jsonl": SessionMarker,
    "linking.jsonl": LinkWords,
    "clauses.jsonl": ClauseRule,
    "sections.jsonl": SectionHeading,
    "templates.jsonl": TemplateMark,
    "symbols.jsonl": SymbolReading,
}

R = TypeVar("R", bound=_Rule)


class PatternFileError(ValueError):
    """A shipped or added pattern file has a line the schema rejects."""


def shipped_files() -> list[str]:
    folder = resources.files("extraction") / "patterns"
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".jsonl"))


@cache
def load(name: str) -> tuple[_Rule, ...]:
    """All rules of one pattern file, validated; cached, so the file is read once per process."""
    schema = SCHEMAS.get(name)
    if schema is None:
        raise PatternFileError(f"{name}: no schema for this pattern file; known: {', '.join(sorted(SCHEMAS))}")
    text = (resources.files("extraction") / "patterns" / name).read_text(encoding="utf-8")
    rules = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rules.append(schema.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise PatternFileError(f"{name} line {lineno}: {exc}") from exc
    ids = [getattr(r, "id", getattr(r, "name", None)) for r in rules]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise PatternFileError(f"{name}: duplicate ids {dupes}")
    return tuple(rules)


@cache
def _homophones() -> dict[str, tuple[str, ...]]:
    """Vocabulary word -> the real words a recogniser writes for it (mishearings.jsonl, kind homophone)."""
    return {m.target.lower(): tuple(h.lower() for h in m.heard)  # type: ignore[attr-defined]
            for m in load("mishearings.jsonl") if m.kind == "homophone"}  # type: ignore[attr-defined]


def homophone_variants(terms: Iterable[str], settled_alone: bool = False) -> list[str]:
    """The terms as a recogniser writes them with a homophone for one of their words ("lumbar
    spine" -> "lumber spine"). Only terms of two or more words, whose other words settle which
    word was meant ("lumber" alone is wood), unless ``settled_alone``: a side word that counts
    only right before an area ("write leg")."""
    homophones = _homophones()
    found: list[str] = []
    for term in terms:
        words = term.split(" ")
        if len(words) < 2 and not settled_alone:
            continue
        for n, word in enumerate(words):
            for heard in homophones.get(word.lower(), ()):
                found.append(" ".join(words[:n] + [heard] + words[n + 1:]))
    return found


def techniques() -> tuple[TechniqueEntry, ...]:
    return load("techniques.jsonl")  # type: ignore[return-value]


def areas() -> tuple[AreaEntry, ...]:
    """Every area entry; an entry with ``area`` set names parts of that area, whose regions it must share."""
    entries: tuple[AreaEntry, ...] = load("areas.jsonl")  # type: ignore[assignment]
    by_id = {e.id: e for e in entries}
    for e in entries:
        target = by_id.get(e.area) if e.area else e
        if target is None or target.area or set(target.regions) != set(e.regions):
            raise PatternFileError(f"areas.jsonl: {e.id} reports area {e.area!r}, which must be a plain area "
                                   "with the same regions")
    return entries


@cache
def technique_by_id() -> dict[str, TechniqueEntry]:
    return {t.id: t for t in techniques()}


@cache
def service_names() -> dict[str, frozenset[str]]:
    """Technique id -> its terms that name the billed service itself, lower case; an all-capitals
    abbreviation also spaced out as a recogniser writes it ("TE", "t e")."""
    return {e.id: frozenset({t.lower() for t in e.service_terms}
                            | {" ".join(t.lower()) for t in e.service_terms if t.isalpha() and t.isupper()})
            for e in techniques()}


@cache
def area_by_id() -> dict[str, AreaEntry]:
    return {a.id: a for a in areas()}


@cache
def condition_by_id() -> dict[str, ConditionEntry]:
    return {c.id: c for c in load("conditions.jsonl")}  # type: ignore[attr-defined]


@cache
def link_words(role: str) -> tuple[str, ...]:
    """The words of one linking role, lower-cased (e.g. 'clause_break')."""
    return tuple(t.lower() for r in load("linking.jsonl") if r.role == role for t in r.terms)  # type: ignore[attr-defined]


@cache
def known_words(kind_file: str | None = None) -> frozenset[str]:
    """Words already known as themselves, lower-cased: every one-word term of every pattern
    file, every word of the token sets, and each word of a longer term of a file other than
    ``kind_file`` ("retraction" of an exercise is known to a technique guess). A word of a longer
    term of the same kind is a piece of a name ("gluteus" of "gluteus medius"), so a heard
    "gluteus" may still be read as the gluteals."""
    words: set[str] = set()

    def add(values, whole_only: bool) -> None:
        for v in values:
            if isinstance(v, str) and (not whole_only or len(v.split()) == 1):
                words.update(v.lower().split())

    for name in SCHEMAS:
        for rule in load(name):
            for key in ("terms", "heard", "plural_terms", "case_sensitive"):
                values = getattr(rule, key, ())
                add(values if isinstance(values, (list, tuple)) else (), whole_only=name == kind_file)
            token = getattr(rule, "token", None)
            if token:
                for spec in token.values():
                    if isinstance(spec, dict) and "IN" in spec:
                        add(spec["IN"], whole_only=False)
    return frozenset(words)


@cache
def whole_terms() -> frozenset[str]:
    """The one-word terms of every vocabulary, lower-cased ("neck", "cupping", "tension"): words
    that name something on their own, so never the slipped half of a two-word near-miss."""
    out: set[str] = set()
    for name in SCHEMAS:
        for rule in load(name):
            for key in ("terms", "plural_terms", "case_sensitive"):
                values = getattr(rule, key, ())
                if isinstance(values, (list, tuple)):
                    out.update(v.lower() for v in values if isinstance(v, str) and len(v.split()) == 1)
    return frozenset(out)


@cache
def case_only_terms() -> frozenset[str]:
    """One-word terms, lower-cased, that a vocabulary lists only in a case of their own ("US" of
    ultrasound): written all in lower case ("us") they are the everyday word, no term."""
    plain: set[str] = set()
    cased: set[str] = set()
    for name in SCHEMAS:
        for rule in load(name):
            own = getattr(rule, "case_sensitive", ())
            own = own if isinstance(own, (list, tuple)) else ()
            for key, into in (("terms", plain), ("plural_terms", plain), ("case_sensitive", cased)):
                values = getattr(rule, key, ())
                if isinstance(values, (list, tuple)):
                    into.update(v.lower() for v in values if isinstance(v, str) and len(v.split()) == 1
                                and (key != "terms" or v not in own))
    return frozenset(cased - plain)


@cache
def token_sets() -> dict[str, dict[str, Any]]:
    """Every token set of token_sets.jsonl by name: the one lookup patterns and code share."""
    return {s.name: s.token for s in load("token_sets.jsonl")}  # type: ignore[attr-defined]


_ALL_CAPS = re.compile(r"^[A-Z][A-Z0-9]{2,}s?$")


def cased_forms(terms) -> list[str]:
    """Abbreviations matched only as written, plus the all-lower-case form of each one of three or
    more capitals ("NMR", "SLRs") whose lower case is no ordinary word (token set
    ABBREVIATION_WORDS: "ART", "MET", "TUG" stay capitals only). Thumb-typed notes and recogniser
    output write "nmr", "mhp", "slr" without capitals; case only protects an abbreviation from the
    word it would otherwise be, and these would be none."""
    terms = list(terms)
    taken = words("ABBREVIATION_WORDS")
    return terms + [t.lower() for t in terms
                    if _ALL_CAPS.match(t) and t.lower() not in taken and t.lower().rstrip("s") not in taken]


@cache
def words(*names: str) -> frozenset[str]:
    """The words of one or more token sets, lower-cased, for code that tests a token's text.

    Only sets written as ``{"LOWER": {"IN": [...]}}`` have words; any other raises, so a set that
    code reads as words cannot silently become a pattern it cannot read."""
    out: set[str] = set()
    sets = token_sets()
    for name in names:
        spec = sets.get(name)
        if spec is None:
            raise PatternFileError(f"unknown token set {name!r}; known: {', '.join(sorted(sets))}")
        inner = spec.get("LOWER")
        if set(spec) != {"LOWER"} or not isinstance(inner, dict) or set(inner) != {"IN"}:
            raise PatternFileError(f"token set {name!r} is not a word list ({{'LOWER': {{'IN': [...]}}}})")
        out.update(w.lower() for w in inner["IN"])
    return frozenset(out)


def expand_pattern(pattern: list[dict[str, Any] | str]) -> list[dict[str, Any]]:
    """Replace "$NAME" (or "$NAME?" for optional, "$NAME*" for any number: the filler words
    between an idiom's fixed words, "icing on like two hundred wedding cupcakes") with the token
    set of that name."""
    sets = token_sets()
    out: list[dict[str, Any]] = []
    for tok in pattern:
        if isinstance(tok, dict):
            out.append(tok)
            continue
        op = tok[-1] if tok[-1] in "?*" else ""
        name = tok[1:-1] if op else tok[1:]
        if not tok.startswith("$") or name not in sets:
            raise PatternFileError(f"unknown token set {tok!r}; known: {', '.join(sorted(sets))}")
        out.append({**sets[name], "OP": op} if op else dict(sets[name]))
    return out
