"""The untimed gate: a technique named without minutes is a service waiting for them only when the
note shows it was done today.

A word that names a timed technique turns up in many places that are no service: a finding ("poor
balance"), a goal, a reason, a test, a heading, a home routine, another sense of the word. Finding
each such source by its vocabulary never ends, since each new writer brings new ones. So the
question is turned round: a minute-less mention stays a pending service (MISSING_DURATION, which
blocks confirming) only on EVIDENCE THAT IT WAS DONE, and otherwise is marked ``named_only``;
billing then raises the warning UNTIMED_MENTION for it instead (billing/claim.py, the rule's one
home). Evidence, each read only where its anchor occurs:

- a verb of doing before it in its clause, near it or opening a list of services that runs to it
  ("did", "worked on", "performed", "then", "followed by"; linking role ``done``), or a participle of
  doing after it before any comma ("STM performed", "ultrasound applied"; role ``done_after``);
- its clause names minutes said of this session (it is listed with a timed technique);
- a dose in its clause: reps, sets, MHz, a band, a distance, a grade or level with its number
  ("3x10", "grade III"; token sets DOSE_WORD, DOSE_SETTING, and a count after TIMES that is no
  frequency), or the code written beside it ("97124 | Swedish |");
- it heads a list of techniques ("Ther ex: bridges, clams"), or opens a line "X: ..." in a note whose
  other lines open with timed services ("TE 26 min - ...", "TA: car transfers"), or an aid follows
  it ("GT w/ SPC");
- a body area said right beside it, joined only by filler: "STM to the upper traps", "L knee mobs";
- it is an item of a services section ("Treatment:", "Interventions:"; sections.jsonl ``services``)
  or a checked template box, or its clause is a terse list item that names only techniques, areas
  and aids ("Gait training w/ RW."; token set ITEM_FILLER);
- it was dictated as done within, or at the same time as, another service;
- the note remarks that its minutes are missing ("didn't time it", "how long was the STM??": role
  ``time_missing``), in its sentence, or anywhere when the remark names no technique.

A note that times nothing at all is left as it is: nothing was timed, so the services are what it
names and each waits for its minutes.
"""

from __future__ import annotations

import re

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from extraction import vocab
from extraction.components.sections import service_ranges
from extraction.components.templates import box_items
from extraction.facts import Mention
from extraction.spans import sentences, text_of
from models import AreaFact, Context, DurationFact, TechniqueFact, Treatment

VERB_REACH = 6  # words from a verb of doing to the technique it governs ("did some more balance work")
_ROMAN = {"i", "ii", "iii", "iv", "v", "i-ii", "ii-iii", "iii-iv", "iv-v", "1-2", "2-3", "3-4", "4-5"}
CLOSING_REACH = 2  # words after a participle that closes its technique's sentence ("tolerated well today")
OPEN_REACH = 2  # words before a verb that still opens its clause ("then we worked on")
ITEM_REACH = 4  # words from a heading's colon to the first technique it lists
AID_REACH = 3  # words from "w/" to the aid ("with the single point cane")
CODE_DIGITS = 5  # a CPT code written beside the technique
_ITEM_MARKS = {":", "-", "–", "—"}
_BULLETS = {"-", "*", "•", "·", "–"}
AREA_GAP = 3  # filler words between a technique and the area it was applied to ("to the left")
_COUNT_BY_COUNT = re.compile(r"^\d+\s*[x×*]\s*\d+$", re.I)  # "3x10", "2x15"


