"""Extraction at scale and the shortcuts that make it fast: a very long dictation completes with
valid evidence, the anchored matcher finds exactly what spaCy's Matcher finds, and a range
typed with a dash is a range."""

from __future__ import annotations

import random

import pytest
from spacy.matcher import Matcher

from billing import bill, load_profiles
from extraction import draft_soap, extract, load_pipeline, vocab
from extraction.matching import AnchoredMatcher
from models import RuleId, Transcript


def _check_evidence(text: str, facts) -> None:
    for fact in facts:
        ev = fact.evidence
        assert 0 <= ev.char_start <= ev.char_end <= len(text)
        assert text[ev.char_start : ev.char_end] == ev.text


@pytest.mark.parametrize("unit", ["massage {n} min trigger point, ", "massage {n} "])
def test_a_50000_word_dictation_completes_with_valid_evidence(unit):
    """Every component used to rescan the note per match; now the cost grows with the length."""
    text = "".join(unit.format(n=i % 60 + 1) for i in range(50_000 // len(unit.split())))
    transcript = Transcript.from_text(text)
    extraction = extract(transcript)
    assert len(extraction.facts) > 10_000
    _check_evidence(text, extraction.facts)
    assert extraction.treatments
    for treatment in extraction.treatments:
        for ev in treatment.evidence:
            assert text[ev.char_start : ev.char_end] == ev.text
    draft_soap(transcript, extraction)
    claim = bill(extraction, load_profiles().get("commercial")).claim
    assert claim.lines or claim.pending


@pytest.mark.parametrize(
    "text",
    [
        "Swedish massage 10–15 minutes to the back.",
        "Swedish massage 10—15 minutes to the back.",
        "Swedish massage 10-15 min to the back.",
        "Swedish massage 10–15min to the back.",
        "Swedish massage 10 to 15 minutes to the back.",
    ],
)
def test_a_dashed_range_is_a_range_keeping_the_lower_value(text):
    extraction = extract(Transcript.from_text(text))
    (duration,) = extraction.facts_of("duration")
    assert (duration.minutes, duration.minutes_max) == (10, 15)
    (treatment,) = extraction.treatments
    assert treatment.minutes == 10
    assert [f.id for f in extraction.rule_findings] == [RuleId.DURATION_RANGE]


def test_a_dashed_clock_range_is_a_clock_range():
    (duration,) = extract(Transcript.from_text("Swedish from 2:10–2:40 to the back")).facts_of("duration")
    assert (duration.minutes, duration.minutes_max) == (30, None)


_WORDS = (
    "massage 10 15 minutes min mins hour hr an a half quarter of three 7/10 710 out of ten over pain from to "
    "2:10 2:40 pm am - – , . rated it a four between and scale on the 1 30 down then x15 before after she "
    "said was came in at followed by more additional sessions days"
).split()


def _pattern_words(rules) -> list[str]:
    """The words the rules look for, so that random text made of them matches often."""
    words = []
    for _, pattern in rules:
        for spec in pattern:
            for key, value in spec.items():
                if key in ("LOWER", "NORM", "ORTH"):
                    words += value["IN"] if isinstance(value, dict) else [value]
    return words


_FLAG_WORDS = {"IS_PUNCT": ",", "IS_ALPHA": "word", "IS_TITLE": "Smith", "IS_DIGIT": "7", "LIKE_NUM": "seven",
               "IS_SPACE": ""}  # an empty word joined by blanks is a run of blanks: a space token


def _realize(pattern, rng: random.Random) -> list[str]:
    """Words one rule matches (optional tokens kept or left at random), so that every doc made
    with one planted holds at least one match whatever the size of the word pool."""
    out = []
    for spec in pattern:
        op = spec.get("OP")
        for _ in range(rng.choice([0, 1]) if op in ("?", "*") else rng.choice([1, 2]) if op == "+" else 1):
            key, value = next((k, v) for k, v in spec.items() if k != "OP")
            if key in _FLAG_WORDS:
                out.append(_FLAG_WORDS[key])
            else:
                out.append(rng.choice(value["IN"]) if isinstance(value, dict) else value)
    return out


@pytest.mark.parametrize(
    "rules_file", ["durations.jsonl", "pain.jsonl", "clauses.jsonl", "context.jsonl", "not_services.jsonl"]
)
def test_anchored_matcher_finds_what_the_spacy_matcher_finds(rules_file):
    """Including "*" and "+" tokens and token flags (IS_PUNCT, IS_ALPHA), which the context and
    not-service rules use: every shipped rule takes the anchored path and gives the same matches."""
    nlp = load_pipeline()
    rules = [(r.id, vocab.expand_pattern(r.pattern)) for r in vocab.load(rules_file) if getattr(r, "pattern", None)]
    reference = Matcher(nlp.vocab)
    for key, pattern in rules:
        reference.add(key, [pattern])
    anchored = AnchoredMatcher(nlp.vocab, rules)
    assert anchored.simple  # the shipped rules all take the fast path
    rng = random.Random(11)
    words = _WORDS + _pattern_words(rules) + ["!", "?", "...", "-", "Smith", "Dr.", "x"]
    upstream = [proc for name, proc in nlp.pipeline if name in ("scribe_sentences", "scribe_numbers")]
    matched = 0
    for n in range(600):
        text = [rng.choice(words) for _ in range(rng.randint(1, 40))]
        if n % 2:  # half the docs hold a planted match of a random rule, among random words
            at = rng.randrange(len(text) + 1)
            text[at:at] = _realize(rng.choice(rules)[1], rng)
        doc = nlp.make_doc(" ".join(text))
        for proc in upstream:
            doc = proc(doc)
        expected = sorted(reference(doc), key=lambda m: (m[1], m[2]))  # stable: rule order within a span
        assert anchored(doc) == expected, doc.text
        matched += bool(expected)
    assert matched > 100  # the comparison saw matches, not only empty lists


def test_anchored_matcher_star_and_plus_match_as_spacy_does():
    nlp = load_pipeline()
    rules = [
        ("star", [{"LOWER": "a"}, {"IS_PUNCT": True, "OP": "*"}, {"LOWER": "b"}]),
        ("plus", [{"LOWER": "c"}, {"LOWER": "d", "OP": "+"}]),
        ("star_end", [{"LOWER": "e"}, {"IS_ALPHA": True, "OP": "*"}]),
        ("star_first", [{"LOWER": "f", "OP": "*"}, {"LOWER": "g"}]),  # no bounded head: spaCy's Matcher
    ]
    reference = Matcher(nlp.vocab)
    for key, pattern in rules:
        reference.add(key, [pattern])
    anchored = AnchoredMatcher(nlp.vocab, rules)
    assert not anchored.simple
    for text in ["a , ; b", "a b", "a x b", "c d d d", "c", "e one two 3 three", "f f g g", "a , b c d e f g"]:
        doc = nlp.make_doc(text)
        assert anchored(doc) == sorted(reference(doc), key=lambda m: (m[1], m[2])), text