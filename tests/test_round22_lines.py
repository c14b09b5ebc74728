"""Round 22 (paraphrases): minutes that attach in one wording must attach in its retelling too."""

from extraction import extract
from extraction.components.clauses import unpunctuated
from extraction.pipeline import load_pipeline
from models import Transcript


def _minutes(text: str) -> dict[str, int | None]:
    return {t.technique: t.minutes for t in extract(Transcript.from_text(text)).treatments}


def test_a_note_typed_a_sentence_a_line_is_not_a_run_on():
    # no punctuation anywhere, but every line is a sentence: "half an hour" stays with its massage
    text = ("he left the clinic at a three out of ten and walking better\n"
            "the booking was an hour and he was on the table the whole hour\n"
            "he showed up with pain in the hip and the thigh rated 6/10\n"
            "the thigh got half an hour of deep tissue and then I did twenty minutes of myofascial release on the hip\n")
    assert _minutes(text) == {"deep_tissue_massage": 30, "myofascial_release": 20}


def test_one_long_unpunctuated_line_is_still_a_run_on():
    nlp = load_pipeline()
    words = " ".join(["we did some swedish massage on the back and then some stretching of the hamstrings"] * 3)
    assert unpunctuated(nlp.make_doc(words))
    lines = "\n".join(["we did some swedish on the back", "then stretching for the hamstrings"] * 3)
    assert not unpunctuated(nlp.make_doc(lines))


def test_halves_told_in_two_sentences_each_get_half():
    text = ("She was with me forty minutes in the room. I spent half on deep tissue to her right calf, no sorry, "
            "the left calf; the right one is fine. The other half was Swedish on her upper back.")
    assert _minutes(text) == {"deep_tissue_massage": 20, "swedish_massage": 20}


def test_a_lone_half_far_from_its_pair_is_no_split():
    # "half" with no second half near it reads no share of the session
    text = ("Forty minutes in the room. Half on myofascial release to the neck. She talked about her kids. "
            "The dog is sick. Her sister visits. We joked about the half marathon.")
    assert _minutes(text).get("myofascial_release") is None
