"""The clinic's own vocabulary (issue 18): strict lines, only added words, owner-only, lasting.

Taught lines are read through the same strict model as the shipped mishearings; a phrase that
is already a shipped term of another meaning is refused; a malformed file names its file and
line and loses nothing; and the project's own cases read the same with a taught file present.
"""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from extraction import clinic, extract
from extraction.vocab import Mishearing, PatternFileError
from models import Transcript

REPO = Path(__file__).resolve().parent.parent
NOTE = ("Client reports neck pain 6/10. Did 20 minutes of TPR to the left upper trap and 30 minutes of "
        "Swedish massage to the back. Pain 3/10 after.")


def claim_lines(cli, text: str) -> list[tuple[str, int]]:
    r = cli("process", "-", "--json", stdin=text)
    assert r.code == 0, r.err
    return sorted((l["cpt"], l["units"]) for l in r.json()["claim"]["lines"])


def test_taught_lines_use_the_shipped_strict_model():
    assert issubclass(clinic.ClinicWord, Mishearing)
    good = '{"id": "clinic.tpr", "kind": "technique", "target": "trigger_point_therapy", "heard": ["TPR"]}'
    assert clinic.parse(good)[0].target == "trigger_point_therapy"
    for bad, says in [
        ('{"id": "x", "kind": "technique", "target": "trigger_point_therapy", "heard": ["TPR"], "cpt": "97140"}',
         "Extra inputs"),  # unknown key: extra="forbid", as for shipped files
        ('{"id": "x", "kind": "technique", "target": "reiki", "heard": ["TPR"]}', "unknown technique"),
        ('{"id": "x", "kind": "area", "target": "neck", "heard": ["nk"], "laterality": "up"}', "laterality"),
        ('{"id": "x", "kind": "technique", "target": "massage", "heard": ["TPR"], "laterality": "left"}', "only an area"),
        ('{"id": "x", "kind": "number", "target": "2", "heard": ["to"]}', "kind"),
        ("not json", "line 2"),
    ]:
        with pytest.raises(PatternFileError) as exc:
            clinic.parse("\n" + bad if bad == "not json" else bad, source="clinic.jsonl")
        assert "clinic.jsonl line" in str(exc.value) and says in str(exc.value), str(exc.value)


@pytest.mark.parametrize("phrase, kind, target, reason", [
    ("myofascial", "technique", "massage", "would make it ambiguous"),  # shipped 97140 term
    ("neck", "technique", "trigger_point_therapy", "shipped area term"),
    ("QL", "area", "low_back", "shipped area term"),
    ("massage", "not_billable", "", "would make it ambiguous"),  # cannot switch off a shipped term
    ("upper trap", "area", "upper_trapezius", "nothing to teach"),
])
def test_a_shipped_term_keeps_its_meaning(phrase, kind, target, reason):
    word = clinic.ClinicWord(id="clinic.x", kind=kind, target=target, heard=[phrase])
    assert reason in clinic.conflict(word)


def test_extraction_takes_the_words_as_data_and_only_adds():
    plain = extract(Transcript.from_text(NOTE))
    words = '{"id": "clinic.tpr", "kind": "technique", "target": "trigger_point_therapy", "heard": ["TPR"]}\n'
    taught = extract(Transcript.from_text(NOTE), words)
    assert sorted((t.cpt, t.minutes) for t in plain.treatments) == [("97124", 20), ("97124", 30)]
    assert sorted((t.cpt, t.minutes) for t in taught.treatments) == [("97124", 30), ("97140", 20)]
    fact = next(f for f in taught.facts if f.kind == "technique" and f.evidence.text == "TPR")
    assert fact.evidence.rule_id == "clinic/clinic.tpr" and fact.label == "trigger point therapy"
    # words that bill nothing here take the technique inside them off the note
    longer = '{"id": "clinic.s", "kind": "not_billable", "heard": ["Swedish massage to the back"]}\n'
    silenced = extract(Transcript.from_text(NOTE), words + longer)
    assert "swedish_massage" not in {t.technique for t in silenced.treatments}
    assert "swedish_massage" in {t.technique for t in taught.treatments}


