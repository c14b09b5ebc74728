"""Notes pasted from software and spreadsheets, round 15 (issue 13). Phrasings our own.

Classes: cells parted by bars or CSV commas with no blank between them; elapsed times written
h:mm, hh:mm:ss or mm:ss in a duration column or after a duration label (never a time of day
said with "at"); totals rows that sum the rows and are no service; start/stop columns of clock
times; a time column opening each row that is not a transcript's timestamps (while a real
transcript's stamps still come off); a time cell that says the row was not done; a flowsheet
row whose time leads its list; "sit<->stand"; "pt performed" on a pasted row.
Each class has a counter-test where the other reading stands.
"""

from __future__ import annotations

import pytest

from extraction import service_format
from tests.reading import lines, run


@pytest.mark.parametrize(
    "text, expected",
    [
        # bars with no blanks round them, a stopwatch reading in the last cell
        ("CPT|service|time\n97110|hip abduction sidelying + bridges|0:14\n97140|R SI joint mobs|0:09\n",
         [("97110", 14), ("97140", 9)]),
        # CSV with hh:mm:ss and a totals row
        ("Svc,Area,Duration\nSwedish massage,upper back,00:25:00\nMyofascial release,L pec minor,00:11:00\nTOTAL,,00:36:00\n",
         [("97124", 25), ("97140", 11)]),
        # an hour written with seconds, in a bullet
        ("reason: sore after a long flight, neck and low back pain 5/10\n- deep tissue massage, back and neck - 1:00:00\n",
         [("97124", 60)]),
    ],
)
def test_pasted_rows_and_stopwatch_readings(text, expected):
    assert lines(text) == expected


def test_hours_in_a_column_that_says_h_mm():
    text = ("CODE | SERVICE | AREA | DUR\n"
            "97124 | Swedish | full back + hamstrings | 1:10\n"
            "97140 | trigger point | L QL | 0:08\n"
            "TOTAL | | | 1:18\n"
            "Low back 6/10 before, 3/10 after.")
    assert lines(text) == [("97124", 70), ("97140", 8)]


def test_a_duration_label_before_h_mm():
    text = "Hot stone massage to the back for low back pain 4/10.\nDuration: 1:15\nPain after 2/10."
    assert lines(text) == [("97124", 75)]


def test_a_time_of_day_is_no_duration():
    # counter-test: "at 1:15" and a bare "1:05" outside a duration column are times of day
    text = "Client arrived at 1:15 for deep tissue to the low back, 30 minutes. Next appt Tuesday 1:05."
    assert lines(text) == [("97124", 30)]


def test_h_mm_under_a_time_column_of_a_schedule_is_not_an_hour():
    # counter-test: "Time" may be a time of day; only 0:xx or a reading with seconds is elapsed there
    text = "| Time | Service |\n|---|---|\n| 1:30 | Swedish massage, neck and shoulders, 45 min |\n"
    assert lines(text) == [("97124", 45)]


def test_totals_row_is_the_session_not_a_service():
    text = ("Service\tArea\thh:mm:ss\n"
            "Trigger point (manual)\tR levator\t00:10:00\n"
            "Swedish\tthoracic paraspinals\t00:25:00\n"
            "TOTAL\t\t00:35:00\n"
            "Neck pain 5/10 pre, 3/10 post.")
    r = run(text)
    assert sorted((t.cpt, t.minutes) for t in r.treatments) == [("97124", 25), ("97140", 10)]
    assert r.session_minutes == 35


def test_start_stop_columns():
    text = ("Service                        Start  Stop   CPT\n"
            "Ther ex: clamshells, bridges   14:05  14:27  97110\n"
            "Gait training w/ rolling walker 14:27 14:41  97116\n")
    assert lines(text) == [("97110", 22), ("97116", 14)]


def test_start_stop_before_a_service_on_its_row():
    text = "Actual:\n  start 10:10  stop 10:32  Swedish massage to the upper back\nNeck 5/10 -> 3/10."
    assert lines(text) == [("97124", 22)]


def test_clock_in_and_out_stay_the_visit():
    # counter-test: a clinician's clock-in and clock-out with no service on the row are the visit's
    r = run("Time in 1400, time out 1450.\nTherEx 25 min: bridges, clamshells. Manual therapy to L knee 15 min.")
    assert sorted((t.cpt, t.minutes) for t in r.treatments) == [("97110", 25), ("97140", 15)]


def test_a_time_column_is_no_transcript():
    text = ("time      | code  | detail\n"
            "00:18:00  | 97110 | knee ext, SLR, mini squats\n"
            "00:10:00  | 97140 | patellar mobs, L knee\n")
    assert service_format.read(text) is None
    assert lines(text) == [("97110", 18), ("97140", 10)]


def test_a_real_transcript_still_loses_its_stamps():
    # counter-test: stamps that only go forward are a recording's positions, never minutes
    text = ("[00:00:04] Okay so this is Mrs. Lee, neck pain about a six today.\n"
            "[00:00:19] Did Swedish to the neck and upper back, twenty minutes.\n"
            "[00:00:41] She said it was a three after.\n")
    edited = service_format.read(text)
    assert edited is not None and "00:00" not in edited.text
    assert lines(text) == [("97124", 20)]


def test_a_time_cell_that_says_declined():
    text = ("| Technique        | Area                  | Time      |\n"
            "| Swedish          | neck + shoulders      | 0:30      |\n"
            "| Hot pack         | low back              | declined  |\n"
            "Neck 4/10 in, 2/10 out.")
    assert lines(text) == [("97124", 30)]


def test_a_leading_row_time_takes_the_whole_functional_list():
    text = ("13:00-13:20  97530  sit<->stand from mat, step-ups to 6\" box, floor transfers\n"
            "L hip 4/10 before, 2/10 after.")
    assert lines(text) == [("97530", 20)]


def test_sit_arrow_stand_reads_as_a_task():
    assert lines("Sit<->stand x10 from a low chair, 12 min. Hip pain 3/10 after.") == [("97530", 12)]


def test_pt_performed_stretch_on_a_row_is_exercise():
    text = ("Svc | Area | Dur\n"
            "Instrument-assisted STM | R plantar fascia | 0:10\n"
            "Gastroc stretching, pt performed | R calf | 0:09\n")
    assert lines(text) == [("97110", 9), ("97140", 10)]


def test_a_comma_inside_a_number_stays():
    # counter-test: "1,200" keeps its comma; it is no pair of cells
    assert lines("Rowing 1,200 m warm-up then ther ex 20 min: bridges and squats.") == [("97110", 20)]
