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
