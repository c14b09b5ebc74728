"""Session 11, dev25 paraphrases: the same fact read in every wording.

Classes: start and stop times after a comma with the therapist as subject are the technique's
("..., we started at ... and stopped at ..."), as the subjectless form is; a session marker that
takes in the whole technique name after the minutes ("of hands-on work") keeps them the visit's
total; the "and" inside "between N and M minutes" is no list that carries a negation said before
it; a count said before "timed minutes" is the timed total; an untimed technique named again
later among a timed block's techniques is that block; bare minutes between two techniques close
the one before when the one after times itself after its own exercises. Every phrasing is written
here, none from any corpus, each with a counter-test that keeps what must stay.
"""

from __future__ import annotations

from extraction import extract
from models import Transcript


def run(text: str):
    return extract(Transcript.from_text(text))


def rows(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in run(text).treatments)


# -- clock start/stop with the therapist as subject -------------------------------------------------

def test_we_started_and_stopped_times_the_technique_before():
    text = ("Deep tissue to the left calf, we started at 3:40 and stopped at 4:05. "
            "Then 10 minutes of hamstring stretching.")
    assert rows(text) == [("97110", 10), ("97124", 25)]


def test_start_stop_times_with_no_technique_before_stay_the_visits():
    e = run("Client arrived late, we started at 3:40 and stopped at 4:05. Deep tissue to the calf.")
    assert e.session_minutes == 25


# -- a session marker that takes in the technique's name ---------------------------------------------

def test_minutes_of_hands_on_work_split_into_parts_is_the_total():
    text = ("Thirty minutes of hands-on work. The first ten minutes were trigger point work on the "
            "glutes. The rest of the thirty was Swedish on the low back.")
    e = run(text)
    assert e.session_minutes == 30
    assert rows(text) == [("97124", 20), ("97140", 10)]


def test_minutes_of_hands_on_therapy_to_an_area_stay_a_service():
    assert rows("Twenty minutes of hands-on therapy to the right shoulder.") == [("97140", 20)]


# -- a range after a remark that the time was not kept -----------------------------------------------

def test_range_after_not_kept_remark_is_still_read():
    text = "Cupping on the upper back; did not write down the precise time, between twelve and eighteen minutes."
    e = run(text)
    assert [(t.cpt, t.minutes) for t in e.treatments] == [("97140", 12)]
    assert "DURATION_RANGE" in {f.id.value for f in e.rule_findings}


def test_negated_list_still_denies_its_last_item():
    e = run("Did not do ultrasound, traction or ice today. Swedish to the back, 30 minutes.")
    assert rows("Did not do ultrasound, traction or ice today. Swedish to the back, 30 minutes.") == [("97124", 30)]
    assert not any(t.cpt == "97010" for t in e.treatments)


# -- a count before the words of a timed total -------------------------------------------------------

def test_count_before_timed_minutes_is_the_timed_total():
    text = "Eighteen timed minutes: eight of balance work, then ten of gait training, left side."
    e = run(text)
    totals = [f for f in e.facts if f.kind == "duration" and f.session_length]
    assert [(f.minutes, f.timed_total) for f in totals] == [(18, True)]
    assert rows(text) == [("97112", 8), ("97116", 10)]


def test_timed_minutes_heading_without_a_count_still_heads_the_next_count():
    e = run("Timed minutes: 24. Ther ex 12 min, manual therapy 12 min.")
    assert any(f.kind == "duration" and f.timed_total and f.minutes == 24 for f in e.facts)


# -- a technique named among a timed block's techniques ----------------------------------------------

def test_untimed_mention_named_again_inside_a_timed_block_is_that_block():
    from extraction.linking import _names_again

    block = run("STM and trigger point release to the left glute med, fourteen minutes.").treatments[0]
    assert block.technique == "soft_tissue_mobilization"
    said = next(e for e in block.evidence if e.text.startswith("trigger point"))
    # said earlier as "trigger point" alone, on the same area: not every word of it is among the block's
    mention = block.model_copy(update={"technique": "trigger_point_therapy", "minutes": None, "fact_ids": ["t9"],
                                       "evidence": [said.model_copy(update={"text": "trigger point"})]})
    assert _names_again(mention, block)
    other = mention.model_copy(update={"technique": "ultrasound", "evidence": [
        said.model_copy(update={"text": "ultrasound", "rule_id": "techniques/ultrasound"})]})
    assert not _names_again(other, block)


def test_untimed_mention_on_another_region_stays_its_own():
    text = ("Myofascial release to the left foot arch. "
            "Later, joint mobs and myofascial release to the neck, twelve minutes.")
    assert len(run(text).treatments) == 2


# -- bare minutes between techniques in a run-on ----------------------------------------------------

def test_bare_minutes_close_the_technique_before_when_the_next_times_its_exercises():
    text = ("manual therapy left shoulder joint mobs twenty minutes therapeutic exercise is wall slides "
            "and rows eleven minutes then done")
    assert rows(text) == [("97110", 11), ("97140", 20)]


def test_minutes_right_before_a_technique_with_no_later_minutes_are_its_own():
    assert rows("ice to the knee then twenty minutes therapeutic exercise wall slides and rows") == [
        ("97010", None), ("97110", 20)]
