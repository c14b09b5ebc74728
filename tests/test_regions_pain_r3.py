"""Issue 13 round 3: body regions and pain timing, in phrasings of our own."""

from __future__ import annotations

from extraction.extract import extract
from models import PainTiming, Transcript


def _run(text: str):
    return extract(Transcript(text=text))


def _regions(tr) -> set[str]:
    return {r.value for a in tr.areas for r in a.regions}


def _by_cpt(ex, cpt: str):
    return [t for t in ex.treatments if t.cpt == cpt]


def test_spinal_junction_shorthand_covers_both_regions():
    ex = _run("Swedish to T/L paraspinals 30 min. Trigger point work C/T junction 10 min.")
    assert _regions(_by_cpt(ex, "97124")[0]) == {"thoracic", "lumbar"}
    assert _regions(_by_cpt(ex, "97140")[0]) == {"cervical", "thoracic"}


def test_plus_sign_joins_areas_that_share_a_head_noun():
    ex = _run("Deep tissue upper + lower back, 40 minutes.")
    assert _regions(ex.treatments[0]) == {"thoracic", "lumbar"}


def test_an_area_avoided_is_not_treated():
    ex = _run("Thirty minutes of Swedish to both legs, avoiding the left arm because of the port.")
    assert _regions(ex.treatments[0]) == {"lower_extremity"}


def test_a_bare_tissue_word_repeats_the_narrower_area_before_it():
    ex = _run("Swedish massage to the lumbar area for 25 minutes to loosen the erectors.")
    assert _regions(ex.treatments[0]) == {"lumbar"}


def test_a_bare_tissue_word_alone_still_means_the_back():
    ex = _run("Swedish massage to the paraspinals for 25 minutes.")
    assert _regions(ex.treatments[0]) == {"thoracic", "lumbar"}


def test_an_area_opening_a_row_belongs_to_the_technique_it_names():
    ex = _run("Tx: Swedish - glutes - 30 min\n    Scalene MFR - 8 min\n")
    assert _regions(_by_cpt(ex, "97124")[0]) == {"pelvic"}
    assert _regions(_by_cpt(ex, "97140")[0]) == {"cervical"}


def test_an_area_after_a_technique_in_running_speech_stays_with_it():
    ex = _run("Did Swedish to the low back trigger point on the glute for a total of forty minutes.")
    assert _regions(_by_cpt(ex, "97124")[0]) == {"lumbar"}


def test_suboccipital_release_is_manual_therapy_on_the_neck():
    ex = _run("Suboccipital release for 10 minutes, then Swedish to the shoulders 20 minutes.")
    mt = _by_cpt(ex, "97140")
    assert mt and mt[0].minutes == 10 and _regions(mt[0]) == {"cervical"}


def test_an_exercise_named_after_a_part_does_not_add_it_beside_a_treated_area():
    ex = _run("Therapeutic exercise for the right knee 20 minutes including glute bridges and calf raises.")
    assert _regions(ex.treatments[0]) == {"lower_extremity"}


def test_after_with_a_comma_opens_the_after_score():
    ex = _run("Knee 5/10 coming in. Manual therapy 15 min to the knee. "
              "After, he told me the knee was a 2/10 and he walked out feeling better doing a stretch.")
    assert ex.pain_before.score == 5
    assert ex.pain_after is not None and ex.pain_after.score == 2


def test_a_score_when_the_session_finished_is_after():
    ex = _run("She rated her neck a seven. Massage to the neck 30 minutes, then trigger point work 10 minutes. "
              "She reported 3/10 when we were done. Home stretches reviewed.")
    assert ex.pain_after is not None and ex.pain_after.score == 3
    assert ex.pain_after.timing == PainTiming.after