def mark(doc: Doc, treatments: list[Treatment], mentions: list[Mention], clauses: list[tuple[int, int]],
         roles: dict[str, list[int]], movement: set[str] = frozenset()) -> list[Treatment]:
    """``movement``: ids of areas said only as the part an exercise moves ("pelvic tilts"): no
    treated area beside it."""
    """The treatments, with ``named_only`` set on each minute-less one the note gives no sign was done."""
    if all(t.minutes is None for t in treatments):
        return treatments  # nothing timed: what the note names are its services
    bare = [t for t in treatments if t.minutes is None and not t.within and not t.concurrent]
    if not bare:
        return treatments
    evidence = _Evidence(doc, mentions, clauses, roles, movement)
    remarked = _time_remarked(doc, mentions, roles.get("time_missing", []))
    if remarked is None:
        return treatments  # "didn't time it": the note says its minutes are missing
    marked = {t.id for t in bare if t.cpt not in remarked
              and not any(evidence.done(m) for m in evidence.techniques_of(t))}
    if not marked:
        return treatments
    return [t.model_copy(update={"named_only": True}) if t.id in marked else t for t in treatments]


def _time_remarked(doc: Doc, mentions: list[Mention], remarks: list[int]) -> set[str] | None:
    """Codes the note says have no minutes, named in the remark's sentence ("some balance work,
    didn't time it", "how long was the STM??", "forgot to note the time on gait"): every treatment
    of that code waits for its minutes. None when a remark names no technique in its sentence
    ("forgot to note the times"): then it speaks of every one."""
    if not remarks:
        return set()
    sents = sentences(doc)
    said = {sents.of[i] for i in remarks}
    named = {m.sent: m.fact.cpt for m in mentions if isinstance(m.fact, TechniqueFact) and m.sent in said}
    return None if said - named.keys() else {m.fact.cpt for m in mentions
                                                if isinstance(m.fact, TechniqueFact) and m.sent in said}