def test_cli_add_list_remove_export_import(cli, scribe_home, tmp_path):
    assert cli("vocab", "add", "technique", "TPR", "--cpt", "97140", "--technique", "trigger_point_therapy").code == 0
    r = cli("vocab", "add", "area", "L QL", "--area", "quadratus lumborum", "--side", "left")
    assert r.code == 0, r.err
    refused = cli("vocab", "add", "technique", "swedish", "--cpt", "97140")
    assert refused.code == 1 and "ambiguous" in refused.err
    assert cli("vocab", "add", "technique", "TPR", "--cpt", "97124").code == 1  # taught once
    assert cli("vocab", "add", "technique", "zap", "--cpt", "99999").code == 2
    rows = cli("vocab", "list", "--json").json()
    assert [(r["phrases"], r["means"]) for r in rows] == [
        (["TPR"], "technique trigger point therapy (97140)"), (["L QL"], "area quadratus lumborum, left")]
    assert rows[0]["by"] and rows[0]["at"] and rows[0]["notes_changed"] == 0

    assert claim_lines(cli, NOTE) == [("97124", 2), ("97140", 1)]
    assert cli("vocab", "list", "--json").json()[0]["notes_changed"] == 1

    shared = tmp_path / "shared.jsonl"
    assert cli("vocab", "export", shared).code == 0
    assert cli("vocab", "remove", "TPR").code == 0
    assert cli("vocab", "remove", "TPR").code == 2
    assert claim_lines(cli, NOTE) == [("97124", 3)]  # the old reading is back
    r = cli("vocab", "import", shared)
    assert r.code == 0 and "Added 1" in r.err and "1 already here" in r.err
    assert claim_lines(cli, NOTE) == [("97124", 2), ("97140", 1)]


def test_file_is_owner_only_and_survives_a_restart(cli, scribe_home):
    assert cli("vocab", "add", "technique", "TPR", "--cpt", "97140").code == 0
    file = scribe_home / "vocab" / "clinic.jsonl"
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert stat.S_IMODE(file.parent.stat().st_mode) == 0o700
    json.loads(file.read_text().splitlines()[0])  # one JSON object a line, like the shipped files
    # a new process (a restart) reads it and bills with it
    out = subprocess.run([sys.executable, "-m", "scribe", "process", "-", "--json"], input=NOTE, text=True,
                         capture_output=True, cwd=REPO, env={**_env(), "SCRIBE_HOME": str(scribe_home)}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert ("97140", 1) in {(l["cpt"], l["units"]) for l in json.loads(out.stdout)["claim"]["lines"]}


def _env() -> dict:
    import os

    return {k: v for k, v in os.environ.items() if k != "SCRIBE_DATABASE_URL"}


def test_a_malformed_file_names_file_and_line_and_loses_nothing(cli, scribe_home):
    assert cli("vocab", "add", "technique", "TPR", "--cpt", "97140").code == 0
    file = scribe_home / "vocab" / "clinic.jsonl"
    good = file.read_text()
    file.write_text(good + '{"id": "clinic.bad", "kind": "technique", "target": "massage", "heard": ["zz"], "colour": 1}\n')
    before = file.read_bytes()
    for args in (("vocab", "list"), ("vocab", "add", "technique", "MFR", "--cpt", "97140"), ("process", "-")):
        r = cli(*args, stdin=NOTE if args[0] == "process" else None)
        assert r.code == 2, (args, r.err)
        assert f"{file} line 2" in r.err and "colour" in r.err and "Traceback" not in r.err
    assert file.read_bytes() == before  # nothing lost, nothing half-written

    bad_import = scribe_home / "incoming.jsonl"
    file.write_text(good)
    bad_import.write_text('{"id": "clinic.x", "kind": "technique", "target": "massage", "heard": ["rub"]}\n{oops\n')
    r = cli("vocab", "import", bad_import)
    assert r.code == 2 and f"{bad_import} line 2" in r.err
    assert file.read_text() == good


def test_project_cases_stay_right_with_a_taught_file(cli, scribe_home):
    for args in (("technique", "TPR", "--cpt", "97140"), ("area", "L QL", "--area", "quadratus_lumborum", "--side", "left"),
                 ("not-billable", "foam roller at home")):
        assert cli("vocab", "add", *args).code == 0
    r = cli("eval", REPO / "samples" / "text", "--json")
    assert r.code == 0, r.err
    summary = r.json()["summary"]
    assert summary["passed"] == summary["total"] == 98
    assert summary["passed_without_clinic"] == 98
    r = cli("eval", REPO / "samples" / "text")
    assert "98/98 (100%) with the clinic's words" in r.out and "without them    98/98" in r.out
    r = cli("eval", REPO / "samples" / "text", "--no-clinic-vocab", "--json")
    assert r.json()["summary"]["passed"] == 98 and "passed_without_clinic" not in r.json()["summary"]


def test_eval_shows_what_the_clinics_words_are_worth(cli, scribe_home, tmp_path):
    (tmp_path / "tpr.txt").write_text(NOTE)
    (tmp_path / "tpr.json").write_text(json.dumps({"lines": [{"cpt": "97140", "units": 1}, {"cpt": "97124", "units": 2, "modifiers": ["59"]}]}))
    assert cli("eval", tmp_path, "--json").json()["summary"]["passed"] == 0
    assert cli("vocab", "add", "technique", "TPR", "--cpt", "97140").code == 0
    summary = cli("eval", tmp_path, "--json").json()["summary"]
    assert (summary["passed"], summary["passed_without_clinic"]) == (1, 0)
    assert cli("eval", tmp_path, "--no-clinic-vocab", "--json").json()["summary"]["passed"] == 0
