"""Round 22 (lines, part 2): the same minutes read however the note is retold."""

from extraction import extract
from models import Transcript


def _minutes(text: str) -> dict[str, int | None]:
    return {t.technique: t.minutes for t in extract(Transcript.from_text(text)).treatments}


def test_total_of_treatment_split_into_ordered_parts():
    got = _minutes("Low back pain. Thirty minutes of treatment in three parts: the first ten were Swedish massage "
                   "to the lumbar paraspinals; the next ten were lumbar PA mobilizations; the last ten were "
                   "therapeutic exercise, bridges and bird dogs.")
    assert 10 in [m for k, m in got.items() if "mobilization" in k]
    assert got.get("therapeutic_exercise") == 10
    assert list(got.values()).count(10) == 3


def test_hands_on_total_with_first_and_other_part():
    got = _minutes("Forty minutes of hands-on: the first fifteen were trigger point work on the upper traps, "
                   "and the other twenty-five were Swedish massage on the back.")
    assert got.get("swedish_massage") == 25
    assert 15 in got.values()


def test_clock_range_in_a_step_opened_by_a_break_word_goes_to_the_next_technique():
    got = _minutes("From 2:00 to 2:20 I did manual therapy on the left shoulder. After that we moved to "
                   "another block, 2:20 to 2:35, therapeutic exercise: rows and wall slides.")
    assert got.get("manual_therapy") == 20
    assert got.get("therapeutic_exercise") == 15


def test_technique_named_as_finished_is_a_time_mark_not_a_service():
    got = _minutes("Hot pack on the low back first, 10 minutes. Once the hot pack came off I spent twelve "
                   "minutes with my hands on the same area: lumbar PA mobilizations.")
    assert 12 in [m for k, m in got.items() if k != "hot_cold_pack"]
    assert got.get("hot_cold_pack") == 10


def test_minutes_before_a_technique_named_as_a_time_mark_stay_with_their_own_step():
    got = _minutes("Knee mobs, AP glides - 10 min. Step-ups, low box then high box - 5 min, after the mobs.")
    assert sorted(m for m in got.values() if m) == [5, 10]
