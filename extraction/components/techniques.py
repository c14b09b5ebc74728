"""Techniques: the vocabulary of techniques.jsonl plus the known mishearings of mishearings.jsonl.

A capital abbreviation is also matched spelled out letter by letter ("n m r", "t e"), the way a
recogniser or a hurried typist writes a spoken abbreviation."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extraction import vocab
from extraction.matching import AnchoredMatcher
from extraction.spans import TECHNIQUES, TechniqueHit, guarded_out, longest, phrase_matcher, put


class TechniqueMatcher:
    """Longest match wins, so "soft tissue mobilization" is one technique, not "mobilization"."""

    def __init__(self, nlp: Language):
        entries = vocab.techniques()
        self.by_id = vocab.technique_by_id()
        self.guarded = {e.id: {t.lower() for t in e.guarded_terms} for e in entries}
        self.states = vocab.words("BARE_TERM_STATE_WORD")
        # "the doorway stretch check", "balance screen", "hop testing": a technique word naming what
        # a check or test looks at is an examination, not the service (token_sets.jsonl)
        self.check_nouns = vocab.words("TECHNIQUE_CHECK_NOUN")
        # "poor balance", "antalgic gait": a bare noun graded by a finding word is what was measured
        # or observed, no service; "trigger points palpated", "TrPs noted": a technique word followed
        # by a finding participle names what the hands found, not what they did (token_sets.jsonl)
        self.finding_before = vocab.words("BARE_TERM_FINDING_BEFORE")
        self.finding_after = vocab.words("TECHNIQUE_FINDING_AFTER")
        folded = [
            (f"techniques/{e.id}", [t for t in e.terms if t not in e.case_sensitive] + e.spelled() + e.hyphenated()
             + vocab.homophone_variants(t for t in e.terms if t not in e.case_sensitive)) for e in entries
        ] + [
            (f"mishearings/{m.id}", m.heard)
            for m in vocab.load("mishearings.jsonl")
            if m.kind == "technique"  # type: ignore[attr-defined]
        ]
        self.lower = phrase_matcher(nlp, folded)
        self.exact = phrase_matcher(nlp, [(f"techniques/{e.id}", vocab.cased_forms(e.case_sensitive)) for e in entries], attr="ORTH")
        # Names that hold a technique word but are no service (an outcome measure, a diagnosis):
        # they compete for the longest match, and the words they cover are no technique.
        blockers = vocab.load("not_services.jsonl")
        self.blocker_lower = phrase_matcher(nlp, [(f"not_services/{b.id}", b.terms) for b in blockers])  # type: ignore[attr-defined]
        self.blocker_exact = phrase_matcher(nlp, [(f"not_services/{b.id}", vocab.cased_forms(b.case_sensitive)) for b in blockers], attr="ORTH")  # type: ignore[attr-defined]
        self.blocker_patterns = AnchoredMatcher(
            nlp.vocab, [(f"not_services/{b.id}", vocab.expand_pattern(b.pattern)) for b in blockers if b.pattern]  # type: ignore[attr-defined]
        )
        self.target = {f"techniques/{e.id}": e.id for e in entries} | {
            f"mishearings/{m.id}": m.target for m in vocab.load("mishearings.jsonl") if m.kind == "technique"  # type: ignore[attr-defined]
        }

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        raw = [(strings[k], s, e) for k, s, e in self.lower(doc)] + [(strings[k], s, e) for k, s, e in self.exact(doc)]
        raw += [(strings[k], s, e) for m in (self.blocker_lower, self.blocker_exact, self.blocker_patterns) for k, s, e in m(doc)]
        found = []
        for key, start, end in longest(raw, join=True):
            if key.startswith("not_services/"):
                continue
            technique = self.target[key]
            entry = self.by_id[technique]
            guarded = not entry.guarded_terms or doc[start:end].text.lower() in self.guarded[technique]
            if guarded and guarded_out(doc, start, end, entry):
                continue
            if end < len(doc) and doc[end].lower_ in self.check_nouns:
                continue
            if entry.guarded_terms and guarded and end < len(doc) and doc[end].lower_ in self.states:
                continue  # "gait smoother", "balance improved": a bare noun said as a state, no service
            if entry.guarded_terms and guarded and start > 0 and doc[start - 1].lower_ in self.finding_before:
                continue  # "poor balance", "unsteady gait": a graded finding, no service
            if end < len(doc) and doc[end].lower_ in self.finding_after:
                continue  # "trigger points palpated": a finding, no service
            if _inside_longer_spelling(doc, start, end):
                continue  # "M C P's", "P T A": letters of a longer abbreviation spelled out, not "CP" or "TA"
            found.append((doc[start:end], TechniqueHit(rule_id=key, technique=technique)))
        if any(span.text.isdigit() for span, _ in found):
            found = _codes_as_fallback(found)
        put(doc, TECHNIQUES, found)
        return doc


_NOT_SPELLED_NEIGHBOURS = {"a", "i", "l", "r"}  # a word, a pronoun, the sides: no letter of an abbreviation


def _letter(tok) -> bool:
    return len(tok.text) == 1 and tok.is_alpha and tok.lower_ not in _NOT_SPELLED_NEIGHBOURS


def _inside_longer_spelling(doc: Doc, start: int, end: int) -> bool:
    """A technique abbreviation spelled letter by letter ("C P", "T A") with another spelled letter
    right before or after it: the letters spell a longer abbreviation ("M C P", "P T A"), and the
    technique's is only a part of it."""
    if end - start < 2 or not all(len(t.text) == 1 and t.is_alpha for t in doc[start:end]):
        return False
    return (start > 0 and _letter(doc[start - 1])) or (end < len(doc) and _letter(doc[end]))


def _codes_as_fallback(found: list) -> list:
    """A CPT code names the service only on a line that names none in words ("97110 per flowsheet
    x25'"). Beside words ("Ther ex (97110) 20 min", a table row "97140 | Swedish to the neck", "the
    flow sheet says 97110 x1, but it was manual 20") the words say what was done: a code there is a
    label, often a template's default, and never a service of its own."""
    worded = {span.sent.start for span, _ in found if not span.text.isdigit()}
    return [(span, hit) for span, hit in found if not (span.text.isdigit() and span.sent.start in worded)]


@Language.factory("scribe_techniques")
def make_techniques(nlp: Language, name: str) -> TechniqueMatcher:
    return TechniqueMatcher(nlp)
