"""Linking: techniques performed this session become treatments with their minutes and areas.

Sentences are cut into clauses at "then", "followed by", ";" and the like. In a clause:
- a duration right before a technique ("thirty minutes of Swedish") is that technique's;
  otherwise it goes to the nearest technique before it, else the one after it;
- an area goes to the nearest technique before it, else the one after it ("on the neck I
  did MFR"); techniques listed together ("effleurage and petrissage on the back") share them;
- a clause with minutes but no technique, in the previous technique's sentence or the next,
  continues that technique: it fills that
  treatment's minutes if it had none, else it is a new treatment of the same technique
  ("then fifteen minutes on the left shoulder");
- techniques listed together with one duration: one code family -> one treatment; different
  families -> the minutes go to the nearest technique only and the other keeps none, so
  billing asks for them (MISSING_DURATION) instead of counting the same minutes twice.
"""

from __future__ import annotations

import re

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

from extraction import untimed_gate, vocab
from extraction.components.addenda import addendum_starts
from extraction.components.durations import CLOCK_KINDS
from extraction.components.recap import closing_turn, recap_chars
from extraction.components.sections import assessment_ranges
from extraction.components.tables import area_labels
from extraction.components.templates import restated_ranges
from extraction.facts import Mention
from extraction.spans import TECHNIQUES, hits, phrase_at, sentences, text_of
from models import AreaFact, AreaRef, ConditionFact, Context, DurationFact, PainFact, PainTiming, Region, TechniqueFact, Treatment

_DETERMINERS = vocab.words("TECHNIQUE_MODIFIER")
# Minutes with no technique of their own continue the last treatment only in its sentence or the
# next: "four hours each way" two sentences after the massage is the client's drive, not the service.
_CONTINUE_REACH = 1
# A treatment still without minutes takes the first minutes said up to this many sentences on, when
# the sentences between say nothing of the session (no technique, minutes, area, score or complaint):
# "Jenny, deep tissue, she's a regular. Mid and low back, forty minutes" (the aside is the client's).
_FILL_REACH = 3
AFTER_SCORE_LEAD_MAX = 3  # words of change between an area and the after-score said of it ("neck down to two")
PASSIVE_REACH = 3  # words either side of a stretch that may say it was passive ("passive hamstring stretching")


@dataclass
class _Draft:
    technique: Mention
    members: list[Mention] = field(default_factory=list)
    durations: list[Mention] = field(default_factory=list)
    areas: list[Mention] = field(default_factory=list)
    sent: int = 0
    concurrent: bool = False


_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def _phrase_words(term: str) -> tuple[str, ...]:
    """A linking phrase as the tokenizer cuts it: a hyphen between letters is a word of its own
    ("push-ups from" is "push - ups from" in a Doc), so such phrases match at all."""
    return tuple(w for word in term.split() for w in _HYPHEN.sub(" - ", word).split())


@cache
def _words(role: str) -> frozenset[tuple[str, ...]]:
    return frozenset(_phrase_words(t) for t in vocab.link_words(role))


@cache
def _by_first_word() -> dict[int, list[tuple[tuple[int, ...], str]]]:
    """Every linking phrase as word hashes, by its first word: one pass over a Doc finds them all."""
    index: dict[int, list[tuple[tuple[int, ...], str]]] = {}
    for rule in vocab.load("linking.jsonl"):
        for term in rule.terms:  # type: ignore[attr-defined]
            words = tuple(get_string_id(w) for w in _phrase_words(term.lower()))
            index.setdefault(words[0], []).append((words, rule.role))  # type: ignore[attr-defined]
    return index


@cache
def _by_first_two() -> dict[int, dict[int | None, list[tuple[int, tuple[int, ...], str]]]]:
    """The phrases of ``_by_first_word`` by their second word as well (None: a phrase of one word),
    each with its place in its first word's list: a common first word ("the") begins dozens."""
    out: dict[int, dict[int | None, list[tuple[int, tuple[int, ...], str]]]] = {}
    for first, entries in _by_first_word().items():
        by_second = out.setdefault(first, {})
        for place, (words, role) in enumerate(entries):
            by_second.setdefault(words[1] if len(words) > 1 else None, []).append((place, words, role))
    return out


def _role_starts(doc: Doc) -> dict[str, list[int]]:
    """Token indexes where a phrase of each linking role begins."""
    index = _by_first_two()
    lows = doc.to_array(LOWER).tolist() if len(doc) else []
    n = len(lows)
    starts: dict[str, list[int]] = {}
    for i, low in enumerate(lows):
        by_second = index.get(low)
        if by_second is None:
            continue
        single = by_second.get(None)
        more = by_second.get(lows[i + 1]) if i + 1 < n else None
        # the phrases that may begin here, in their first word's order (the order they were tried in)
        candidates = sorted(single + more) if single and more else single or more or ()
        for _, words, role in candidates:
            if len(words) <= 2 or tuple(lows[i : i + len(words)]) == words:
                starts.setdefault(role, []).append(i)
    return starts