class _Evidence:
    """What a technique's clause says of it; built once per note, only when a minute-less one exists."""

    def __init__(self, doc: Doc, mentions: list[Mention], clauses: list[tuple[int, int]],
                 roles: dict[str, list[int]], movement: set[str]) -> None:
        self.doc = doc
        self.by_fact = {m.fact.id: m for m in mentions if isinstance(m.fact, TechniqueFact)}
        self.clauses = clauses
        self.clause_starts = [c[0] for c in clauses]
        self.before = sorted(roles.get("done", []) + roles.get("continuation", []))
        self.after = roles.get("done_after", [])
        self.minutes = sorted(m.start for m in mentions if isinstance(m.fact, DurationFact)
                              and m.fact.context == Context.performed and not m.fact.session_length)
        self.sections = service_ranges(doc)
        self.boxes: list[tuple[int, int]] | None = None
        self.named: set[int] | None = None
        self.timed_lines: bool | None = None
        self.tech_starts = sorted(m.start for m in mentions if isinstance(m.fact, TechniqueFact))
        areas = [m for m in mentions if isinstance(m.fact, AreaFact) and m.fact.id not in movement]
        self.area_starts = sorted(m.start for m in areas)
        self.area_ends = sorted(m.end for m in areas)
        self.mentions = mentions

    def techniques_of(self, t: Treatment) -> list[Mention]:
        return [self.by_fact[f] for f in t.fact_ids if f in self.by_fact]

    def clause_of(self, m: Mention) -> tuple[int, int]:
        k = bisect_right(self.clause_starts, m.start) - 1
        return self.clauses[k] if k >= 0 else (m.start, m.end)

    def done(self, m: Mention) -> bool:
        lo, hi = self.clause_of(m)
        return (self._area_beside(m, lo, hi) or self._verb_before(m, lo) or self._done_after(m, hi)
                or self._heads_items(m, hi) or self._aid_after(m, hi)
                or _any_in(self.minutes, lo, hi) or self._dose(lo, hi)
                or any(a <= m.start < b for a, b in self.sections) or self._checked(m) or self._item(lo, hi))

    def _area_beside(self, m: Mention, lo: int, hi: int) -> bool:
        """A body area said right beside it, joined by nothing but filler ("STM to the upper traps",
        "L knee mobs", "US over the R shoulder"): the part it was applied to. An area further on,
        across other words, is said of something else ("balance is poor on the left leg")."""
        filler = vocab.words("AREA_JOIN")
        doc = self.doc
        k = bisect_left(self.area_starts, m.end)
        if k < len(self.area_starts) and self.area_starts[k] < hi and self.area_starts[k] - m.end <= AREA_GAP \
                and all(doc[i].lower_ in filler for i in range(m.end, self.area_starts[k])):
            return True
        k = bisect_right(self.area_ends, m.start) - 1
        return k >= 0 and self.area_ends[k] >= lo and m.start - self.area_ends[k] <= AREA_GAP \
            and all(doc[i].lower_ in filler for i in range(self.area_ends[k], m.start))

    def _heads_items(self, m: Mention, hi: int) -> bool:
        """It heads a list of what was done: a colon or dash, then techniques ("Ther ex: bridges,
        clams"), or, opening its line, the same layout as the note's timed service lines ("TE 26 min -
        hip ex ..." above "TA: car transfer simulation, sit-stand"). "Balance: poor" in a spoken
        note heads a finding."""
        if m.end >= hi or self.doc[m.end].text not in _ITEM_MARKS:
            return False
        k = bisect_left(self.tech_starts, m.end + 1)
        if k < len(self.tech_starts) and self.tech_starts[k] < min(hi, m.end + 1 + ITEM_REACH):
            return True
        return self._opens_line(m.start) and self._timed_line_openers()

    def _opens_line(self, i: int) -> bool:
        doc = self.doc
        while i > 0 and doc[i - 1].lower_ in _BULLETS:
            i -= 1
        return i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_

    def _timed_line_openers(self) -> bool:
        """Whether some line of the note opens with a technique and gives minutes on that line."""
        if self.timed_lines is None:
            doc = self.doc
            self.timed_lines = False
            for start in self.tech_starts:
                if not self._opens_line(start):
                    continue
                end = start
                while end < len(doc) and "\n" not in doc[end].text:
                    end += 1
                if _any_in(self.minutes, start, end):
                    self.timed_lines = True
                    break
        return self.timed_lines

    def _aid_after(self, m: Mention, hi: int) -> bool:
        """An aid or equipment it was done with, or a surface it was done on, right after it ("GT w/
        SPC", "rows with the green band", "balance work on foam")."""
        doc = self.doc
        for at in range(m.end, min(hi, m.end + 2)):  # "stance drills on the Airex": a noun of the name first
            join = doc[at].lower_
            if join in vocab.words("AID_JOIN"):
                aids = vocab.words("EXERCISE_EQUIPMENT", "GAIT_AID")
            elif join in vocab.words("SURFACE_JOIN"):
                aids = vocab.words("EXERCISE_SURFACE")  # "balance work on foam"; "gait on the stairs" may be a goal
            else:
                continue
            return any(doc[i].lower_ in aids for i in range(at + 1, min(hi, at + 1 + AID_REACH)))
        return False

    def _name_tokens(self) -> None:
        if self.named is None:
            self.named = {i for m in self.mentions if isinstance(m.fact, (TechniqueFact, AreaFact))
                          for i in range(m.start, m.end)}

    def _item(self, lo: int, hi: int) -> bool:
        """A clause that is nothing but names of techniques and areas, with their joiners and aids
        ("Gait training w/ RW.", "- STM, MFR upper traps"): an item of a terse list of what was done.
        A finding, goal or test says something of it ("balance poor", "goal: improve balance")."""
        self._name_tokens()
        filler = vocab.words("ITEM_FILLER", "EXERCISE_EQUIPMENT", "TECHNIQUE_MODIFIER")
        return all(i in self.named or self.doc[i].is_punct or self.doc[i].lower_ in filler for i in range(lo, hi))

    def _done_after(self, m: Mention, hi: int) -> bool:
        k = bisect_left(self.after, m.end)
        if k == len(self.after):
            return False
        if self.after[k] < hi and not any(t.text in {",", ":"} for t in self.doc[m.end : self.after[k]]):
            return True
        return self._closes_its_sentence(m, self.after[k])

    def _closes_its_sentence(self, m: Mention, at: int) -> bool:
        """A participle of doing that closes the sentence the technique opens, past the commas of its
        settings ("Manual cervical traction, intermittent, in supine, well tolerated."; "IFC to the low
        back, premod, 80-150 Hz, applied"): said of it, as no other technique comes between. Only
        where the participle ends the sentence (CLOSING_REACH words left at most), so a participle
        of a later clause about something else ("..., and the HEP was performed at home") is no sign."""
        lo, hi = sentences(self.doc).bounds(m.start)
        if at >= hi or not self._opens_sentence_at(m.start, lo):
            return False
        j = bisect_right(self.tech_starts, m.start)
        if j < len(self.tech_starts) and self.tech_starts[j] < at:
            return False
        return sum(1 for t in self.doc[at + 1 : hi] if not t.is_punct and not t.is_space) <= CLOSING_REACH

    def _opens_sentence_at(self, start: int, lo: int) -> bool:
        """The technique is the sentence's first words, a heading word or bullet aside."""
        return all(t.is_punct or t.is_space for t in self.doc[lo:start]) or start - lo <= OPEN_REACH

    def _verb_before(self, m: Mention, lo: int) -> bool:
        """A verb of doing before it in its clause, near it ("we did some balance work") or opening a
        list of services that runs to it ("performed STM, MFR and joint mobs"); one further off
        governs something else ("the nurse did wound care ... she rewrapped the compression")."""
        k = bisect_left(self.before, lo)
        verbs = [v for v in self.before[k:] if v < m.start]
        if not verbs:
            return False
        if m.start - verbs[-1] <= VERB_REACH or verbs[0] - lo <= OPEN_REACH:
            return True  # near it, or opening its clause ("Then we worked on towel scrunches, ... intrinsics")
        self._name_tokens()
        filler = vocab.words("ITEM_FILLER")
        doc = self.doc
        return any(all(i in self.named or doc[i].is_punct or doc[i].lower_ in filler
                       for i in range(self._verb_end(v), m.start)) for v in verbs)

    def _verb_end(self, v: int) -> int:
        """The token after the verb phrase starting at ``v`` (one or two words: "did", "worked on")."""
        nxt = self.doc[v + 1].lower_ if v + 1 < len(self.doc) else ""
        return v + 2 if nxt in vocab.words("ITEM_FILLER") or nxt in {"on", "through", "over", "with", "some", "out"} else v + 1

    def _dose(self, lo: int, hi: int) -> bool:
        """Reps, sets, MHz, a band ("3x10", "2 sets", "1 MHz", "green TB"), a grade or level with its
        number ("grade III", "level 4"), a count after the times sign that is no frequency ("x10";
        "x 6 wks" is an order's)."""
        doses, settings, times, often = (vocab.words(n) for n in ("DOSE_WORD", "DOSE_SETTING", "TIMES", "FREQUENCY_UNIT"))
        doc = self.doc
        for i in range(lo, hi):
            low = doc[i].lower_
            if low in doses or _COUNT_BY_COUNT.match(low) or (low.isdigit() and len(low) == CODE_DIGITS):
                return True  # a dose, or the code written beside it ("- 97124 | Swedish upper back |")
            if low in settings and i + 1 < len(doc) and _is_count(doc[i + 1].text):
                return True
            if low in times and i + 1 < hi and doc[i + 1].like_num and not (
                    i + 2 < len(doc) and doc[i + 2].lower_ in often):
                return True
        return False

    def _checked(self, m: Mention) -> bool:
        if self.boxes is None:
            self.boxes = [(s, e) for s, e, checked in box_items(text_of(self.doc)) if checked]
        if not self.boxes:
            return False
        char = self.doc[m.start].idx
        return any(s <= char < e for s, e in self.boxes)


def _is_count(word: str) -> bool:
    return word.isdigit() or word.lower() in _ROMAN


def _any_in(starts: list[int], lo: int, hi: int) -> bool:
    k = bisect_left(starts, lo)
    return k < len(starts) and starts[k] < hi
