"""Issue 13, round 8 (r12a): notes exported from an EMR or a note app as markdown.

Phrasings written here, none from any corpus. Classes: a markdown table row is one service's
clause whose header says which cell holds minutes (a bare "12" under "Minutes" is 12 minutes, a
"3 x 10" under "Sets x Reps" is none); the header row names columns, no service; markdown markup
round a heading ("## Plan", "**Objective:**") is layout, and a heading may stand alone on its line
without a colon; a billing summary is the clinician's own coding, not documentation, so its codes,
units and minutes start and time no service; a row's minutes are no session length of the words
on the next line; "lat"/"med" before "pterygoid" are the jaw's muscles, not the lats.
"""

from __future__ import annotations

from extraction import extract
from extraction.components.tables import header_rows, minute_cells, table_rows
from models import Region, Transcript


def ex(text: str):
    return extract(Transcript.from_text(text))


def billed(text: str) -> list[tuple[str, int | None]]:
    return sorted((t.cpt, t.minutes) for t in ex(text).treatments)


SERVICES = """## Subjective
Low back ache 6/10 after lifting boxes.

## Treatment
| Service | Minutes | Area |
|---|---|---|
| Soft tissue mobilization | 12 | lumbar paraspinals |
| Ice pack | 10 | low back |
"""


# --- a table row is a clause; its header names the minutes column ------------------------------

def test_a_bare_count_under_a_minutes_header_is_minutes():
    assert billed(SERVICES) == [("97010", 10), ("97140", 12)]


def test_a_count_under_a_sets_and_reps_header_is_no_minutes():
    text = ("**Objective:**\n| Exercise | Sets x Reps | Time |\n|---|---|---|\n"
            "| Mini squats, R knee | 3 x 10 | 14 min |\n| Terminal knee ext w/ band | 2 x 15 | - |\n")
    assert billed(text) == [("97110", 14)]  # no 10, 15 or 3 minutes from the sets and reps


def test_a_dash_in_the_minutes_cell_leaves_the_row_untimed():
    text = ("## Objective\n| Service | Minutes | Area |\n|---|---|---|\n"
            "| Manual therapy, joint mobs | - | L ankle |\n| Balance training on foam | 9 | |\n")
    assert billed(text) == [("97112", 9), ("97140", None)]


def test_the_minutes_column_is_found_by_its_header_not_its_place():
    text = "| Minutes | Service |\n|---|---|\n| 18 | Neuromuscular re-education |\n"
    assert minute_cells(text) == [(text.index("18"), text.index("18") + 2)]
    assert billed(text) == [("97112", 18)]


def test_cells_carry_their_column_kind():
    text = "| Exercise | Sets x Reps | Time | Area |\n|:--|:-:|--:|---|\n| Rows | 2 x 12 | 6 | mid back |\n"
    (row,) = table_rows(text)
    assert [(text[c.start:c.end], c.kind) for c in row] == [
        ("Rows", None), ("2 x 12", "table_counts"), ("6", "table_minutes"), ("mid back", "table_area")]


def test_pipes_without_a_separator_row_are_no_table():
    assert table_rows("| Swedish | 30 |\n| hot pack | 10 |") == []


def test_the_header_row_names_columns_not_a_service():
    text = "| Exercise | Minutes |\n|---|---|\n| Soft tissue mobilization, R calf | 9 |\n"
    assert header_rows(text) == [(0, text.index("\n| Soft"))]
    assert billed(text) == [("97140", 9)]


def test_a_rows_minutes_are_no_session_length_of_the_line_below():
    text = ("| Service | Time |\n|---|---|\n| Myofascial release, L hip | 11 min |\n\n"
            "Visit cut short, pt had a ride waiting.")
    assert billed(text) == [("97140", 11)]


# --- markdown headings, and headings alone on their line -------------------------------------

def test_a_markdown_plan_heading_without_a_colon_plans():
    text = "## Treatment\nTher ex 20 min, bridges, clams.\n\n## Plan\nAdd gait training on stairs next week."
    assert billed(text) == [("97110", 20)]


def test_an_uppercase_heading_alone_on_its_line_opens_its_section():
    text = "OBJECTIVE\nManual therapy 15 min to the R hip.\n\nASSESSMENT\nGait less antalgic today."
    assert billed(text) == [("97140", 15)]


def test_a_lone_letter_on_a_line_is_no_heading():
    text = "Neck pain.\nP\nMassage 25 min to the neck and upper traps."
    assert billed(text) == [("97124", 25)]


# --- a billing summary is the clinician's coding ------------------------------------------------

def test_a_billing_summary_adds_no_service_and_no_minutes():
    text = SERVICES + "\n**Billing summary:** 97140 x2, 97010, 97035 x1. Total 30 min = 2 units"
    assert billed(text) == [("97010", 10), ("97140", 12)]


def test_a_billing_summary_heading_in_bold_before_its_colon():
    text = "Swedish massage 40 min, full back.\n\n**Billing summary**: gait training 97116 x1 (15 min)"
    assert billed(text) == [("97124", 40)]


def test_a_plain_billing_line_naming_a_payer_is_untouched():
    text = "Billing: Aetna\nDeep tissue to the low back, 30 min."
    assert [minutes for _, minutes in billed(text)] == [30]


# --- anatomy -----------------------------------------------------------------------------------

def test_lat_and_med_before_pterygoid_are_jaw_muscles():
    areas = [a for t in ex("TMJ pain. Intraoral TrP release, L med + lat pterygoid, 12 min.").treatments for a in t.areas]
    assert {r for a in areas for r in a.regions} == {Region.head}


# --- pain after a hyphenated treatment ----------------------------------------------------------

def test_a_score_post_hyphen_treatment_is_after():
    e = ex("Shoulder 6/10 on arrival.\nCold pack 10 min to the R shoulder.\n- 2/10 post-ice")
    assert (e.pain_before.score, e.pain_after.score) == (6, 2)
