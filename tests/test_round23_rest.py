"""Round 23, the rest (our own phrasings): minutes corrected inside a semicolon list under a timed
heading, a filler and longer wording before a corrected count, a home-program scope ended by a
new subject after 'at home', and an intention never carried out."""

from __future__ import annotations

from tests.reading import lines, run


def test_minutes_corrected_before_a_semicolon_list_keep_the_technique():
    text = ("Gait trng w/ SPC 12 min; 150 ft x3.\n"
            "Then ther ex BLE 15 min - correction, 18 min: seated marches; LAQ 2#; mini squats; heel raises.")
    assert lines(text) == [("97110", 18), ("97116", 12)]


def test_a_filler_and_three_correction_words_before_the_count_meant():
    text = "then soft tissue massage to her left calf fifteen minutes um no sorry make that twenty"
    assert [t.minutes for t in run(text).treatments] == [20]


def test_a_home_program_scope_ends_where_a_new_subject_follows_at_home():
    text = ("I asked her to keep doing the band rows at home the left shoulder got "
            "manual therapy twelve minutes")
    treatments = run(text).treatments
    assert [(t.cpt, t.minutes) for t in treatments] == [("97140", 12)]
    assert any("shoulder" in str(a) for a in treatments[0].areas)


def test_an_intended_modality_not_given_is_not_billed():
    text = ("Therapeutic exercise 25 minutes for the knee. We had intended to apply ice afterwards "
            "but he had to leave.")
    assert lines(text) == [("97110", 25)]
