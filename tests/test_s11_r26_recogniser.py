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