class _ByStart:
    """Mentions in text order, with the ones starting in a token range found by bisection."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.starts = [m.start for m in mentions]

    def within(self, start: int, end: int) -> list[Mention]:
        return self.mentions[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def _any_in(starts: list[int], start: int, end: int) -> bool:
    k = bisect_left(starts, start)
    return k < len(starts) and starts[k] < end


def _clauses(doc: Doc, breaks: list[int]) -> list[tuple[int, int]]:
    out = []
    sents = sentences(doc)
    for start, end in zip(sents.starts, sents.ends):  # breaks are sorted: bisect to a sentence's own
        cuts = sorted({start, *breaks[bisect_left(breaks, start) : bisect_left(breaks, end)]}) + [end]
        out.extend((a, b) for a, b in zip(cuts, cuts[1:]) if b > a)
    return out


def _leads_next_clause(doc: Doc, n: int, clauses: list[tuple[int, int]], sent_starts: set[int],
                       techs: "_ByStart", durs: "_ByStart", step_timed: bool = False, first: bool = False) -> bool:
    """Minutes alone in the clause that opens a sentence, when the next clause, after a comma or
    a colon, names a technique and says no minutes of its own: they are that technique's
    ("3:40 to 3:55, trigger point work"), not the minutes of a technique said in an earlier sentence.
    So are minutes alone in a clause opening a new step at a break word ("then we moved to another
    block, 10:15 to 10:35, gait training") when the step before already has its minutes
    (``step_timed``): a second block of that technique would be the only other reading.
    Before the note's ``first`` service, minutes that the same sentence goes on to spend on one
    ("I spent twenty minutes on her neck, where it meets the skull and then down each side: MFR and
    STM") are that service's: no service before could own them."""
    c_start, c_end = clauses[n]
    if n + 1 >= len(clauses):
        return False
    nxt = clauses[n + 1]
    if first and nxt[1] - nxt[0] <= 1 and n + 2 < len(clauses) and clauses[n + 2][0] not in sent_starts:
        nxt = clauses[n + 2]  # "... the skull and then down each side": a bare "and" before the break word
    if not techs.within(*nxt) or durs.within(*nxt):
        return False
    if first and nxt[0] not in sent_starts:
        return True
    nxt = clauses[n + 1]
    if not (c_start in sent_starts or step_timed) or not techs.within(*nxt) or durs.within(*nxt):
        return False
    if step_timed and c_start not in sent_starts:
        # "... - 4 min, after the mobs": a technique named after a word of sequence is when, not what
        at = techs.within(*nxt)[0].start
        if any(doc[k].lower_ in vocab.words("SEQUENCE_LEAD") for k in range(max(nxt[0], at - _FINISHED_REACH), at)):
            return False
    if doc[c_end - 1].text in {",", ":"}:
        return True
    # "Warm-up on the trampoline maybe 6 min, two-foot bounces then one-foot, that's for balance":
    # the next clause of the same sentence names the code as a label of what was just said
    return nxt[0] not in sent_starts and _labels_what_was_said(doc, nxt[0], techs.within(*nxt)[0].start)


def _labels_what_was_said(doc: Doc, lo: int, at: int) -> bool:
    """A technique named right after a demonstrative label ("that's for balance", "which was ther
    ex", "those are therex"): the name of the activity said before it, not a new service."""
    label, demonstrative = vocab.words("LABEL_LEAD"), vocab.words("LABEL_DEMONSTRATIVE")
    k, named = at, False
    while k > lo and doc[k - 1].lower_ in label:
        named = named or doc[k - 1].lower_ in demonstrative
        k -= 1
    return named


def _in_reason(am: Mention, c_start: int, reasons: list[int], c_techs: list[Mention]) -> bool:
    """An area said in a reason, from "because" to the next technique or the end of the clause
    ("Swedish on his back because he was guarded, his shoulders up by his ears"): why the work
    was done, not where."""
    k = bisect_right(reasons, am.start) - 1
    return k >= 0 and reasons[k] >= c_start and not any(reasons[k] < t.start < am.start for t in c_techs)


def _on_symptom_path(doc: Doc, am: Mention, c_start: int, paths: list[int], c_techs: list[Mention]) -> bool:
    """An area said where a symptom travels ("referred up into her temple", "radiating down the
    leg", "shooting into the glute"), from that word to the next comma or technique: where the
    client feels it, not what was treated. The complaint keeps it; the treatment does not. So is
    an area naming the symptoms that travel ("leg symptoms centralized", "arm tingling radiates"):
    the area, words of a symptom (token set REFERRED_SYMPTOM_NOUN), then the travel word."""
    k = am.end
    while k < len(doc) and doc[k].lower_ in vocab.words("REFERRED_SYMPTOM_NOUN"):
        k += 1
    at = bisect_left(paths, k)
    if k > am.end and at < len(paths) and paths[at] == k:
        return True
    k = bisect_right(paths, am.start) - 1
    if k < 0 or paths[k] < c_start:
        return False
    start = paths[k]
    return not any(start < t.start < am.start for t in c_techs) and not any(t.text == "," for t in doc[start : am.start])


def _held_posture(doc: Doc, dm: Mention) -> bool:
    """Minutes the client held a posture ("sat 10 min in the lobby without shifting", "able to stand
    for 20 minutes", "drove an hour without pain"), said in a clause that names no technique: a
    tolerance, the outcome of the work, never more minutes of the service before. Beside a technique
    the posture may be the exercise itself ("posture training sitting and standing nine minutes").
    Walking is left out: "walked 6 minutes with the walker" may be the gait training. Minutes of
    rest ("rested 5 min", "after ~10 min seated rest") are held the same way."""
    k = dm.start
    while k > 0 and doc[k - 1].lower_ in vocab.words("POSTURE_DURATION_FILLER"):
        k -= 1
    if k > 0 and doc[k - 1].lower_ in vocab.words("HELD_POSTURE", "REST_WORD"):
        return True
    return _rest_after(doc, dm)


def _rest_after(doc: Doc, dm: Mention) -> bool:
    """Minutes of rest ("resolved after ~10 min seated rest", "a 5 minute break", "two minutes of
    quiet recovery"): a rest noun after them, past at most a few words of how the client rested.
    Time off the work is no minutes of the service before."""
    rest, how = vocab.words("REST_WORD"), vocab.words("REST_MANNER", "HELD_POSTURE")
    for i in range(dm.end, min(len(doc), dm.end + 1 + _REST_GAP)):
        if doc[i].lower_ in rest:
            return True
        if doc[i].lower_ not in how:
            return False
    return False


_REST_GAP = 2  # words of manner between minutes and the rest noun ("of seated rest")


def _restates(doc: Doc, dm: Mention, prev: _Draft) -> bool:
    """Minutes said with a definite determiner ("the nine minutes", "that 20 min", "the same
    fifteen minutes") that equal the minutes the last treatment already has: the same time referred
    to again (confirmed, corrected around, explained), not a new block of that technique.
    "Then fifteen minutes on the left shoulder" after fifteen on the right has no determiner: a block."""
    k = dm.start
    if k > 0 and doc[k - 1].lower_ in vocab.words("SAME_REFERENCE"):
        k -= 1
    if k == 0 or doc[k - 1].lower_ not in vocab.words("DEFINITE_REFERENCE"):
        return False
    said = dm.fact
    return any(d.fact.minutes == said.minutes and d.fact.minutes_max == said.minutes_max for d in prev.durations)


def _same_again(doc: Doc, dm: Mention) -> bool:
    """Minutes said as the same again ("that same 22 minutes", "the same fifteen"): a word of
    SAME_REFERENCE before them, after a definite determiner or none."""
    k = dm.start - 1
    return k >= 0 and doc[k].lower_ in vocab.words("SAME_REFERENCE")


def _same_minutes(dm: Mention, other: Mention) -> bool:
    return dm.fact.minutes == other.fact.minutes and dm.fact.minutes_max == other.fact.minutes_max


def _contrasted_areas(doc: Doc, areas: "_ByStart", roles: dict[str, list[int]]) -> set[int]:
    """Areas named as what a service was set apart from ("Swedish to the back, a separate area from
    the neck work", "myofascial release other than the left hip", "everything except the feet"):
    the area, or the list of areas, right after a contrast phrase is where that work was not, so it
    is never the treatment's area. Only sides, determiners and list joiners may stand between the
    phrase and an area or between two areas of the list. Mention ids."""
    phrases = _words("contrast")
    filler = vocab.words("LIST_JOINER", "SIDE_OR_OWNER")
    out: set[int] = set()
    for start in roles.get("contrast", []):
        ends = [start + len(p) for p in phrases if tuple(t.lower_ for t in doc[start : start + len(p)]) == p]
        if not ends:
            continue
        at = max(ends)
        for am in areas.within(at, len(doc)):
            if am.start < at or not all(t.lower_ in filler for t in doc[at : am.start]):
                break
            out.add(id(am))
            at = am.end
    return out


class _Scores(set):
    """Token starts of the pain scores; ``changes``: those of a before score followed within a few
    words by its after score ("six to four"), a change said as one phrase; ``after``: those of
    the scores timed after the work."""

    def __init__(self, scores: list[Mention]):
        super().__init__(m.start for m in scores)
        self.after = {m.start for m in scores if m.fact.timing == PainTiming.after}
        ordered = sorted(scores, key=lambda m: m.start)
        self.changes = {a.start for a, b in zip(ordered, ordered[1:]) if b.start - a.end <= 2
                        and a.fact.timing == PainTiming.before and b.fact.timing == PainTiming.after}


def _states_outcome(doc: Doc, am: Mention, scores: _Scores) -> bool:
    """An area said as the subject of how it is now ("back's a two now", "the leg's less tingly",
    "neck felt looser"): the area followed by a verb of being or feeling, then a pain score or a
    word of change; or right before a before-and-after pair ("low back six to four"). The outcome
    is about that area; it does not say the area was worked on. So is the area's motion said that
    way, with or without the verb ("ankle dorsiflexion better too", "knee flexion is improved"):
    a measure of the outcome (token set MEASURED_MOTION)."""
    k = am.end
    if k < len(doc) and doc[k].lower_ in vocab.words("MEASURED_MOTION"):
        while k < len(doc) and doc[k].lower_ in vocab.words("MEASURED_MOTION"):
            k += 1
        if k < len(doc) and doc[k].lower_ in vocab.words("AREA_STATE_VERB"):
            k += 1
        return k < len(doc) and (k in scores or doc[k].lower_ in vocab.words("AREA_STATE_WORD"))
    if k in scores.changes:
        return True  # "low back six to four": the area's before and after, not where the work was
    j = k  # "... nine minutes ankle two out of ten after", "mid back down to two": in a run-on note
    while j < len(doc) and j - k < AFTER_SCORE_LEAD_MAX and j not in scores.after \
            and doc[j].lower_ in vocab.words("AREA_SCORE_LEAD"):
        j += 1
    if j in scores.after:
        return True  # the area right before an after-score names what it rates, not one more place worked
    if k < len(doc) and doc[k].lower_ in vocab.words("AREA_RESPONSE_VERB"):
        return True  # "her shoulders settled", "the calves softened": how the tissue answered the work
    if k >= len(doc) or doc[k].lower_ not in vocab.words("AREA_STATE_VERB"):
        return False
    if k in scores:
        return True  # "neck was a five": the score's own words open with the verb, the area is its subject
    if k + 1 < len(doc) and doc[k + 1].lower_ in vocab.words("AREA_STATE_WORD"):
        return True
    j = k + 1  # "knee was a three at the end": past an article or hedge ("like", "about") to the score
    while j < len(doc) and j - k <= 2 and j not in scores and doc[j].lower_ in vocab.words("SCORE_LEAD_FILLER"):
        j += 1
    return j in scores


def _only(doc: Doc, start: int, end: int, words: set[str]) -> bool:
    return all(t.lower_ in words or t.is_punct for t in doc[start:end])


def link(doc: Doc, mentions: list[Mention], complaint_of: dict[str, int] | None = None) -> list[Treatment]:
    """Treatments from the mentions; ``complaint_of`` maps an area fact id to the token of the
    condition it belongs to ("neck" in "neck and upper back pain")."""
    performed = [m for m in mentions if m.fact.context == Context.performed]
    judged = assessment_ranges(doc)  # "A: gait quality improving" judges a service, it is none
    judged += restated_ranges(doc)  # "[x] Swedish 60 min ... Notes: full body Swedish": the item told again
    roles = _role_starts(doc)
    scored = (_scored_activities(doc, performed) | _framed_activities(doc, performed, roles)
              | _finished_references(doc, performed, roles) | _ordered_by_earlier_service(doc, performed))
    techs = _ByStart([m for m in performed if isinstance(m.fact, TechniqueFact) and id(m) not in scored
                      and not any(lo <= m.start < hi for lo, hi in judged)])
    durs = _ByStart([m for m in performed if isinstance(m.fact, DurationFact) and not m.fact.session_length])
    # "Rehab with the aide (not mine): chin tucks, rows, 15 min": minutes in a clause that names only
    # techniques not performed here (another provider's, declined, planned) are theirs, never more of
    # the treatment before
    unperformed = _ByStart([m for m in mentions if isinstance(m.fact, TechniqueFact) and m.fact.context != Context.performed])
    areas = _ByStart([m for m in performed if isinstance(m.fact, AreaFact)])
    # "Mrs G, low back and balance, two falls last month": a bare word listed after body areas, with
    # no minutes in its sentence, names a problem of the list, not a service
    listed = _listed_with_areas(doc, techs.mentions, areas.mentions, durs.mentions)
    if listed:
        techs = _ByStart([m for m in techs.mentions if id(m) not in listed])
    complaints = _ByStart([m for m in performed if isinstance(m.fact, ConditionFact)])
    complaint_of = complaint_of or {}
    coord = {w for (w, *rest) in _words("coordination") if not rest} | _DETERMINERS
    dur_of = {w for (w, *rest) in _words("duration_of") if not rest} | _DETERMINERS
    scores = _Scores([m for m in performed if isinstance(m.fact, PainFact)])
    drafts: list[_Draft] = []
    anaphors = set(roles.get("anaphor", []))
    support = _support_areas(doc, areas.mentions, roles)
    movement = ((_movement_areas(doc, areas.mentions, roles) | _in_exercise_names(doc, areas.mentions, techs))
                - _directed_hands_on(doc, areas.mentions, techs)) | support
    contrasted = _contrasted_areas(doc, areas, roles)
    # "everything before that was Swedish": a break word inside minutes' own words breaks no clause
    breaks = [b for b in roles.get("clause_break", []) if not any(dm.start < b < dm.end for dm in durs.mentions)]
    clauses = _clauses(doc, breaks)
    breaks = set(breaks)
    area_words = {i for am in areas.mentions for i in range(am.start, am.end)}
    sent_starts = set(sentences(doc).starts)
    said_in = {m.sent for m in mentions}  # sentences that say something of the session
    ahead: list[Mention] = []  # minutes opening a sentence, for the technique its next clause names
    ahead_areas: list[Mention] = []  # the areas said with them
    for n, (c_start, c_end) in enumerate(clauses):
        c_techs, c_durs = techs.within(c_start, c_end), ahead + durs.within(c_start, c_end)
        c_ahead_areas, ahead, ahead_areas = ahead_areas, [], []
        step_timed = c_start in breaks and any(d.durations for d in drafts)
        if not c_techs and c_durs and _leads_next_clause(doc, n, clauses, sent_starts, techs, durs, step_timed,
                                                         first=not drafts and not any(_held_posture(doc, dm) for dm in c_durs)):
            ahead = c_durs  # "3:40 to 3:55, trigger point work on the glute": not the massage before
            # "a third of it was the jaw, masseter and temporalis, intraoral ...": the areas said with
            # those minutes are the technique's too
            ahead_areas = c_ahead_areas + areas.within(c_start, c_end)
            continue
        # "Thirty minutes of that", "spent twenty minutes there": the minutes of what was said before,
        # in this clause when a technique was ("pin and stretch ... only five minutes for it")
        back = [dm for dm in c_durs if dm.end in anaphors and drafts and not any(t.end <= dm.start for t in c_techs)]
        if back:
            _continue(drafts, back, [])
            c_durs = [dm for dm in c_durs if dm not in back]
        # "the cane in the right hand": the hand holds, it is not treated
        # "... because his shoulders were up", "a spot that referred up into her temple": why, or where
        # a symptom went, not where the work was done
        c_areas = [am for am in c_ahead_areas + areas.within(c_start, c_end) if not _holds_equipment(doc, am, roles.get("equipment", []))
                   and id(am) not in contrasted
                   and not _in_reason(am, c_start, roles.get("reason", []), c_techs)
                   and not _on_symptom_path(doc, am, c_start, roles.get("symptom_path", []), c_techs)
                   and not _states_outcome(doc, am, scores)
                   and not _orders_by_earlier(doc, am, drafts)]
        c_areas = _without_landmarks(doc, c_areas)
        if not c_techs:
            if unperformed.within(c_start, c_end):
                continue
            # "... for 9 minutes; I first wrote ten reps but it was eight, the nine minutes is correct":
            # the minutes already said, named again, are no second block
            # "Resp: 2/10 post, sat 10 min in lobby": how long the client held a posture, an outcome
            # "13 min (entry corrected: was 12 min; 13 min is right)": minutes inside brackets opened
            # after the last block's own are that time explained, in whichever clause of the aside
            c_durs = [dm for dm in c_durs if not (drafts and _restates(doc, dm, drafts[-1])) and not _held_posture(doc, dm)
                      and not (drafts and drafts[-1].durations
                               and _bracketed_part(doc, drafts[-1].durations[-1], dm, dm.start))]
            has_complaint = bool(complaints.within(c_start, c_end))
            near = bool(drafts) and _near(drafts[-1], _sent_of(doc, c_start), said_in)
            field = bool(c_areas) and not c_durs and _area_field(doc, c_start, c_areas[0])
            if field and not drafts and n + 1 < len(clauses) and techs.within(*clauses[n + 1]):
                ahead_areas = c_areas  # "Area: neck" over "Technique: MFR": the service named next
                continue
            if c_areas and not c_durs and not has_complaint and (
                    _fronts_next_service(doc, n, clauses, techs) or _topic_of_next(doc, n, clauses, techs, anaphors)):
                ahead_areas = c_areas  # "The back, upper and lower, after that: Swedish ...": its topic
                continue
            if drafts and not has_complaint and (
                (c_durs and near) or (c_areas and (field or _any_in(roles.get("continuation", []), c_start, c_end)))
            ):
                _continue(drafts, c_durs if near else [], c_areas)
            continue
        # "palm compressions folded into that same 22 minutes": minutes the last treatment already
        # has, named again as the same, hold this technique inside that block, never a second one
        c_durs = [dm for k, dm in enumerate(c_durs) if not (_same_again(doc, dm) and (
            (drafts and _restates(doc, dm, drafts[-1]))
            or any(_same_minutes(dm, ahead) for ahead in c_durs[:k])))]
        groups = _groups(doc, c_techs, coord)
        clause_drafts = [_Draft(technique=g[0], members=g, sent=g[0].sent) for g in groups]
        by_member = {id(m): d for d in clause_drafts for m in d.members}
        targets: dict[int, Mention] = {}
        t_starts, t_ends = [t.start for t in c_techs], [t.end for t in c_techs]
        d_starts = sorted(dm.start for dm in c_durs)
        for dm in c_durs:
            target = _duration_target(doc, dm, c_techs, t_starts, t_ends, dur_of, d_starts, area_words)
            if target is None:
                continue
            targets[id(dm)] = target
            by_member[id(target)].durations.append(dm)
        for am in c_areas:
            k = bisect_right(t_starts, am.start)  # the nearest technique before, else the one after
            target = c_techs[k - 1] if k else c_techs[0]
            if k < len(c_techs) and t_starts[k] == am.end and (_opens_item(doc, am.start, c_start) or _names_one(doc, am.start)):
                target = c_techs[k]  # a row or list item "Suboccipital MFR - 7 min": the area names its technique
            by_member[id(target)].areas.append(am)
        clause_drafts, one_service = _one_service_list(doc, clause_drafts, c_durs)
        families, listed_under, timed_at = [], None, _TimedAt(c_durs)
        for d in clause_drafts:
            if d is one_service:
                families.append(d)
                continue
            intro = _list_intro(doc, d.technique, timed_at)
            families.extend(_by_family(doc, d, targets, listed_under, intro))
            if intro is not None:
                listed_under = (d.technique, intro, any(targets[id(dm)] is d.technique for dm in d.durations))
        drafts.extend(_split_blocks(doc, _merge_same_family(doc, families)))
    _only_service_time(drafts, [m for m in performed if isinstance(m.fact, DurationFact) and m.fact.session_length], doc)
    _mark_concurrent(doc, drafts, roles.get("concurrent", []))
    complained = _complaint_regions(complaints.mentions)
    spoken = {r for am in areas.mentions if am.fact.id not in movement for r in am.fact.regions}
    treatments = [_treatment(d, n, complaint_of, movement, support, complained, spoken)
                  for n, d in enumerate(drafts, start=1)]
    # "IT band": an active word inside an area's name is anatomy, not the client doing the work
    active = [i for i in roles.get("active", []) if i not in area_words]
    # "the cane in the right hand": a hand holding equipment, like a part moved in an exercise's name,
    # says nothing of what the client came for
    holding = {am.fact.id for am in areas.mentions if _holds_equipment(doc, am, roles.get("equipment", []))}
    # a minute-less technique with no sign it was done today is named only (untimed_gate.py)
    folded = _fold_passive(doc, treatments, active, movement, roles.get("time_missing", []))
    treatments = untimed_gate.mark(doc, folded, mentions, clauses, roles, movement)
    return _with_sole_complaint(treatments, mentions, movement | support | holding)


_LANDMARK_REACH = 10  # "between the bottom rib and the top of the hip bone": the far landmark's words back


def _landmark(doc: Doc, am: Mention, after_area: bool = False) -> bool:
    """An area said to locate another ("the band between the shoulder blade and the spine", "the
    muscles either side of the spine", "that shelf between neck and shoulder"): a landmark, named
    for where the worked part lies, not itself worked. Back over the clause's words, no punctuation,
    to "between", or to "side(s) of" right before the area's determiner, or inside the area's own
    words when it follows another area (``after_area``: "the lumbar muscles on both sides of the
    spine"; "Swedish over both sides of the back" names the back worked)."""
    k = am.start
    if k >= 2 and doc[k - 1].lower_ in _AREA_DETERMINERS:
        k -= 1
    if k >= 2 and doc[k - 1].lower_ == "of" and doc[k - 2].lower_ in _LANDMARK_SIDE:
        return True
    if after_area and any(doc[i].lower_ == "of" and doc[i - 1].lower_ in _LANDMARK_SIDE for i in range(am.start + 1, am.end)):
        return True  # "the lumbar muscles on both sides of the spine": the side phrase read into the area's own span
    between = _LANDMARK_BETWEEN
    for i in range(am.start - 1, max(-1, am.start - 1 - _LANDMARK_REACH), -1):
        tok = doc[i]
        if tok.lower_ in between:
            return _names_a_pair(doc, i)
        if tok.is_punct or tok.is_space or tok.like_num or tok.lower_ in _PHRASE_OPENERS:
            return False  # "between his shoulder blades and over the pecs": the pecs are a place of their own
    return False


def _follows_area(doc: Doc, start: int, ends: set[int]) -> bool:
    """Another area ends right before token ``start``, or before a locating word and the tissue word
    the area named ("the lumbar muscles on ...", "the paraspinals along ...")."""
    k = start
    while k not in ends and k > 0 and start - k < _LOCATOR_REACH and doc[k - 1].lower_ in _LANDMARK_LOCATORS:
        k -= 1
    return k in ends


_LANDMARK_LOCATORS = frozenset({"on", "along", "at", "down", "beside", "by", "muscles", "muscle", "musculature", "tissue", "tissues"})
_LOCATOR_REACH = 2


def _names_a_pair(doc: Doc, between: int) -> bool:
    """"between" names two landmarks ("between the shoulder blade and the spine"), not one space
    ("between her shoulder blades": the interscapular area itself, worked): a joining word in its
    phrase, with no new place opened after it ("... blades and over the pecs")."""
    for i in range(between + 1, min(len(doc), between + 1 + 2 * _LANDMARK_REACH)):
        tok = doc[i]
        if tok.lower_ in _PAIR_JOINS:
            k = i + 1
            while k < len(doc) and doc[k].lower_ in _AREA_DETERMINERS:
                k += 1
            return k < len(doc) and doc[k].lower_ not in _PHRASE_OPENERS and not doc[k].is_punct
        if tok.is_punct or tok.is_space or tok.like_num or tok.lower_ in _PHRASE_OPENERS:
            return False
    return False


def _without_landmarks(doc: Doc, areas: list[Mention]) -> list[Mention]:
    """A clause's areas less those said only as landmarks, when another area names the part worked."""
    if len(areas) < 2:
        return areas
    ends = {am.end for am in areas}
    marks = {id(am) for am in areas if _landmark(doc, am, _follows_area(doc, am.start, ends))}
    if not marks or len(marks) == len(areas):
        return areas
    return [am for am in areas if id(am) not in marks]


_AREA_DETERMINERS = vocab.words("PROP_DETERMINER")
_LANDMARK_BETWEEN = vocab.words("LANDMARK_BETWEEN")
_LANDMARK_SIDE = vocab.words("LANDMARK_SIDE")
_PAIR_JOINS = vocab.words("LANDMARK_PAIR_JOIN")
_PHRASE_OPENERS = vocab.words("AREA_PHRASE_OPENER")


def _complaint_regions(complaints: list[Mention]) -> set[Region]:
    """The regions of the client's complaints said for this visit ("L knee pain", "low back pain
    with sciatica down the right leg"): where the client-performed work is aimed."""
    return {r for m in complaints for r in m.fact.regions}


def _sole_complaint_area(mentions: list[Mention], movement: set[str], worked: set[str]) -> AreaFact | None:
    """The area the note is about: the first area said when every area said is in one region; else,
    when the client's complaints are all in one region and every area said outside it is one the
    therapist worked on (``worked``: "L shoulder pain" beside "STM to the L upper trap"), the first
    area said in a complaint; else none ("L knee also achy" beside "R shoulder pain": two parts)."""
    said = [m.fact for m in sorted(mentions, key=lambda m: m.start) if isinstance(m.fact, AreaFact)
            and m.fact.context in (Context.performed, Context.historical) and m.fact.id not in movement]
    if said and len({frozenset(a.regions) for a in said}) == 1:
        return said[0]
    complained = {m.fact.area: m.fact for m in mentions if isinstance(m.fact, ConditionFact)
                  and m.fact.context == Context.performed and m.fact.regions}
    if not said or len({frozenset(c.regions) for c in complained.values()}) != 1:
        return None
    region = set(next(iter(complained.values())).regions)
    if any(a.id not in worked for a in said if set(a.regions) != region):
        return None
    return next((a for a in said if a.area in complained), None)


def _with_sole_complaint(treatments: list[Treatment], mentions: list[Mention], movement: set[str]) -> list[Treatment]:
    """A service the client performs (token set CLIENT_PERFORMED_CODE: exercise, balance, functional
    activities, gait) that names no area of its own ("TherEx 30 min: bike, SLR, step-ups") served
    the part the note is about, when the client's body is spoken of in one region only ("s/p R knee
    scope", "L shoulder 6/10"): it takes the first area said there. Areas said only in an exercise's
    name, planned, declined or another provider's say nothing of the client's complaint; with areas
    in two regions the note does not say which one, and the treatment keeps none. Hands-on work and
    modalities are applied to a part the therapist must name (MISSING_AREA asks for it)."""
    client = vocab.words("CLIENT_PERFORMED_CODE")
    if all(tr.areas or tr.cpt not in client for tr in treatments):
        return treatments
    a = _sole_complaint_area(mentions, movement, {ref.fact_id for tr in treatments for ref in tr.areas})
    if a is None:
        return treatments
    ref = AreaRef(area=a.area, label=a.label, laterality=a.laterality, regions=a.regions, fact_id=a.id)
    return [tr if tr.areas or tr.cpt not in client else tr.model_copy(
        update={"areas": [ref], "fact_ids": tr.fact_ids + [a.id], "evidence": tr.evidence + [a.evidence]})
        for tr in treatments]


def _area_field(doc: Doc, c_start: int, am: Mention) -> bool:
    """A field line of an EMR export that says where the work was ("Area: upper back", "Body part:
    neck" among "Technique: Swedish" and "Duration: 40 min"): its label is an area column's name
    (templates.jsonl, ``table_area``) and a colon, opening a line. Like "Areas treated:", it gives
    the areas of the service listed in the fields around it."""
    i = c_start
    while i and doc[i - 1].text in _FIELD_MARKS:  # "- Location: calves": the bullet may end the sentence before
        i -= 1
    if i and "\n" not in doc[i - 1].text and "\n" not in doc[i - 1].whitespace_ and doc[i - 1].text not in {".", "|"}:
        return False
    for i in range(c_start, min(am.start, c_start + 6)):
        if doc[i].text.startswith(":"):  # ":", or ":*" of a bold label ("**Area:** neck")
            return tuple(t.lower_ for t in doc[c_start:i] if t.text not in _FIELD_MARKS) in area_labels()
    return False


_FIELD_MARKS = {"*", "**", "-", "#", "\u2022", "_"}  # a field line's bullet or bold marks: layout, no words


def _opens_item(doc: Doc, start: int, c_start: int) -> bool:
    """Whether a token opens a line, a table cell or a list item: the clause's first token, or one
    after a line break or a separator (",", ";", ":", "|", a dash)."""
    if start <= c_start:
        return True
    prev = doc[start - 1]
    return "\n" in prev.text or prev.text in _ITEM_SEPARATORS


def _names_one(doc: Doc, start: int) -> bool:
    """An area between a determiner and a technique word after a word of order ("done after the back
    massage", "before that neck work"): a noun compound naming that other service, never the area
    of the technique before it ("Swedish to the low back trigger point ..." keeps its low back)."""
    return (start > 1 and doc[start - 1].lower_ in vocab.words("DEFINITE_REFERENCE")
            and doc[start - 2].lower_ in vocab.words("SEQUENCE_PREPOSITION"))


def _fronts_next_service(doc: Doc, n: int, clauses: list[tuple[int, int]],
                         techs: "_ByStart") -> bool:
    """A sentence told by topic opens on the areas, then a word of order and a colon before the
    service ("The back, upper and lower, after that: twenty minutes of Swedish"): the break word
    cuts the areas off into a clause of their own, and they are the areas of the service after
    the colon, not more of the one before."""
    c_start, c_end = clauses[n]
    if n + 1 >= len(clauses) or doc[c_end - 1].text != ",":  # the parser may open a sentence at the break word
        return False
    lo = sentences(doc).bounds(c_start)[0]
    if any(not (t.is_space or t.is_punct) for t in doc[lo:c_start]):
        return False
    nxt = techs.within(*clauses[n + 1])
    return bool(nxt) and any(doc[k].text == ":" for k in range(clauses[n + 1][0], nxt[0].start))


def _topic_of_next(doc: Doc, n: int, clauses: list[tuple[int, int]], techs: "_ByStart", anaphors: set[int]) -> bool:
    """Areas fronted as a topic and cut off at a comma from the clause that names the service and
    points back at them ("Right side piriformis, I did there the trigger point therapy", "The left
    calf, she had IASTM on it"): the subject opening that clause made it a sentence of its own, and
    its anaphor names the areas before, so they are its service's, not dropped as a bare list."""
    c_end = clauses[n][1]
    if n + 1 >= len(clauses) or doc[c_end - 1].text != ",":
        return False
    lo, hi = clauses[n + 1]
    return bool(techs.within(lo, hi)) and any(lo <= a < hi for a in anaphors)


def _orders_by_earlier(doc: Doc, am: Mention, drafts: list[_Draft]) -> bool:
    """An area said after a word of order and a determiner ("after the legs", "before the back")
    that an earlier service of this note already worked: it says when this service came, by the
    one before it ("The neck, after the legs: myofascial release ..."), never where this one was."""
    if am.start < 2 or doc[am.start - 1].lower_ not in vocab.words("DEFINITE_REFERENCE") \
            or doc[am.start - 2].lower_ not in vocab.words("ORDER_PREPOSITION"):
        return False
    return any(a.fact.area == am.fact.area for d in drafts for a in d.areas)


_ITEM_SEPARATORS = {",", ";", ":", "|", "-", "\u2013", "\u2014", "/"}


_FINISHED_REACH = 3  # words from "after"/"once"/"when" to the technique it names ("after the moist heat")


def _finished_references(doc: Doc, performed: list[Mention], roles: dict[str, list[int]]) -> set[int]:
    """A technique named as a time mark, after a word of sequence and before words saying it was
    over ("after the heat came off", "once the hands-on was finished, ..."): the service said
    before, named to say when the next one began, never a service of its own or the holder of
    the minutes that follow. Mention ids."""
    ends = set(roles.get("finished", []))
    if not ends:
        return set()
    leads = vocab.words("SEQUENCE_LEAD")
    out = set()
    for m in performed:
        if not isinstance(m.fact, TechniqueFact) or m.end not in ends:
            continue
        if any(doc[k].lower_ in leads for k in range(max(0, m.start - _FINISHED_REACH), m.start)):
            out.add(id(m))
    return out


def _ordered_by_earlier_service(doc: Doc, performed: list[Mention]) -> set[int]:
    """A technique named after a word of order and a determiner ("After the balance block, 20 more
    minutes went to strengthening"), closing its phrase (a comma, a colon or the clause's end next,
    maybe after a word for a block), when an earlier mention already named that technique as done:
    the block said before, named to say when the next one began, never a second block of it nor
    the holder of the minutes that follow. Mention ids."""
    techs = [m for m in performed if isinstance(m.fact, TechniqueFact)]
    if len(techs) < 2:
        return set()
    order, definite = vocab.words("ORDER_PREPOSITION"), vocab.words("DEFINITE_REFERENCE")
    blocks = vocab.words("BLOCK_NOUN")
    out = set()
    for n, m in enumerate(techs):
        if m.start < 2 or doc[m.start - 1].lower_ not in definite or doc[m.start - 2].lower_ not in order:
            continue
        after = m.end + (m.end < len(doc) and doc[m.end].lower_ in blocks)
        if after < len(doc) and not (doc[after].text in {",", ":"} or doc[after].is_sent_start):
            continue
        if any(t.fact.technique == m.fact.technique and t.end <= m.start - 2 for t in techs[:n]):
            out.add(id(m))
    return out


def _scored_activities(doc: Doc, performed: list[Mention]) -> set[int]:
    """Techniques named as what a pain score was felt in ("4/10 in single-leg stance", "heel raises
    1 out of 10 coming out"): the activity that was rated, not a service, unless minutes follow it
    in its sentence before another technique. Mention ids."""
    scores = [m for m in performed if isinstance(m.fact, PainFact)]
    if not scores:
        return set()
    joiners = vocab.words("SCORE_ACTIVITY_JOINER")
    techs = [m for m in performed if isinstance(m.fact, TechniqueFact)]
    score_starts = {(p.start, p.sent) for p in scores}
    durs = _ByStart([m for m in performed if isinstance(m.fact, DurationFact)])
    sent_ends = sentences(doc).ends
    taken = {i for m in performed if not isinstance(m.fact, AreaFact) for i in range(m.start, m.end)}
    areas = {i for m in performed if isinstance(m.fact, AreaFact) for i in range(m.start, m.end)}
    out = set()
    for n, t in enumerate(techs):
        rated_before = any(_rates(doc, p, t, joiners, taken) for p in scores)
        rated_after = (t.end, t.sent) in score_starts or (t.end + 1, t.sent) in score_starts or any(
            _rated_by(doc, t, p, areas) for p in scores)
        if (rated_before or rated_after) and not _timed_after(techs, n, durs, sent_ends):
            out.add(id(t))
    return out


def _rated_by(doc: Doc, tech: Mention, score: Mention, areas: set[int]) -> bool:
    """The technique is the subject of a score said after it in its sentence, joined by a verb of
    being or of rating and at most a few fillers and area words ("heel raises were a 1/10",
    "squats put the knee at three out of ten"): the activity that was rated."""
    if score.sent != tech.sent or not tech.end < score.start:
        return False
    verbs = vocab.words("AREA_STATE_VERB") | vocab.words("SCORE_RATING_VERB")
    fillers = vocab.words("SCORE_LEAD_FILLER") | {"the", "his", "her", "their", "my"}
    plain, verb = 0, False
    for i in range(tech.end, score.start):
        low = doc[i].lower_
        if i in areas:
            continue
        if low in verbs:
            verb = True
        elif low not in fillers:
            return False
        plain += 1
    return verb and plain <= _MAX_RATED_BY


_MAX_RATED_BY = 4


def _timed_after(techs: list[Mention], n: int, durs: "_ByStart", sent_ends: list[int]) -> bool:
    """Minutes follow technique ``n`` in its sentence before the next technique: said as a service
    ("hurts with bridges, so did bridges 12 minutes"), whatever frame it was named in."""
    t = techs[n]
    nxt = techs[n + 1].start if n + 1 < len(techs) and techs[n + 1].sent == t.sent else sent_ends[t.sent]
    return bool(durs.within(t.end, nxt))


def _framed_activities(doc: Doc, performed: list[Mention], roles: dict[str, list[int]]) -> set[int]:
    """Techniques named as an activity the client was judged in, not a service given: after a
    complaint or outcome frame ("worse with stairs and single-leg stance", "hurts when she does
    bridges", "easier sit-to-stand"), or before a test or finding word ("yesterday's bike test",
    "SLR on the left reproduces at 50 degrees") or a verdict on how it goes ("squats are okay",
    "lunges to a box were fine"). As for a rated activity, minutes after the technique in its
    sentence before another technique keep it a service ("worse with bridges, did 10 min of them").
    Mention ids."""
    techs = [m for m in performed if isinstance(m.fact, TechniqueFact)]
    if not techs:
        return set()
    taken = {i for m in performed if not isinstance(m.fact, AreaFact) for i in range(m.start, m.end)}
    tech_tokens = {i for t in techs for i in range(t.start, t.end)}
    frame_ends = sorted({s + len(p) for s in roles.get("activity_frame", []) for p in _words("activity_frame")
                         if tuple(t.lower_ for t in doc[s : s + len(p)]) == p} | _peak_frame_ends(doc, roles))
    findings = vocab.words("ACTIVITY_FINDING_WORD")
    verbs, verdicts = vocab.words("AREA_STATE_VERB"), vocab.words("ACTIVITY_STATE_WORD")
    durs = _ByStart([m for m in performed if isinstance(m.fact, DurationFact)])
    sent_ends = sentences(doc).ends
    untimed_words = taken - tech_tokens  # once: per technique it made a long note quadratic
    area_tokens = {i for m in performed if isinstance(m.fact, AreaFact) for i in range(m.start, m.end)}
    out = set()
    for n, t in enumerate(techs):
        framed = _after_frame(doc, t, frame_ends, untimed_words) or _before_finding(
            doc, t, taken, findings, verbs, verdicts, area_tokens)
        if framed and not _timed_after(techs, n, durs, sent_ends):
            out.add(id(t))
    return out


def _peak_frame_ends(doc: Doc, roles: dict[str, list[int]]) -> set[int]:
    """Where a worst score said with its activity leaves off ("up to 8 with overhead reaching",
    "peaks at 7 during stairs"): after the peak phrase, a 0-10 number and a joiner. A bare number
    is no pain fact, so the rated-activity rule cannot see it. Token indexes."""
    starts = roles.get("score_peak", [])
    if not starts:
        return set()
    joiners = vocab.words("SCORE_ACTIVITY_JOINER")
    out = set()
    for s in starts:
        for p in _words("score_peak"):
            e = s + len(p)
            if (e + 1 < len(doc) and tuple(t.lower_ for t in doc[s:e]) == p and doc[e].text.isdigit()
                    and int(doc[e].text) <= 10 and doc[e + 1].lower_ in joiners):
                out.add(e + 2)
    return out


def _after_frame(doc: Doc, tech: Mention, frame_ends: list[int], taken: set[int]) -> bool:
    """A frame phrase ends at most a few words before the technique, in its sentence, with only
    plain words, list joiners and other techniques between ("worse with stairs and single-leg
    stance"): no punctuation but a hyphen or a slash, no score or minutes."""
    k = bisect_right(frame_ends, tech.start) - 1
    if k < 0:
        return False
    end = frame_ends[k]
    if tech.start - end > _MAX_FRAME_GAP or (end > 0 and _sent_of(doc, end - 1) != tech.sent):
        return False
    return all(i not in taken and (not doc[i].is_punct or doc[i].text in "-/") for i in range(end, tech.start))


def _before_finding(doc: Doc, tech: Mention, taken: set[int], findings, verbs, verdicts,
                    area_tokens: frozenset[int] | set[int] = frozenset()) -> bool:
    """A test or finding word ("test", "positive", "reproduces", "referral"), or a verb of being and
    a verdict ("are okay", "isn't"), or a bare verdict right after it ("step-ups easier"), follows
    the technique after at most a few plain words ("on the left"); the words of body areas between
    cost no reach ("TrPs R UT and levator w/ referral to temple": where it was found)."""
    if tech.end < len(doc) and doc[tech.end].lower_ in vocab.words("ACTIVITY_OUTCOME_WORD"):
        return True  # "step-ups easier", "lunges painful": a verdict said right after it
    plain, i = 0, tech.end
    while i < len(doc) and plain <= _MAX_FINDING_GAP:
        low = doc[i].lower_
        if low in findings or _measures(doc, i):
            return True
        if low in verbs and i + 1 < len(doc) and doc[i + 1].lower_ in verdicts:
            return True
        if i in taken or (doc[i].is_punct and doc[i].text not in (":", "/")):
            return False
        if i not in area_tokens and low not in _FREE_BEFORE_FINDING:
            plain += 1  # "gait with the rolling walker: decreased stance time": the aid costs no reach
        i += 1
    return False


def _measures(doc: Doc, i: int) -> bool:
    """Token ``i`` says how the activity went when tested, not that it was given: an assist level
    or a need ("sit to stand needs UE push", "transfers min A", "gait CGA"), a movement deviation
    ("gait with RW: decreased stance time", "antalgic"), or a time held that is no dose
    ("SLS L 6 sec eyes open"; "planks 3x30 sec" and "30 sec holds" are doses)."""
    low, nxt = doc[i].lower_, doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if low in vocab.words("ACTIVITY_ASSIST_WORD"):
        return True
    if low in vocab.words("MOVEMENT_CHANGE_WORD") and nxt in vocab.words("MOVEMENT_PARAMETER"):
        return True
    if low in vocab.words("ASSIST_LEVEL") and nxt in vocab.words("ASSIST_NOUN"):
        return True
    if doc[i].like_num and nxt in vocab.words("HELD_SECONDS"):
        dose = vocab.words("DOSE_MARK")
        before = doc[i - 1].lower_ if i else ""
        after = doc[i + 2].lower_ if i + 2 < len(doc) else ""
        return before not in dose and after not in dose and not after.startswith(("x", "\u00d7"))
    return False


_MAX_FRAME_GAP = 4
# Words that name what the activity was done with cost no reach between a
# technique and its finding word: the device is part of the activity judged ("gait w/ RW").
_FREE_BEFORE_FINDING = vocab.words("GAIT_AID", "EXERCISE_EQUIPMENT")
_MAX_FINDING_GAP = 3


def _rates(doc: Doc, score: Mention, tech: Mention, joiners, taken: set[int]) -> bool:
    """The score is followed by a joiner and then the technique, with at most a few describing
    words between ("3/10 on single-leg heel raises", "a 5 with resisted side steps"): words that
    are no other fact but an area, and no punctuation but a hyphen or a slash. A technique said
    right after the score, with no joiner, is its activity too ("pain 2/10 SLS at the end": the
    score's own label, as "SLS 2/10" is)."""
    if score.sent == tech.sent and tech.start == score.end:
        return True
    between = range(score.end + 1, tech.start)
    if score.sent != tech.sent or not score.end < tech.start <= score.end + 1 + _MAX_ACTIVITY_MODIFIERS:
        return False
    if doc[score.end].lower_ not in joiners:
        return False
    return all(i not in taken and (not doc[i].is_punct or doc[i].text in "-/") for i in between)


_MAX_ACTIVITY_MODIFIERS = 4


def _sent_of(doc: Doc, token: int) -> int:
    return sentences(doc).of[token]


_LIST_END = {",", ".", ";", "\n"}


def _listed_with_areas(doc: Doc, techs: list[Mention], areas: list[Mention], durs: list[Mention]) -> set[int]:
    """Ids of bare technique words (an entry's ``guarded_terms``: "balance", "gait") said as the
    last item of a list of body areas ("low back and balance,"), in a sentence with no minutes:
    a problem list of what the client came for, as "neck and shoulders," is, not a service given."""
    by_id = vocab.technique_by_id()
    joiners = vocab.words("LIST_JOINER") - {"the", "her", "his", "their", "both"}
    area_ends = {am.end for am in areas}
    timed = {dm.sent for dm in durs}
    out = set()
    for m in techs:
        guarded = by_id[m.fact.technique].guarded_terms
        if not guarded or m.sent in timed or m.start < 2 or doc[m.start : m.end].text.lower() not in {
                t.lower() for t in guarded}:
            continue
        if doc[m.start - 1].lower_ in joiners and m.start - 1 in area_ends and (
                m.end == len(doc) or doc[m.end].text in _LIST_END or "\n" in doc[m.end - 1].whitespace_):
            out.add(id(m))
    return out


def _only_service_time(drafts: list[_Draft], sessions: list[Mention], doc: Doc) -> None:
    """The one service of a visit, said with no minutes of its own, and then how long the visit
    ran ("Started post-event massage on both calves but he had to leave, so we only got about ten
    minutes in"): the visit's minutes were that service's. Only for a single session length said
    after the technique, in its sentence or the next; a length said first ("a 60 minute session")
    is the booking, which may hold more than the service, so it does not count against the one said
    after ("booked for a 60-minute appointment ... Swedish, 50 minutes hands-on")."""
    if len(drafts) != 1 or drafts[0].durations:
        return
    d = drafts[0]
    after = [sm for sm in sessions if sm.start > d.technique.start]
    if not after:
        # "so we only got twenty minutes in. Deep tissue to the whole back": a length said with the
        # words that say it was cut short is what was kept, no booking, so it is the one service's
        # minutes when said in the sentence right before it
        after = [sm for sm in sessions if sm.start < d.technique.start and d.technique.sent - sm.sent <= _CONTINUE_REACH
                 and _kept_length(doc, sm)]
        if len(after) == 1:
            d.durations.append(after[0])
        return
    if len(after) != 1:
        return
    sm = after[0]
    if 0 <= sm.sent - d.technique.sent and sm.sent - _last_sent(d) <= _CONTINUE_REACH:
        d.durations.append(sm)


_KEPT_REACH = 2  # words such as "about" between "only got" and the minutes


def _kept_length(doc: Doc, sm: Mention) -> bool:
    """Minutes said right after words that say how little of the visit was kept ("we only got
    about twenty minutes in"): session_length.jsonl's markers with ``after_technique``."""
    terms = _kept_terms()
    skip = vocab.words("DURATION_SKIPPABLE")
    i = sm.start
    for _ in range(_KEPT_REACH + 1):
        if phrase_at(doc, i, terms, before=True):
            return True
        if i == 0 or doc[i - 1].lower_ not in skip:
            return False
        i -= 1
    return False


@cache
def _kept_terms() -> tuple[str, ...]:
    return tuple(t.lower() for m in vocab.load("session_length.jsonl") if m.after_technique for t in m.terms)  # type: ignore[attr-defined]


def _near(d: _Draft, sent: int, said_in: set[int]) -> bool:
    """Whether minutes said in sentence ``sent`` may continue the treatment ``d``: in its last
    sentence or the next; or, while it has no minutes yet, after sentences that say nothing of the
    session between ("Did pre-event work on his legs. Busy tent today. Took about ten minutes")."""
    last = _last_sent(d)
    if sent - last <= _CONTINUE_REACH:
        return True
    return not d.durations and sent - last <= _FILL_REACH and not any(n in said_in for n in range(last + 1, sent))


def _last_sent(d: _Draft) -> int:
    """The sentence of the last thing said of a treatment (its technique, minutes or areas)."""
    return max(m.sent for m in [d.technique, *d.durations, *d.areas])


def _movement_areas(doc: Doc, areas: list[Mention], roles: dict[str, list[int]]) -> set[str]:
    """Areas said as part of an exercise's name ("chest press", "knee to chest", "prone on elbows",
    "head turns"): a movement, not necessarily the area treated."""
    after = set(roles.get("movement_after", []))
    phrases = _words("movement_before")
    ends = {s + len(p) for s in roles.get("movement_before", []) for p in phrases
            if tuple(t.lower_ for t in doc[s : s + len(p)]) == p}
    return {am.fact.id for am in areas if am.end in after or am.start in ends or _moved_by_verb(doc, am.start)}


def _in_exercise_names(doc: Doc, areas: list[Mention], techs: "_ByStart") -> set[str]:
    """Areas said only as the muscle group an exercise the client performs is named for ("deep neck
    flexor activation", one technique): like a part moved in an exercise's name, the name says what
    is trained, as its abbreviation ("DNF activation") does without naming any area. "Hip
    strengthening" names the part worked and stays."""
    client, muscle = vocab.words("CLIENT_PERFORMED_CODE"), vocab.words("MUSCLE_GROUP_NOUN")
    return {am.fact.id for am in areas
            if am.end < len(doc) and doc[am.end].lower_ in muscle
            for tm in techs.within(am.start - _NAME_REACH, am.start + 1)
            if tm.fact.cpt in client and tm.start <= am.start and am.end < tm.end}


_NAME_REACH = 8  # tokens an exercise's name runs before an area inside it


def _directed_hands_on(doc: Doc, areas: list[Mention], techs: "_ByStart") -> set[str]:
    """Areas named with the direction of a hands-on technique said right after ("cervical rotation
    SNAGs", "knee flexion mobs"): the motion words say which way the therapist moves the joint, so
    the area is where the work was done, not a movement of an exercise's name (a client-performed
    code's "cervical rotation" stays a movement)."""
    motion, client = vocab.words("MEASURED_MOTION"), vocab.words("CLIENT_PERFORMED_CODE")
    out = set()
    for am in areas:
        k = am.end
        while k < len(doc) and doc[k].lower_ in motion and k - am.end < 3:
            k += 1
        if k == am.end:
            continue
        if any(tm.fact.cpt not in client for tm in techs.within(k, k + 1) if tm.start == k):
            out.add(am.fact.id)
    return out


def _support_areas(doc: Doc, areas: list[Mention], roles: dict[str, list[int]]) -> set[str]:
    """Areas an exercise's name says bear weight ("prone on elbows", "kneeling on knees"), carry a
    device ("a head-mounted laser", "a hand-held dynamometer") or are the lever a stretch pulls on
    ("single knee to chest": the low back and hip are stretched, the knee only held), or set the
    client's position for it ("bridges with knees bent", "arms crossed"): none is a part exercised."""
    device = set(roles.get("device_after", [])) | set(roles.get("lever_after", [])) | set(roles.get("position_after", []))
    phrases = _words("movement_before")
    ends = {s + len(p) for s in roles.get("movement_before", []) for p in phrases
            if tuple(t.lower_ for t in doc[s : s + len(p)]) == p}
    return {am.fact.id for am in areas if am.end in device or am.start in ends}


def _moved_parts(areas: list[AreaFact], support: set[str]) -> list[AreaFact]:
    """Of areas said only in exercises' names, the parts exercised: not those that only bear weight
    or carry a device, nor a part that moves at another named area's region (the head at the
    cervical spine, domain.md section 6: vocabulary ``moves_at``)."""
    moved = [a for a in areas if a.id not in support]
    by_id = vocab.area_by_id()
    own = {r for a in moved if a.area in by_id and not by_id[a.area].moves_at for r in a.regions}
    return [a for a in moved if not (a.area in by_id and own.intersection(by_id[a.area].moves_at))]


def _moved_by_verb(doc: Doc, start: int) -> bool:
    """An area that is the object of a movement verb ("turning her head", "lift the left arm"):
    the client moving a part, not a part worked on."""
    k = start
    skip = vocab.words("TECHNIQUE_MODIFIER", "SIDE_OR_OWNER")
    while k > 0 and doc[k - 1].lower_ in skip:
        k -= 1
    return k > 0 and doc[k - 1].lower_ in vocab.words("BODY_MOVEMENT_VERB")


def _holds_equipment(doc: Doc, am: Mention, equipment: list[int]) -> bool:
    k = am.start
    while k > 0 and doc[k - 1].lower_ in vocab.words("TECHNIQUE_MODIFIER", "SIDE_OR_OWNER"):
        k -= 1
    return k >= 2 and doc[k - 1].lower_ in vocab.words("HOLD_PREPOSITION") and _any_in(equipment, k - 3, k - 1)


def _groups(doc: Doc, techs: list[Mention], coord: set[str]) -> list[list[Mention]]:
    """Techniques listed together ("effleurage and petrissage") form one group."""
    groups = [[techs[0]]]
    for prev, cur in zip(techs, techs[1:]):
        if _only(doc, prev.end, cur.start, coord):
            groups[-1].append(cur)
        else:
            groups.append([cur])
    return groups


_HEADING_TIME_GAP = {",", "-", "–", "—"}  # what may stand between a service heading and its time


def _of_areas(doc: Doc, dm: Mention, start: int, dur_of: set[str], area_words: set[int]) -> bool:
    """"ten of hip and knee strengthening": minutes said with "of", then only the technique's areas
    (a list of them joined by "and") before it, are that technique's."""
    gap = range(dm.end, start)
    if "of" not in {doc[dm.end - 1].lower_} | ({doc[dm.end].lower_} if dm.end < start else set()):
        return False
    return all(i in area_words or doc[i].lower_ in dur_of
               or (doc[i].lower_ in _AREA_JOINERS and i - 1 in area_words and i + 1 in area_words) for i in gap)


_AREA_JOINERS = {"and", "&", "/", "+"}


def _duration_target(doc: Doc, dm: Mention, techs: list[Mention], starts: list[int], ends: list[int],
                     dur_of: set[str], durs: list[int] = (), area_words: set[int] = frozenset()) -> Mention | None:
    """Minutes right before a technique are its own ("thirty minutes of Swedish"), unless they stand
    bare between two techniques and the one after says its own minutes before the next technique
    ("trigger point five minutes swedish neck twenty five minutes"): then they close the one before.
    Techniques of a clause never overlap, so their starts and ends are both sorted."""
    k = bisect_left(starts, dm.end)
    after = techs[k] if k < len(techs) else None
    b = bisect_right(ends, dm.start)
    # the next technique of another code: the exercises the one after lists are its own items
    # ("fifteen minutes therapeutic exercise is chin tucks ... ten minutes")
    j = k + 1
    while after and j < len(techs) and techs[j].fact.cpt == after.fact.cpt:
        j += 1
    closes_before = bool(b and after and after.start == dm.end
                         and _any_in(durs, after.end, starts[j] if j < len(starts) else len(doc))
                         and not _any_in(durs, ends[b - 1], dm.start))
    if after and after.start - dm.end <= 3 and (_only(doc, dm.end, after.start, dur_of)
                                                or _of_areas(doc, dm, after.start, dur_of, area_words)) and not any(
        t.text == "," for t in doc[dm.end : after.start]
    ) and not closes_before:
        if b and any(t.text == ":" for t in doc[dm.end : after.start]) and all(
            t.text in _HEADING_TIME_GAP for t in doc[ends[b - 1] : dm.start]
        ):
            return techs[b - 1]  # "Ther act, 22 minutes: agility ladder": the heading's time, its items follow
        return after  # "thirty minutes of Swedish"
    # "trigger point five minutes swedish neck twenty": the technique after says its own minutes
    # "moist heat to the knee before exercise, ten minutes": a technique said as the object of a word
    # of order tells when the one before it was done; the minutes are that one's (minutes said
    # right after it, with no comma, are its own: "ice 10 min after ther ex 25 min"); so does one
    # inside a closed bracket ("sit-to-stand (separate block, after manual therapy) - 15 min")
    k = b
    while k > 1 and _when_not_what(doc, techs[k - 1]) and any(t.text in _CLAUSE_CLOSERS for t in doc[techs[k - 1].end : dm.start]):
        k -= 1
    if b:
        return techs[k - 1]
    if after and after.start - dm.end > 3 and _any_in(durs, after.end, starts[j] if j < len(starts) else len(doc)):
        # "he did a 30 minute warmup jog with the team low back is tight ... deep tissue lumbar 15
        # minutes": minutes far before the clause's first technique, which says its own right after
        # it, time something else (a run-on the recogniser left unpunctuated), never that technique
        return None
    return after  # type: ignore[return-value]


_CLAUSE_CLOSERS = {",", ")", "]"}  # what closes the clause a word of order opened


def _when_not_what(doc: Doc, tech: Mention) -> bool:
    """A technique right after a word of order ("before exercise", "after the bike"): a time of
    the service said before it, not a service of its own."""
    i = tech.start - 1
    if i >= 0 and doc[i].lower_ in vocab.words("DEFINITE_REFERENCE"):
        i -= 1
    return i >= 0 and doc[i].lower_ in vocab.words("ORDER_PREPOSITION")


def _by_family(doc: Doc, d: _Draft, targets: dict[int, Mention],
               listed_under: tuple[Mention, int, bool] | None = None, own: int | None = None) -> list[_Draft]:
    """A group of one code family is one treatment; each other family gets its own, same areas,
    and only the minutes that were said nearest to one of its techniques. Techniques listed after
    a billed service's own name and a colon or "including" ("therapeutic activities: sit to stand,
    car transfers and step-ups") are what that service was made of, when they have no minutes."""
    families: dict[str, list[Mention]] = {}
    timed = {id(targets[id(dm)]) for dm in d.durations}
    head, intro = (d.technique, own) if own is not None else (listed_under[:2] if listed_under else (None, None))
    # minutes closing a list whose heading has none are the heading's ("NMR including tandem
    # stance, foam and heel raises, 16 min"); with the heading timed, an item's own are its own
    head_timed = id(d.technique) in timed if own is not None else bool(listed_under and listed_under[2])
    # a list opened by a mere comma after the heading's minutes takes only its declared families
    # ("NMR 14 min, foam, step-ups" yes; "manual therapy 10 min, hot pack after" stays a hot pack)
    by_comma = head is not None and doc[intro].text == ","
    entry = vocab.technique_by_id()[head.fact.technique] if by_comma else None
    allowed = {head.fact.cpt, *entry.takes_in, *entry.list_takes_in} if entry else None
    for m in d.members:
        item = (head is not None and m.start > intro and not _names_service(doc, m)
                and (id(m) not in timed or not head_timed)
                and (allowed is None or m.fact.cpt in allowed))
        families.setdefault(head.fact.cpt if item else m.fact.cpt, []).append(m)
    if len(families) == 1 and head is not None and d.technique.fact.cpt != head.fact.cpt in families:
        # every technique of this group is an item of the list before it: it joins that service
        return [_Draft(technique=head, members=d.members, sent=d.sent, areas=list(d.areas), durations=list(d.durations))]
    if len(families) == 1:
        return [d]
    out = []
    for cpt, members in families.items():
        ids = {id(m) for m in members}
        lead = members[0] if members[0].fact.cpt == cpt else head
        out.append(_Draft(technique=lead, members=members, sent=d.sent, areas=list(d.areas),
                          durations=[dm for dm in d.durations if id(targets[id(dm)]) in ids]))
    return out


def _one_service_list(doc: Doc, drafts: list[_Draft], durs: list[Mention]) -> tuple[list[_Draft], _Draft | None]:
    """Tasks of mixed code families said in one run and closed by one time ("sit to stand from a
    low chair and step-ups onto the bottom stair, eleven minutes") are one service, the lead's, when
    the lead's service takes in the others' families (its entry's ``takes_in``): the time is the
    whole list's, not the nearest exercise's. Each item needs the time to close the list, no time
    of its own, and no service name of its own ("sit to stand and ther ex 10 min" stays two). A row
    pasted from a flowsheet opens with its time instead ("10:15-10:38  sit-to-stand, step-ups, car
    transfers"): a time before every task of its clause is the whole row's the same way.
    Returns the clause's drafts with the list's merged into one, and that one."""
    if len(durs) != 1:
        return drafts, None
    dm = durs[0]
    leads = bool(drafts) and all(m.start >= dm.end for d in drafts for m in d.members)
    listed = drafts if leads else [d for d in drafts if d.technique.start < dm.start]
    members = [m for d in listed for m in d.members]
    if len(members) < 2:
        return drafts, None
    lead = members[0]
    entry = vocab.technique_by_id().get(lead.fact.technique)
    if entry is None or not entry.takes_in or (not leads and any(m.end > dm.start for m in members)):
        return drafts, None
    if any(m.fact.cpt not in {lead.fact.cpt, *entry.takes_in} or _names_service(doc, m) for m in members[1:]):
        return drafts, None
    if all(m.fact.cpt == lead.fact.cpt for m in members):
        return drafts, None  # one family: the usual grouping already makes it one service
    merged = _Draft(technique=lead, members=members, sent=lead.sent,
                    durations=[dm], areas=[am for d in listed for am in d.areas])
    return [merged, *drafts[len(listed):]], merged


def _names_service(doc: Doc, m: Mention) -> bool:
    """The technique is said by the billed service's own name ("TherAct", "manual therapy")."""
    return doc[m.start:m.end].text.lower() in vocab.service_names().get(m.fact.technique, ())


class _TimedAt:
    """A clause's minutes indexed by position, so that a heading looks only at its neighbours: a
    dictation of thousands of timed items stays linear (scanning every duration per technique made
    a 50,000-word note take minutes)."""

    def __init__(self, durs: list[Mention]) -> None:
        self.durs = sorted(durs, key=lambda m: m.start)  # durations never overlap
        self.starts = [m.start for m in self.durs]
        self.by_end = {m.end: m for m in self.durs}

    def covering(self, i: int) -> bool:
        """Whether token ``i`` is inside one of the minutes."""
        k = bisect_right(self.starts, i)
        return k > 0 and self.durs[k - 1].end > i

    def starting_in(self, lo: int, hi: int) -> bool:
        """Whether minutes start at a token from ``lo`` to ``hi``, both included."""
        k = bisect_left(self.starts, lo)
        return k < len(self.starts) and self.starts[k] <= hi


def _list_intro(doc: Doc, head: Mention, timed_at: _TimedAt) -> int | None:
    """Where a list of what the service was made of opens: right after the service's own name
    ("TherAct: ...", "TherAct x 18 min: ...", "NMR 15': ...", "therapeutic exercise including ..."),
    or after any technique said with its own minutes as a heading ("Balance training 25 min: feet
    together on foam, step-ups onto foam"); and a flowsheet row whose minutes open the line right
    before the service's name ("10:41-10:51 CP R knee w/ compression") is that service's whole row.
    What follows without minutes of its own is part of that service, whatever its code family.
    None when the head is one exercise said in passing."""
    named = _names_service(doc, head)
    before = timed_at.by_end.get(head.start)
    if named and before is not None:
        sents = sentences(doc)
        if sents.starts[sents.of[before.start]] == before.start:
            return head.end - 1
    if not named and before is None and not timed_at.starting_in(head.end, head.end + 1):
        return None
    intro = vocab.words("LIST_INTRO")
    takes = named and _takes_list(head)
    timed_seen = False
    for i in range(head.end, min(head.end + (_COMMA_LIST_REACH if takes else _LIST_INTRO_REACH), len(doc))):
        if timed_at.covering(i):  # "NMR 15':", "Balance training 25 min:": the heading's own minutes
            timed_seen = True
            continue
        if doc[i].lower_ in intro:
            return i
        if takes and doc[i].text == ",":
            # "NMR 14 min, foam, tandem walking, step-ups": a service that takes in list items
            # (its entry's takes_in), named with its minutes and a comma, heads what follows
            if timed_seen:
                return i
            if timed_at.starting_in(i + 1, i + 1):
                continue  # "neuro re-ed for balance, twelve minutes, ...": its minutes come next
        if doc[i].is_punct or doc[i].is_sent_start or not named:  # "TherAct x 18 min:" reaches it; "TherAct, then" not
            return None
    return None


_LIST_INTRO_REACH = 5
_COMMA_LIST_REACH = 7  # "neuro re-ed for balance, twelve minutes," reaches its comma


def _takes_list(head: Mention) -> bool:
    """The head's service takes in other families' items said in its list (techniques.jsonl takes_in)."""
    entry = vocab.technique_by_id().get(head.fact.technique)
    return bool(entry and (entry.takes_in or entry.list_takes_in))


def _merge_same_family(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """In one clause, techniques of one code family are one block unless each has its own minutes:
    "Ther ex x 25 min: AAROM, pulleys, isometrics" is one 25-minute exercise treatment. An item
    timed inside brackets opened after the block's own minutes is a part of that time, not more of
    it: "TherEx x30' (bike x10' warm-up, step-ups, TKE)" is thirty minutes in all; so is one timed
    in a list opened after minutes called the total ("TherEx x28 min total: bike 8 min, quad sets")."""
    out: list[_Draft] = []
    last: dict[str, _Draft] = {}  # code -> the latest block of that code
    timeless: dict[str, list[_Draft]] = {}  # code -> its blocks without minutes yet, in order
    for d in drafts:
        cpt = d.technique.fact.cpt
        host = last.get(cpt)
        if d.durations and host is not None and _part_of_block(doc, host, d):
            host.members.extend(d.members)
            host.areas.extend(d.areas)
            continue
        if d.durations:
            free = timeless.get(cpt)
            host = free[-1] if free else None
        else:
            host = last.get(cpt)
        if host is None:
            out.append(d)
            last[cpt] = d
            if not d.durations:
                timeless.setdefault(cpt, []).append(d)
            continue
        host.members.extend(d.members)
        if d.durations:  # the host was the latest block of its code without minutes
            timeless[cpt].pop()
        host.durations.extend(d.durations)
        host.areas.extend(d.areas)
    return out


def _part_of_block(doc: Doc, host: _Draft, d: _Draft) -> bool:
    """Whether ``d`` is timed inside brackets opened after ``host``'s minutes and not yet closed,
    with fewer minutes than the host's: a breakdown of the block's time."""
    if not host.durations or len(d.durations) != 1:
        return False
    return _bracketed_part(doc, host.durations[-1], d.durations[0], d.technique.start)


def _bracketed_part(doc: Doc, own: Mention, part: Mention, upto: int) -> bool:
    """Whether ``part`` (minutes said at or after token ``upto``) sits inside brackets opened after
    the block's minutes ``own`` and not closed, with fewer minutes: a breakdown of that time. In
    brackets the same minutes again are that time restated, not more of it ("13 min (corrected
    from 12 min; 13 min is right)", "TherEx x10' (bike x10')")."""
    if not (own.end <= upto <= part.start and part.fact.minutes <= own.fact.minutes):
        return False
    between = [t.text for t in doc[own.end:upto]]
    if "(" in between and ")" not in between[between.index("("):]:
        return True
    return part.fact.minutes < own.fact.minutes and _totals_a_list(doc, own, upto)


def _totals_a_list(doc: Doc, own: Mention, upto: int) -> bool:
    """The block's minutes are called its total and a list opens right after them ("TherEx x28 min
    total: recumbent bike 8 min, quad sets ...", "Manual 20' overall - STM 8', mobs"): an item
    timed later in that sentence is a breakdown of the total, not more of it."""
    i = own.end
    if i + 1 >= len(doc) or doc[i].lower_ not in vocab.words("BLOCK_TOTAL_WORD"):
        return False
    return doc[i + 1].lower_ in vocab.words("LIST_INTRO") and _sent_of(doc, own.start) == _sent_of(doc, upto)


def _split_blocks(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """Share a group's areas and give its minutes to the nearest member; one treatment per extra
    duration, less the minutes said a second way ("the whole hour ... sixty minutes")."""
    out: list[_Draft] = []
    for d in drafts:
        d.durations.sort(key=lambda m: m.start)
        d.durations = _without_restatements(doc, d.durations)
        # "TherEx x25' (bike x8' warm-up, lunges)": minutes in brackets after the block's own are part of them
        d.durations = [dm for k, dm in enumerate(d.durations)
                       if not any(_bracketed_part(doc, own, dm, dm.start) for own in d.durations[:k])]
        if len(d.durations) <= 1:
            out.append(d)
            continue
        first_el = min(d.areas + d.durations, key=lambda m: m.start)
        areas_lead = first_el in d.areas  # "neck 10 minutes, shoulder 15 minutes"
        blocks = [_Draft(technique=d.technique, members=d.members, durations=[dm], sent=d.sent) for dm in d.durations]
        starts, ends = [dm.start for dm in d.durations], [dm.end for dm in d.durations]  # durations never overlap
        for am in d.areas:
            if areas_lead:
                idx = min(bisect_left(starts, am.end), len(d.durations) - 1)
            else:
                idx = max(bisect_right(ends, am.start) - 1, 0)
            blocks[idx].areas.append(am)
        for b in blocks[1:]:
            b.members = [d.technique]
        out.extend(blocks)
    return out


def _definite(doc: Doc, dm: Mention) -> bool:
    """Minutes said with a definite determiner, before or opening the span ("the whole hour", "that
    full half hour", "the same twenty minutes"): time referred to as a whole already known."""
    definite, same = vocab.words("DEFINITE_REFERENCE"), vocab.words("SAME_REFERENCE")
    if doc[dm.start].lower_ in definite:
        return True
    j = dm.start
    while j > 0 and doc[j - 1].lower_ in same:
        j -= 1
    return j > 0 and doc[j - 1].lower_ in definite


def _without_restatements(doc: Doc, durations: list[Mention]) -> list[Mention]:
    """One treatment's minutes in one clause, said twice in two ways ("The whole hour was full body
    Swedish, sixty minutes"): a duration said with a definite determiner that equals another of
    the same treatment is that time named again, not a second block. So is a clock range that
    spans the very minutes counted in the same sentence ("the circuit, twenty-four minutes, that
    took us from 8:38 to 9:02"): the times say when those minutes were, not more of them.
    Undetermined equal counts stay two blocks ("fifteen minutes right side, fifteen minutes left side")."""
    if len(durations) < 2:
        return durations
    kept = []
    for dm in durations:
        same = [o for o in durations if o is not dm and (o.fact.minutes, o.fact.minutes_max) == (dm.fact.minutes, dm.fact.minutes_max)]
        if same and _definite(doc, dm) and (not all(_definite(doc, o) for o in same) or any(o in kept for o in same)):
            continue
        if _clock_span(doc, dm) and any(o.sent == dm.sent and not _clock_span(doc, o) for o in same):
            continue
        kept.append(dm)
    return kept


@cache
def _clock_rules() -> frozenset[str]:
    return frozenset(f"durations/{r.id}" for r in vocab.load("durations.jsonl")  # type: ignore[attr-defined]
                     if r.kind in CLOCK_KINDS)  # type: ignore[attr-defined]


def _clock_span(doc: Doc, dm: Mention) -> bool:
    """Minutes read from two times of day ("8:38 to 9:02", "eight thirty-eight to nine-oh-two", "from
    twenty-five past to ten to"), not counted."""
    return dm.fact.evidence.rule_id in _clock_rules()


def _continue(drafts: list[_Draft], durs: list[Mention], areas: list[Mention]) -> None:
    prev = drafts[-1]
    if not durs:
        prev.areas.extend(areas)
        return
    for n, dm in enumerate(durs):
        block_areas = areas if n == len(durs) - 1 else []
        if not prev.durations and prev is drafts[-1]:
            prev.durations.append(dm)
            prev.areas.extend(block_areas)
            continue
        carried = block_areas or list(prev.areas)
        drafts.append(_Draft(technique=prev.technique, members=[prev.technique], durations=[dm], areas=carried, sent=dm.sent))
        prev = drafts[-1]


def _mark_concurrent(doc: Doc, drafts: list[_Draft], words: list[int]) -> None:
    by_sent: dict[int, list[_Draft]] = {}
    for d in drafts:
        by_sent.setdefault(d.technique.sent, []).append(d)
    sents = sentences(doc)
    for sent_drafts in by_sent.values():
        if len({d.technique.fact.technique for d in sent_drafts}) < 2:
            continue
        n = sent_drafts[0].technique.sent
        if _any_in(words, sents.starts[n], sents.ends[n]):
            for d in sent_drafts:
                d.concurrent = True


def _is_complaint(am: Mention, technique: Mention, complaint_of: dict[str, int]) -> bool:
    """An area said as part of a complaint ("neck and upper back pain", "the neck was sore"),
    unless the condition word sits between the technique and the area: "Swedish to the tight
    hamstrings" treats the hamstrings."""
    cond = complaint_of.get(am.fact.id)
    if cond is None:
        return False
    return not (technique.end <= cond < am.start)


def _without_generic_repeats(areas: list[AreaFact]) -> list[AreaFact]:
    """A generic tissue word said alone ("the paraspinals", "the erectors") beside an area of the
    same family names that area's tissue again, not the whole back: "Swedish to the lumbar region
    to warm up the paraspinals" is the lumbar region only. Dropped when another area of the
    treatment covers part of its regions."""
    by_id = vocab.area_by_id()

    def generic(a: AreaFact) -> bool:
        words = a.evidence.text.lower().split()
        while words and words[0] in _DETERMINERS:
            words = words[1:]
        return " ".join(words) in {t.lower() for t in by_id[a.area].qualified_terms}

    kept = []
    for a in areas:
        wider = set(a.regions)
        if generic(a) and any(o is not a and o.area != a.area and set(o.regions) < wider for o in areas):
            continue
        kept.append(a)
    return kept


def _treatment(d: _Draft, order: int, complaint_of: dict[str, int], movement: set[str] = frozenset(),
               support: set[str] = frozenset(), complained: set[Region] = frozenset(),
               spoken: set[Region] = frozenset()) -> Treatment:
    """One draft (techniques of one code family) -> one treatment.

    Areas said only as part of a complaint, or only in an exercise's name, are not treated areas
    when the technique has areas of its own; with none of its own, they are the best evidence left,
    less what those names say only bears weight or carries a device (``support``: "prone on
    elbows", "a head-mounted laser") and parts moved at another area's joints ("head lift" beside
    "cervical rotation": the head moves at the cervical spine).

    For a service the client performs (token set CLIENT_PERFORMED_CODE), an exercise's name says
    where it is aimed only in the regions of the client's complaints (``complained``): "lumbar
    flexion stretch" for low back pain is lumbar work, "glute bridges" for knee pain or "serratus
    punches" for shoulder pain name a muscle, not the part treated (with nothing else left, the
    treatment takes the complaint's area: _with_sole_complaint). When some part named is in a
    complaint's region, all parts exercised stand ("cervical rotation, thoracic extension" for
    neck pain); a part outside it stands as well when the note speaks of that region outside
    exercise names (``spoken``: "pelvic floor dyssynergia ... pelvic floor coordination")."""
    first: TechniqueFact = d.technique.fact
    same = d.members
    label = " and ".join(dict.fromkeys(m.fact.label for m in same))
    ordered = sorted(d.areas, key=lambda m: m.start)
    area_facts = [a.fact for a in ordered]
    treated = [a.fact for a in ordered if not _is_complaint(a, d.technique, complaint_of)]
    if not treated:
        treated = area_facts
    named = [a for a in treated if a.id not in movement]
    moved = _moved_parts(treated, support)
    if complained and first.cpt in vocab.words("CLIENT_PERFORMED_CODE"):
        aimed = [a for a in moved if a not in named and complained.intersection(a.regions)]
        if named or aimed:
            treated = sorted(named + aimed, key=treated.index) if named else moved
        else:  # every part named lies outside the complaint: only those the note speaks of elsewhere
            treated = [a for a in moved if spoken.intersection(a.regions)]
    else:
        treated = named or moved or treated
    treated = _without_generic_repeats(treated)
    # A part said only as moved in an exercise's name is exercised where it moves: "head relocation",
    # "head turns" work the cervical spine (vocabulary ``moves_at``), not the head
    moves_at = {a.id: entry.moves_at for a in treated if a.id in movement
                and (entry := vocab.area_by_id().get(a.area)) is not None and entry.moves_at}
    seen, refs = set(), []
    for a in treated:
        key = (a.area, a.laterality)
        if key not in seen:
            seen.add(key)
            refs.append(AreaRef(area=a.area, label=a.label, laterality=a.laterality,
                                regions=moves_at.get(a.id, a.regions), fact_id=a.id))
    dur: DurationFact | None = d.durations[0].fact if d.durations else None
    facts = [m.fact for m in same] + ([dur] if dur else []) + treated
    return Treatment(
        id=f"tr{order}", technique=first.technique, label=label, cpt=first.cpt,
        minutes=dur.minutes if dur else None, minutes_max=dur.minutes_max if dur else None,
        areas=refs, fact_ids=[f.id for f in facts], evidence=[f.evidence for f in facts],
        order=order, concurrent=d.concurrent,
    )


def _fold_passive(doc: Doc, treatments: list[Treatment], active: list[int],
                  movement: set[str] = frozenset(), time_missing: list[int] = ()) -> list[Treatment]:
    """Passive stretching said beside massage or manual therapy was done within it: without minutes
    of its own, or beside a host that has none (the minutes were said of the whole service), it is
    that service named again (its words, areas and minutes join it); else it stays a treatment that
    records the host it was done ``within``. Which code that makes is billing's
    rule (billing/passive.py), not a word's."""
    by_id = vocab.technique_by_id()
    restated: dict[str, str] = {}
    out = _fold_into_recap(doc, treatments, recap_chars(doc) or _closing_wrap_up(doc, treatments), restated)
    out = _fold_into_addenda(doc, out, addendum_starts(doc), restated)
    sents = sentences(doc)  # the sentences' token and character bounds, not a Span of each built
    chars = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in zip(sents.starts, sents.ends)]
    sent_of_char = lambda c: next(n for n, (lo, hi) in enumerate(chars) if lo <= c < max(hi, lo + 1))  # noqa: E731
    result: list[Treatment] = []
    for tr in out:
        entry = by_id[tr.technique]
        if not entry.passive_with:
            result.append(tr)
            continue
        n = sent_of_char(tr.evidence[0].char_start)
        if ((_any_in(active, sents.starts[n], _line_end(doc, sents.ends[n])) or _names_active_exercise(tr, by_id))
                and not _said_passive(doc, tr.evidence[0].char_start)):
            result.append(tr)
            continue
        hosts = [t for t in out if t is not tr and t.cpt in entry.passive_with and not by_id[t.technique].passive_with]
        if not hosts:
            result.append(tr)
            continue
        host = min(hosts, key=lambda t: (sent_of_char(t.evidence[0].char_start) != n,
                                         abs(t.evidence[0].char_start - tr.evidence[0].char_start)))
        if tr.minutes is None or host.minutes is None:
            if host.minutes is None:  # "deep tissue ... with stretching worked in, forty minutes": the whole service's
                host.minutes, host.minutes_max = tr.minutes, tr.minutes_max
            host.fact_ids.extend(tr.fact_ids)
            host.evidence.extend(tr.evidence)
            host.areas.extend(a for a in tr.areas if (a.area, a.laterality) not in {(h.area, h.laterality) for h in host.areas})
        else:
            result.append(tr.model_copy(update={"within": host.id}))
    merged_into: dict[str, str] = dict(restated)
    result = _fold_bare_mentions(doc, result, sent_of_char, merged_into, movement,
                                 {sent_of_char(doc[i].idx) for i in time_missing})
    result = _without_visit_length(doc, result)
    new_id = {t.id: f"tr{i}" for i, t in enumerate(result, start=1)}
    home = lambda tid: new_id.get(tid) or new_id.get(merged_into.get(tid, ""))  # noqa: E731
    return [t.model_copy(update={"id": new_id[t.id], "order": i, "within": home(t.within) if t.within else None})
            for i, t in enumerate(result, start=1)]


def _line_end(doc: Doc, end: int) -> int:
    """The token after the end of the table row (a line with bars or tabs) that token ``end - 1`` is
    on, else ``end``: a row pasted from a table is one unit, though a comma inside it may end a sentence ("calf stretching, pt performed | 0:12")."""
    text = text_of(doc)
    if not end:
        return end
    lo, stop = text.rfind("\n", 0, doc[end - 1].idx) + 1, text.find("\n", doc[end - 1].idx)
    stop = len(text) if stop < 0 else stop
    if "|" not in text[lo:stop] and "\t" not in text[lo:stop]:
        return end  # a line of prose: its sentences stand apart
    while end < len(doc) and doc[end].idx < stop:
        end += 1
    return end


def _fold_bare_mentions(doc: Doc, treatments: list[Treatment], sent_of_char, merged_into: dict[str, str],
                        movement: set[str] = frozenset(), untimed_sents: set[int] = frozenset()) -> list[Treatment]:
    """A technique named without minutes, when the same code family was dictated with minutes, is
    that service named again, not a second one waiting for minutes: with no area of its own
    anywhere in the note ("wanted a relaxation massage ... sixty minutes of Swedish"), or with
    areas when said in the timed block's sentence, or in the next one on regions the block
    already covers ("a sixty minute Swedish, full body. Long effleurage on the back and legs"), or
    in the next one when the block named no area at all (a heading and its list: "Then twenty
    minutes of exercise. Chin tucks, cervical isometrics"); and anywhere after the block when it is
    referred to as one already said ("the MFR was on part of that area"); and before a block said
    later that names it again on a region it shares ("I'll work the suboccipitals ... okay, that was
    twenty minutes of suboccipital release"): the same technique, or its words among the block's
    (a plural said once is the same word); that block's own areas stand; and before a block said
    later with no area by the service's own name ("Swedish to back and neck ... only got 25 min of
    massage in"; "joint mobs ..., plus STM ... 22 minutes of manual total": the umbrella technique in any
    spelling), or by the technique it was said with ("MFR: bilat QL ... Timed: MFR 12 min"): those
    minutes are its minutes, and its areas become the block's. An area said inside the
    technique's own name ("single leg stance", "straight leg raises"), or only as the posture or
    movement of an exercise ("side plank from knees", ``movement``), is not an area of its own.
    Elsewhere ("MFR to the neck 15 minutes. Trigger point to the glutes.") it is a service of its
    own that waits for its minutes. Its areas join the service. So is one whose own sentence says
    its time was not kept ("also did farmer carries, didn't write down the time on those",
    ``untimed_sents``, linking role time_missing): the note itself says it is a service whose
    minutes are missing, not the timed block named again."""
    out = []
    timed: dict[str, list[Treatment]] = {}
    for h in treatments:
        if h.minutes is not None:
            timed.setdefault(h.cpt, []).append(h)
    by_id = vocab.technique_by_id()
    said: list[int] | None = None  # sentence ordinals, built only when a mention with areas needs them
    for tr in treatments:
        hosts = timed.get(tr.cpt, []) if tr.minutes is None else []
        if hosts and untimed_sents and sent_of_char(tr.evidence[0].char_start) in untimed_sents:
            hosts = []  # "... didn't write down the time on those": its minutes are missing, said so
        own = _own_areas(tr, movement)
        if not hosts and tr.minutes is None and not own and tr.technique in by_id:
            # "she just wanted hands-on work ... Deep tissue 40 min": a generic name of the timed service
            hosts = [h for cpt in by_id[tr.technique].also_names for h in timed.get(cpt, [])]
        if hosts and own and _names_session_kind(doc, tr):
            pass  # "Prenatal massage, 24 wks ... Swedish neck x22 min": the visit's kind, not a service
        elif hosts and own and _only_strokes(tr):
            # "Fifteen minutes of massage. Worked the neck, ... then the arms, compression and
            # petrissage": the strokes that massage was given with, wherever they went
            n = sent_of_char(tr.evidence[0].char_start)
            hosts = [h for h in hosts if any(abs(sent_of_char(e.char_start) - n) <= _STROKE_REACH for e in h.evidence)]
        elif hosts and own:
            if said is None:
                said = _said_ordinals(doc)
            n = said[sent_of_char(tr.evidence[0].char_start)]
            regions = {r for a in own for r in a.regions}
            referred = _refers_back(doc, tr.evidence[0].char_start)
            named = _technique_words(tr)
            hosts = [h for h in hosts if (m := said[sent_of_char(h.evidence[0].char_start)]) == n
                     or (referred and m < n)
                     or (m < n and named <= _technique_words(h))
                     or (m < n and _among_techniques(tr, h) and regions <= {r for a in h.areas for r in a.regions})
                     or (m > n and _names_again(tr, h))
                     or (m == n - 1 and not h.areas)
                     or (m > n and not h.areas and _said_by_service_name(h))
                     or (m > n and not h.areas and (_restates_techniques(tr, h) or _said_by_umbrella(h)))
                     or (abs(m - n) == 1 and regions <= {r for a in h.areas for r in a.regions})]
        if hosts:
            host = min(hosts, key=lambda h: abs(h.evidence[0].char_start - tr.evidence[0].char_start))
            merged_into[tr.id] = host.id  # (recorded so a treatment done within this one follows it)
            host.fact_ids.extend(tr.fact_ids)
            host.evidence.extend(tr.evidence)
            if host.evidence[0].char_start < tr.evidence[0].char_start or not host.areas:  # a later block's areas stand
                joining = tr.areas if not host.areas else [a for a in tr.areas if a.fact_id not in movement]
                host.areas.extend(a for a in joining if (a.area, a.laterality) not in {(h.area, h.laterality) for h in host.areas})
            continue
        out.append(tr)
    return out


def _without_visit_length(doc: Doc, treatments: list[Treatment]) -> list[Treatment]:
    """A timed service named only by its generic name said as the visit's kind ("60 min wellness
    massage", "Rx: medical massage, 45 min"; ``_names_session_kind``), said before every other
    timed service, when the others' minutes fit inside its own ("... Full body Swedish x 50 min ...
    Then 10 min trigger point release"): the booked visit and its length, the services it held
    itemised after it, not a block of its own beside them. Said alone, it is the service."""
    timed = [t for t in treatments if t.minutes is not None]
    out = []
    for tr in treatments:
        others = [t for t in timed if t is not tr]
        if (tr.minutes is not None and others
                and all(o.evidence[0].char_start > tr.evidence[0].char_start for o in others)
                and sum(o.minutes for o in others) <= tr.minutes and _names_session_kind(doc, tr)):
            continue
        out.append(tr)
    return out


def _said_ordinals(doc: Doc) -> list[int]:
    """Each sentence's place among the sentences that say something: a "sentence" of connectors
    only ("and", "then", "um"), cut off by a speech-to-text run-on, counts as part of the next one,
    so "... activities fifteen minutes, lifting a basket [and] [then overhead reaching]" keeps the
    untimed item in the sentence after its timed heading."""
    sents = sentences(doc)
    connectors = vocab.words("SPOKEN_FILLER") | {w for (w, *rest) in _words("coordination") | _words("clause_break") if not rest}
    out, k = [], 0
    for lo, hi in zip(sents.starts, sents.ends):
        out.append(k)  # the count of saying sentences before: a connector sentence shares the next one's
        if any(not doc[i].is_punct and not doc[i].is_space and doc[i].lower_ not in connectors for i in range(lo, hi)):
            k += 1
    return out


# A stroke said without minutes belongs to the timed massage said in its sentence or the next
_STROKE_REACH = 1
_ORDER_REACH = 5  # words back from a generic service name to the word that orders it ("Rx: medical massage")


def _technique_ids(tr: Treatment) -> list[str]:
    """The technique ids a treatment's technique words were read as (exact or near-miss)."""
    out = []
    for fid, ev in zip(tr.fact_ids, tr.evidence):
        kind, _, rest = ev.rule_id.partition("/")
        if fid.startswith("t") and kind in ("techniques", "fuzzy"):
            out.append(rest.split(":")[0])
    return out


def _restates_techniques(tr: Treatment, later: Treatment) -> bool:
    """Every technique a timed block said later names is one the untimed mention was said with
    ("MFR: bilat QL, + sustained pressure to R QL ... Timed: MFR 12 min"): a time log naming the
    body's line again by its technique, whose minutes are that line's, not a second service."""
    ids = set(_technique_ids(later))
    return bool(ids) and ids <= set(_technique_ids(tr))


def _said_by_umbrella(tr: Treatment) -> bool:
    """Every technique word of the treatment reads as its code's umbrella technique, the one whose
    entry carries the service's own names (techniques.jsonl ``service_terms``), in any of its
    spellings ("joint mobs ..., plus STM ..., 22 minutes of manual total"): the whole service
    timed, whatever shortened name it was said by."""
    names = vocab.service_names()
    ids = _technique_ids(tr)
    return bool(ids) and all(names.get(i) for i in ids)


def _said_by_service_name(tr: Treatment) -> bool:
    """Every technique word of the treatment is the name of the billed service itself
    (techniques.jsonl ``service_terms``: "massage", "ther ex"), not one technique of it. Timed that
    way after a technique of its code said with areas but no minutes ("Swedish to back and neck ...
    we only got 25 min of massage in"), it is that service's minutes, not a second service."""
    names = vocab.service_names()
    ids = _technique_ids(tr)
    said = [e.text.lower() for fid, e in zip(tr.fact_ids, tr.evidence) if fid.startswith("t")]
    allowed = set().union(*(names.get(i, frozenset()) for i in ids)) if ids else set()
    return bool(said) and all(w in allowed for w in said)


def _only_strokes(tr: Treatment) -> bool:
    """Every technique word of the treatment is a stroke (techniques.jsonl ``stroke``): how a
    massage is given (effleurage, kneading, compression), not a service of its own."""
    by_id = vocab.technique_by_id()
    ids = _technique_ids(tr)
    return bool(ids) and all(i in by_id and by_id[i].stroke for i in ids)


def _names_session_kind(doc: Doc, tr: Treatment) -> bool:
    """The treatment's every technique word is the service's generic name said as the kind of
    visit ("Prenatal massage, 24 wks", "Geriatric medical massage - Sunrise Ridge", "Hospice comfort
    massage - Mr. W") or as what was ordered ("Rx: medical massage for neck pain", "Nursing asked for
    massage for his hands"): a setting or population word (SESSION_KIND_WORD) before the name, or an
    order word (SERVICE_ORDER_WORD) a few filler words before it. Beside a timed service of that
    code, it names the visit; the areas said with it are the complaint or the order's, not a second
    service's. A bare "massage to the feet" beside a timed Swedish names no kind and stays a service."""
    generic = vocab.service_names().get(tr.technique)
    if not generic:
        return False
    kinds, orders, filler = vocab.words("SESSION_KIND_WORD"), vocab.words("SERVICE_ORDER_WORD"), vocab.words("SERVICE_ORDER_FILLER")
    evidences = [ev for fid, ev in zip(tr.fact_ids, tr.evidence) if fid.startswith("t")]
    for ev in evidences:
        span = doc.char_span(ev.char_start, ev.char_end, alignment_mode="expand")
        if span is None:
            return False
        words = [t.lower_ for t in span]
        k = 0
        while k < len(words) and words[k] in kinds:
            k += 1
        if " ".join(words[k:]) not in generic:
            return False
        j = span.start
        while j > 0 and doc[j - 1].lower_ in kinds:
            j -= 1
        if k or j < span.start:
            continue
        while j > 0 and span.start - j < _ORDER_REACH and doc[j - 1].lower_ in filler:
            j -= 1
        if not (j > 0 and doc[j - 1].lower_ in orders):
            return False
    return bool(evidences)


def _closing_wrap_up(doc: Doc, treatments: list[Treatment]) -> tuple[int, int] | None:
    """An uncued wrap-up: the last line of a room recording (extraction.components.recap) that
    times at least two services, one of a code the room already named ("Speaker 1: Medicare, plan of
    care current. Neuromuscular re-education, thirteen minutes. Therapeutic exercise, seventeen
    minutes ..." after "thirteen minutes on posture" and the band work). The therapist restates the
    session there without saying "for the note"; it is that line, not a second session."""
    turn = closing_turn(text_of(doc))
    if turn is None:
        return None
    timed = [t for t in treatments if _in_recap(t, turn) and t.minutes is not None]
    earlier = {t.cpt for t in treatments if t.evidence[0].char_start < turn[0]}
    return turn if len(timed) >= _WRAP_UP_MIN_TIMED and any(t.cpt in earlier for t in timed) else None


_WRAP_UP_MIN_TIMED = 2


def _fold_into_recap(doc: Doc, treatments: list[Treatment], recap: tuple[int, int] | None,
                     merged_into: dict[str, str]) -> list[Treatment]:
    """A dictated wrap-up (extraction.components.recap) restates the session: a technique said in
    passing before it, without minutes, is the service the wrap-up times in the same code ("I'm
    going to start with some mobilization on the low back ... okay for the note: lumbar joint
    mobilization fifteen minutes"; "you're doing the hamstring stretch ... therapeutic exercise
    hamstring stretching fifteen minutes"), never a second one waiting for minutes nor a stretch
    done inside the massage. So is one said with minutes the wrap-up restates ("I'm going to spend
    about ten minutes on that hip ... soft tissue mobilization hip, ten minutes"; "soft tissue on the
    lumbar spine, about twelve minutes ... dictation. Manual therapy, 12 minutes"): the same
    minutes, or the same technique, on areas that agree; its minutes are the wrap-up's, never added
    to them. Among several wrap-up services of the code, the one on the same region, then the same
    technique, is the host. The same minutes of the same technique are the same service even where
    the room's words put it elsewhere ("posture work ... chin over the chest, thirteen minutes" and
    "postural training, thirteen minutes" of the neck). The wrap-up's areas stand; the earlier
    words' join only a wrap-up service that named none. A service the wrap-up says was not done
    ("ultrasound not performed, deferred") and does not time is not billed from the room's talk
    either ("the plan today: ... ultrasound at the end"); only a wrap-up that times services says so,
    a note line that timed none corrects a code ("that row was massage, not manual therapy")."""
    if recap is None:
        return list(treatments)
    by_id = vocab.technique_by_id()
    denied: set[str] = set()
    if any(_in_recap(t, recap) and t.minutes is not None for t in treatments):  # a wrap-up of services, not a correction
        denied = {by_id[hit.technique].cpt for span, hit in hits(doc, TECHNIQUES)
                  if hit.context == Context.negated and hit.technique in by_id and recap[0] <= span.start_char < recap[1]}
    out = []
    for tr in treatments:
        hosts = [h for h in treatments if h is not tr and h.cpt == tr.cpt and h.minutes is not None and _in_recap(h, recap)]
        if tr.evidence[0].char_start < recap[0] and tr.minutes is not None:
            hosts = [h for h in hosts if (h.minutes == tr.minutes and h.technique == tr.technique)
                     or (_regions_agree(tr, h) and (h.minutes == tr.minutes or h.technique == tr.technique))]
        if not hosts and tr.cpt in denied and tr.evidence[0].char_start < recap[0]:
            continue
        if hosts and tr.evidence[0].char_start < recap[0]:
            host = max(hosts, key=lambda h: (bool(h.areas and tr.areas) and _regions_agree(tr, h),
                                             h.technique == tr.technique, -hosts.index(h)))
            merged_into[tr.id] = host.id
            kept = [(f, e) for f, e in zip(tr.fact_ids, tr.evidence) if tr.minutes is None or not f.startswith("d")]
            host.fact_ids.extend(f for f, _ in kept)
            host.evidence.extend(e for _, e in kept)
            if not host.areas:
                host.areas.extend(tr.areas)
            continue
        out.append(tr)
    return out


def _fold_into_addenda(doc: Doc, treatments: list[Treatment], starts: list[int],
                       merged_into: dict[str, str]) -> list[Treatment]:
    """An addendum, late entry or correction (extraction.components.addenda) that names a service
    already in the note corrects or completes it; it never adds a second one. A service of the
    addendum is the earlier one when it has the same code and either no minutes on one side, the
    same minutes, or the same technique ("stair training was 14 minutes, not 4"), on areas that
    agree (one side names none, or they share a region): the earlier keeps its place in the note and
    takes the addendum's minutes and areas. A service of another code with the same minutes on the
    same region replaces the earlier one when the addendum denies the earlier technique ("that
    fifteen minutes was myofascial release ... not deep tissue massage"). Anything else the
    addendum names is a service it adds (a late entry's IT-band release)."""
    if not starts:
        return list(treatments)
    by_id = vocab.technique_by_id()
    denied = [(span.start_char, by_id[hit.technique].cpt) for span, hit in hits(doc, TECHNIQUES)
              if hit.context == Context.negated and hit.technique in by_id]
    section = lambda tr: bisect_right(starts, tr.evidence[0].char_start)  # noqa: E731  (0: the note itself)
    out = list(treatments)
    for tr in treatments:
        k = section(tr)
        if k == 0:
            continue
        lo, hi = starts[k - 1], starts[k] if k < len(starts) else len(text_of(doc))
        earlier = [e for e in out if e is not tr and section(e) < k]
        host = _restated(tr, earlier) or _corrected(tr, earlier, {c for at, c in denied if lo <= at < hi})
        if host is None:
            continue
        out.remove(tr)
        merged_into[tr.id] = host.id
        if host.cpt != tr.cpt:  # another technique: the addendum's service takes the earlier one's place
            out[out.index(host)] = tr.model_copy(update={"id": host.id, "order": host.order})
            continue
        if tr.minutes is not None:
            dropped = {fid for fid in host.fact_ids if fid.startswith("d")}
            kept = [(f, e) for f, e in zip(host.fact_ids, host.evidence) if f not in dropped]
            host.fact_ids[:] = [f for f, _ in kept]
            host.evidence[:] = [e for _, e in kept]
            host.minutes, host.minutes_max = tr.minutes, tr.minutes_max
        if tr.areas:
            host.areas[:] = list(tr.areas)
        host.fact_ids.extend(tr.fact_ids)
        host.evidence.extend(tr.evidence)
    return out


def _among_techniques(tr: Treatment, host: Treatment) -> bool:
    """Whether an untimed mention's technique is one the timed block already listed ("MET + manual
    traction | neck | 0:10" ... "Neck ROM better after traction"): a comment on that row, said
    later of a region the row covers, not a second service waiting for its minutes."""
    return tr.technique == host.technique or tr.label in host.label.split(" and ")


def _regions_agree(a: Treatment, b: Treatment) -> bool:
    """Neither names an area, or they share a region."""
    return not a.areas or not b.areas or bool({r for x in a.areas for r in x.regions} & {r for x in b.areas for r in x.regions})


def _restated(tr: Treatment, earlier: list[Treatment]) -> Treatment | None:
    """The earlier service of the same code an addendum's service restates, the closest fit first:
    sharing a region over naming none, the same technique, then the latest said."""
    fits = [e for e in earlier if e.cpt == tr.cpt and _regions_agree(tr, e)
            and (tr.minutes is None or e.minutes is None or tr.minutes == e.minutes or tr.technique == e.technique)]
    if not fits:
        return None
    return max(fits, key=lambda e: (bool(e.areas and tr.areas), e.technique == tr.technique, e.evidence[0].char_start))


def _corrected(tr: Treatment, earlier: list[Treatment], denied_cpts: set[str]) -> Treatment | None:
    """The earlier service whose technique the addendum corrects: same minutes, same region, its
    code denied in the addendum."""
    if tr.minutes is None or not tr.areas:
        return None
    fits = [e for e in earlier if e.cpt != tr.cpt and e.cpt in denied_cpts and e.minutes == tr.minutes
            and e.areas and _regions_agree(tr, e)]
    return fits[-1] if fits else None


def _in_recap(tr: Treatment, recap: tuple[int, int] | None) -> bool:
    """Whether a treatment was named in the dictated wrap-up."""
    return recap is not None and recap[0] <= tr.evidence[0].char_start < recap[1]


def _names_again(tr: Treatment, later: Treatment) -> bool:
    """Whether a timed block said later names an untimed mention's technique again on a region
    they share (its areas counted whole here: "suboccipital release" is the block's words and its
    area): the same technique (the one it bills under or any other it was said with: "STM and trigger
    point release ..., fifteen minutes"), or all its words among the block's, plurals as singulars."""
    if not {r for a in tr.areas for r in a.regions} & {r for a in later.areas for r in a.regions}:
        return False
    singular = lambda words: {" ".join(w.removesuffix("s") for w in p.split()) for p in words}  # noqa: E731
    return (tr.technique == later.technique or tr.technique in _technique_ids(later)
            or singular(_technique_words(tr)) <= singular(_technique_words(later)))


def _technique_words(tr: Treatment) -> set[str]:
    """The technique words a treatment was said with, lower-cased ("side planks", "bird dogs"): an
    exercise named again later without minutes ("fatigue in the glutes on the side planks") is
    the timed block that already named it, not a second service."""
    return {e.text.lower() for fid, e in zip(tr.fact_ids, tr.evidence) if fid.startswith("t")}


def _own_areas(tr: Treatment, movement: set[str] = frozenset()) -> list[AreaRef]:
    """The treatment's areas less those said inside one of its technique words ("single leg stance")
    and those said only as an exercise's posture or movement (fact ids in ``movement``)."""
    spans = [(e.char_start, e.char_end) for fid, e in zip(tr.fact_ids, tr.evidence) if fid.startswith("t")]
    where = {fid: e for fid, e in zip(tr.fact_ids, tr.evidence)}
    return [a for a in tr.areas if a.fact_id not in movement and not (a.fact_id in where and any(
        lo <= where[a.fact_id].char_start and where[a.fact_id].char_end <= hi for lo, hi in spans))]


def _names_active_exercise(tr: Treatment, by_id) -> bool:
    """Stretching dictated in one block with exercises of its own code ("the stretching and
    strengthening for the glutes, piriformis stretch and clamshells, ten minutes"): the client's
    exercise program, done by the client, never passive stretching folded into the massage."""
    for ev in tr.evidence:
        kind, _, rest = ev.rule_id.partition("/")
        entry = by_id.get(rest.split(":")[0]) if kind in ("techniques", "fuzzy") else None
        if entry is not None and not entry.passive_with and entry.cpt == tr.cpt:
            return True
    return False


def _said_passive(doc: Doc, char: int) -> bool:
    """"passive hamstring stretching", "stretched passively": the word that says who moved wins over
    an active word elsewhere in the sentence ("... since she wasn't actively doing it")."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return False
    marks = vocab.words("PASSIVE_MARK")
    return any(t.lower_ in marks for t in doc[max(0, span.start - PASSIVE_REACH) : span.start + PASSIVE_REACH + 1])


def _refers_back(doc: Doc, char: int) -> bool:
    """A technique word after a definite determiner ("the MFR", "that massage"), or opening its line
    as the subject a definition sets out ("MT after the ex = grade III central PAs", "TE consisted
    of ..."): one already said."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in vocab.words("DEFINITE_REFERENCE"):
        return True
    if span.start > 0 and "\n" not in doc[span.start - 1].text and not doc[span.start - 1].is_punct:
        return False  # only a technique opening its line or sentence is the topic defined
    marks = vocab.words("DEFINITION_MARK")
    for t in doc[span.end : span.end + _DEFINITION_REACH]:
        if t.lower_ in marks:
            return True
        if t.is_punct or "\n" in t.text:
            return False
    return False


_DEFINITION_REACH = 5  # words between a defined service and its "=" ("MT after the ex =")
