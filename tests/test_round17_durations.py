"""Round 17: minutes lost, MISSING_DURATION raised wrongly, and lines that should not be there.

Each class is a mechanism, fixed once:

1. A time-log heading ("Time:", "Treatment time:", "Total time:") ends the plan section above it:
   its minutes are today's, not planned (sections.jsonl section.performed).
2. An untimed line said earlier is timed by a later block with no area that names the same
   technique ("MFR: ... / Timed: MFR 12 min") or the code's umbrella technique in any spelling
   ("... 18 minutes of manual in all") (linking._fold_bare_mentions).
3. Minutes called the block's total, then a list, make the items' own minutes a breakdown of the
   total, not more of it (linking._totals_a_list, token set BLOCK_TOTAL_WORD).
4. Minutes of rest are no minutes of the service before (token sets REST_WORD, REST_MANNER).
5. A body part said as a height ("at waist height", "to shoulder level") is no area treated
   (areas._names_height; token sets BODY_HEIGHT_WORD, BODY_LEVEL_WORD, HEIGHT_PREPOSITION).
6. In run-on speech a "sentence" of connectors only ("and", "then") does not push an untimed item
   away from the timed heading it belongs to (linking._said_ordinals).
7. A finding word after a technique word is reached across the body areas named between
   ("trigger points R UT and levator w/ referral"): a finding, no service (linking._before_finding).

Phrasings are our own; counter-tests keep the readings each fix must not break."""

from __future__ import annotations

from billing import bill, load_profiles
from models import RuleId
from tests.reading import run


def _flags(text: str, payer: str = "commercial") -> set[RuleId]:
    return {f.id for f in bill(run(text), load_profiles().get(payer)).rule_findings}


def _timed(text: str) -> list[tuple[str, int | None]]:
    """The lines a claim would bill: every treatment but those only named."""
    return sorted((t.cpt, t.minutes) for t in run(text).treatments if not t.named_only)


def _regions(text: str) -> set[str]:
    return {r for t in run(text).treatments for a in t.areas for r in a.regions}


# 1. a time-log heading after the plan ----------------------------------------------------------

def test_time_log_after_plan_is_todays_minutes():
    text = ("S: knee stiff, 3/10.\nTherEx: mini squats 3x10, step-ups 2x12.\nGait training w/ SPC on level ground.\n"
            "P: progress to stairs next week.\nTime: TherEx 24', gait 11'.")
    assert _timed(text) == [("97110", 24), ("97116", 11)]
    assert RuleId.MISSING_DURATION not in _flags(text)


def test_treatment_time_heading_after_plan():
    text = ("Manual: L ankle talocrural mobs gr III.\nPlan: add hopping drills next visit.\n"
            "Treatment time: manual 13 min.")
    assert _timed(text) == [("97140", 13)]


def test_plan_without_a_time_log_stays_planned():
    text = "Ther ex 20 min: clamshells, bridges.\nP: add gait training 10 min next visit."
    assert _timed(text) == [("97110", 20)]


# 2. a later time log names the line again -------------------------------------------------------

def test_time_log_naming_the_same_technique_times_the_line():
    text = ("Trigger point release: R glute med and piriformis, sustained holds 90 s.\n"
            "TherEx: bridges 3x10, clamshells 2x15.\n"
            "Timed: trigger point release 12 min, TherEx 15 min.")
    assert _timed(text) == [("97110", 15), ("97140", 12)]
    assert RuleId.MISSING_DURATION not in _flags(text)


def test_umbrella_in_short_spelling_times_the_techniques_before_it():
    text = ("Started with PA glides to the thoracic spine, grade III, and STM to the rhomboids, "
            "18 minutes of manual in all. Then ther ex 12 minutes: rows and wall angels.")
    assert _timed(text) == [("97110", 12), ("97140", 18)]
    assert RuleId.MISSING_DURATION not in _flags(text)


def test_after_manual_still_names_the_next_service():
    text = ("Manual therapy L shoulder: GH mobs, STM posterior cuff [10 min]\n"
            "After manual - therapeutic activities: reaching to shelf, carrying a tray [16 min]")
    assert _timed(text) == [("97140", 10), ("97530", 16)]


# 3. minutes called a total, then a list -----------------------------------------------------------

def test_item_minutes_inside_a_totalled_list_are_a_breakdown():
    text = "Ther ex 30 min total: NuStep 10 min, bridges 3x10, clamshells 2x15. Gait 10 min with the cane."
    assert _timed(text) == [("97110", 30), ("97116", 10)]


def test_overall_with_a_dash_opens_a_breakdown():
    text = "NMR 25 min overall - tandem stance 10 min, foam stance, step-overs."
    assert _timed(text) == [("97112", 25)]


def test_total_ending_its_sentence_does_not_swallow_the_next_block():
    text = "Ther ex 15 min total. NuStep 8 min after that for conditioning."
    assert sum(m for c, m in _timed(text) if c == "97110") == 23


# 4. minutes of rest ------------------------------------------------------------------------------

def test_minutes_of_rest_after_a_spell_are_no_service_minutes():
    text = ("Gait training 15 min in the hallway with the walker. Got lightheaded, "
            "symptoms settled after 5 min supine rest, BP rechecked.")
    assert _timed(text) == [("97116", 15)]


def test_rested_for_minutes_is_no_service_minutes():
    text = "NMR 12 min on foam and tandem. She rested for ten minutes before going home."
    assert _timed(text) == [("97112", 12)]


def test_minutes_after_a_service_without_rest_still_continue_it():
    text = "Balance drills on foam, 10 min. Another 5 minutes on the rocker board."
    assert sum(m for c, m in _timed(text) if c == "97112") == 15


# 5. a body part said as a height -------------------------------------------------------------------

def test_heights_name_no_area_treated():
    text = ("L knee pain 3/10. Therapeutic activities 20 min: lifting a crate to waist height, "
            "placing cups on a shelf at shoulder level, carrying groceries.")
    assert "upper_extremity" not in _regions(text)
    assert "abdomen" not in _regions(text) and "pelvic" not in _regions(text)


def test_area_worked_still_an_area():
    text = "STM to the right shoulder 12 min, then AROM at the shoulder 10 min."
    assert "upper_extremity" in _regions(text)


def test_spinal_level_is_no_height():
    text = "Lumbar mobs at the L4 level, grade III, 12 minutes."
    assert "lumbar" in _regions(text)


# 6. connector sentences in run-on speech -----------------------------------------------------------

def test_connector_fragment_does_not_split_a_timed_heading_from_its_item():
    text = ("okay so manual therapy first soft tissue to the right shoulder twelve minutes then "
            "after that therapeutic activities twelve minutes um carrying a laundry basket to the "
            "table and then overhead reaching with the right arm to the top shelf he did well")
    assert RuleId.MISSING_DURATION not in _flags(text, "medicare")
    assert sorted(c for c, _ in _timed(text)) == ["97140", "97530"]


# 7. a finding word across the areas named -----------------------------------------------------------

def test_trigger_points_with_referral_are_a_finding():
    text = ("O: trigger points L UT and levator w/ referral to the temple. Spurling neg.\n"
            "STM L upper trap and levator 12 min. TherEx 10 min: chin tucks, rows.")
    assert _timed(text) == [("97110", 10), ("97140", 12)]
    assert RuleId.MISSING_DURATION not in _flags(text)


def test_trigger_point_release_with_minutes_is_a_service():
    text = "Trigger point release L UT and levator 10 min. TherEx 10 min chin tucks."
    assert _timed(text) == [("97110", 10), ("97140", 10)]
