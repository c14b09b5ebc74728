"""Round 26 (w131 voice): raw phone recogniser output with no punctuation. Each test words a
class of reading error in its own phrasing: a score closed by a discourse marker, an after-score
said of an area after a service's minutes, absence lists that end before the service, homophones
of area and side words recovered only where the term's other words settle them."""

from extraction.extract import extract
from models import PainTiming, Transcript


def _facts(text: str):
    return extract(Transcript(text=text)).facts


def _pain(text: str) -> list[tuple[int, PainTiming]]:
    return [(f.score, f.timing) for f in _facts(text) if f.kind == "pain"]


def test_score_followed_by_okay_is_still_read():
    text = ("neck pain six out of ten trigger point work to the neck twenty minutes after she said "
            "the neck was a three okay done")
    assert (3, PainTiming.after) in _pain(text)


def test_score_followed_by_alright_is_still_read():
    text = "upper back stiff four out of ten massage twenty minutes afterwards back was a one alright next"
    assert (1, PainTiming.after) in _pain(text)


def _areas_of(text: str, cpt: str) -> set[str]:
    return {a.area for t in extract(Transcript(text=text)).treatments if t.cpt == cpt for a in t.areas}


def test_area_before_an_after_score_rates_the_outcome_not_the_last_service():
    text = ("right knee sore since friday four out of ten joint mobilization right knee fifteen minutes "
            "then massage to the low back ten minutes knee one out of ten after")
    assert _areas_of(text, "97124") == {"low_back"}


def test_area_before_a_down_to_score_is_the_outcome_too():
    text = ("neck tight five out of ten massage to the neck twenty minutes then stretching hamstrings "
            "ten minutes neck down to two at the end")
    assert "neck" not in _areas_of(text, "97110")


def _regions(text: str) -> set[str]:
    return {r.value for t in extract(Transcript(text=text)).treatments for a in t.areas for r in a.regions}


def test_lumber_inside_an_area_term_is_the_lumbar_spine():
    text = "deep tissue to the lumber paraspinals both sides twenty five minutes"
    assert _regions(text) == {"lumbar"}


def test_lumber_alone_is_not_an_area():
    text = "he hurt his shoulder carrying lumber massage to the shoulder twenty minutes"
    assert "lumbar" not in _regions(text)


def test_write_before_an_area_is_the_right_side():
    facts = _facts("numbness down the write leg since monday")
    sides = {f.laterality.value for f in facts if f.kind == "area" and f.area == "leg"}
    assert sides == {"right"}


def test_write_not_before_an_area_is_no_side():
    facts = _facts("i will write the home program for her left knee")
    sides = {f.laterality.value for f in facts if f.kind == "area" and f.area == "knee"}
    assert sides == {"left"}


def test_every_homophone_target_is_a_word_of_some_term():
    from extraction import vocab
    words = {w.lower() for e in vocab.areas() for t in e.terms for w in t.split()}
    words |= {w.lower() for r in vocab.load("laterality.jsonl") for t in r.terms for w in t.split()}
    for m in vocab.load("mishearings.jsonl"):
        if m.kind == "homophone":
            assert m.target in words, m.id


def _context_of(text: str, kind: str) -> set[str]:
    return {f.context.value for f in _facts(text) if f.kind == kind}


def test_denials_end_at_a_no_complaints_statement_before_the_service():
    text = "regular client no aches no complaints hot stone massage full body seventy five minutes"
    assert _context_of(text, "technique") == {"performed"}
    assert "performed" in _context_of(text, "area")


def test_a_denial_with_no_absence_statement_still_reaches_on():
    text = "no deep tissue today she declined"
    assert _context_of(text, "technique") == {"negated"}


def test_no_complaints_of_pain_keeps_the_pain_denied():
    text = "in for relaxation no complaints of pain full body Swedish sixty minutes"
    assert _context_of(text, "condition") == {"negated"}
