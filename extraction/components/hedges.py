"""Hedges: the words that make a diagnosis uncertain (hedges.jsonl, ICD-10-CM Guidelines Section IV.H).

"r/o impingement", "possible frozen shoulder", "frozen shoulder picture", "tendinitis vs bursitis",
"?frozen shoulder": in outpatient care an uncertain diagnosis is not coded; the symptom said with it
is. A hedge reaches a condition within its ``max_scope`` tokens in its direction, in the same
sentence, not over a comma (unless the rule says so) nor over a terminator ("but", "her": an owner
says the condition is established). A "?" before a diagnosis hedges only where it opens a statement
or is glued to the word after it ("Dx: ?impingement"); after a word it closes a question.

Signs and symptoms (conditions.jsonl ``symptom``) are never hedged: they are what is coded instead.
The matcher runs only on a note that names a diagnosis, so a note of symptoms costs nothing.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.spans import Sentences, phrase_matcher


class HedgeFinder:
    def __init__(self, nlp: Language):
        rules = vocab.load("hedges.jsonl")
        self.rules = {r.id: r for r in rules}  # type: ignore[attr-defined]
        self.matcher = phrase_matcher(nlp, [(r.id, r.terms) for r in rules])  # type: ignore[attr-defined]
        entries = vocab.load("conditions.jsonl")
        flagged = {e.reports for e in entries if e.symptom}  # type: ignore[attr-defined]
        # entry ids ("pain.lbp") and condition ids ("pain"): a hit names either
        self.symptoms = flagged | {e.id for e in entries if e.reports in flagged}  # type: ignore[attr-defined]

    def find(self, doc: Doc, conditions: list[tuple[int, int, str]], sents: Sentences) -> dict[int, tuple[int, int, str]]:
        """Condition start -> the hedge (start, end, rule id) that makes it uncertain, for the
        diagnoses among ``conditions`` (start, end, condition id)."""
        targets = [(s, e) for s, e, c in conditions if c not in self.symptoms]
        if not targets:
            return {}
        strings = doc.vocab.strings
        found = [(strings[k], s, e) for k, s, e in self.matcher(doc)]
        if not found:
            return {}
        pseudo = {i for k, s, e in found if self.rules[k].category == "pseudo" for i in range(s, e)}
        stops = sorted(s for k, s, _ in found if self.rules[k].category == "terminate")
        # every hedge kept, overlaps included: "probable" hedges forward and backward alike
        triggers = [(k, s, e) for k, s, e in found
                    if self.rules[k].category == "hedge" and not any(i in pseudo for i in range(s, e))]
        out: dict[int, tuple[int, int, str]] = {}
        for start, end in targets:
            for key, ts, te in triggers:
                if self._reaches(doc, sents, stops, self.rules[key], ts, te, start, end):
                    out[start] = (ts, te, key)
                    break
        return out

    @staticmethod
    def _reaches(doc: Doc, sents: Sentences, stops: list[int], rule, ts: int, te: int, start: int, end: int) -> bool:
        if te <= start and rule.direction in ("forward", "both"):
            lo, hi = te, start
            if rule.opens_statement:
                # "?" ends its sentence: it reaches the statement right after it, when it opens one
                before = doc[ts - 1] if ts > 0 else None
                glued = not doc[ts].whitespace_
                opening = before is None or before.is_punct or before.is_space or "\n" in before.text_with_ws
                if not (glued or opening) or sents.of[start] != sents.of[te]:
                    return False
            elif sents.of[ts] != sents.of[start]:
                return False
        elif ts >= end and rule.direction in ("backward", "both"):
            lo, hi = end, ts
            if sents.of[ts] != sents.of[start]:
                return False
        else:
            return False
        if hi - lo > rule.max_scope:
            return False
        if rule.stops_at_comma and any(doc[i].text == "," for i in range(lo, hi)):
            return False
        k = bisect_left(stops, lo)
        return not (k < len(stops) and stops[k] < hi)
