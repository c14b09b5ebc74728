"""Round 23 (second-language retellings, verbal handoffs): the same facts read in every wording."""

from extraction import extract
from models import Transcript


def _ex(text: str):
    return extract(Transcript.from_text(text))


def _minutes(text: str) -> dict[str, int | None]:
    return {t.technique: t.minutes for t in _ex(text).treatments}


def test_a_share_of_a_total_said_of_a_technique_is_its_minutes():
    text = ("We had him in the gym fifty minutes all told, and forty-five of those went to gait training "
            "with the rolling walker down the hallway.")
    assert _minutes(text) == {"gait_training": 45}


def test_minutes_said_before_the_first_service_of_the_sentence_are_its_own():
    text = ("I spent fifteen minutes on her low back, mostly the right side and then up along the spine: "
            "myofascial release and trigger point on the paraspinals, slowly.")
    assert set(_minutes(text).values()) == {15}
    # once a service has been told, minutes alone in a clause still belong to what came before
    told = "Swedish to the back 30 min. Then she rested for ten minutes and then I did cupping on the shoulders."
    assert _minutes(told).get("swedish_massage") == 30


def test_minutes_of_ice_or_heat_are_the_pack():
    assert _minutes("Finished with twelve minutes of ice on the knee.") == {"hot_cold_pack": 12}
    assert _minutes("Started with fifteen minutes of heat to the neck, then STM 20 min.") == {
        "hot_cold_pack": 15, "soft_tissue_mobilization": 20}
    assert not _ex("History of heat intolerance, so none used. Swedish 30 min to the back.").treatments[0].technique == "hot_cold_pack"


def test_a_subjectless_then_clause_keeps_the_other_providers_actor():
    text = ("Her chiropractor adjusted her low back on Tuesday, then put her on heat for a bit. "
            "Today Swedish to the back 30 min.")
    assert _minutes(text) == {"swedish_massage": 30}
    mine = "Her doctor saw her on Tuesday, then I did Swedish to the back for 30 min."
    assert _minutes(mine) == {"swedish_massage": 30}


def test_start_and_finish_times_said_after_one_technique_are_its_own():
    text = ("Did deep tissue for the shoulders, started at 10:05 and finished at 10:35. "
            "After that, cupping on the upper back, ten minutes.")
    assert _minutes(text) == {"deep_tissue_massage": 30, "cupping": 10}
    visit = "Session started at 1:00 and finished at 2:00. Swedish to the back and neck."
    e = _ex(visit)
    assert e.session_minutes == 60 and [t.minutes for t in e.treatments] == [None]
