"""The command-line contract of shared/cli.md, on the real pipeline and real SQLite."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scribe.cli import COMMANDS, build_parser

NOTE = (
    "Client came in complaining of low back pain, rated six out of ten. "
    "Thirty minutes of Swedish massage to the low back. "
    "Pain was down to three out of ten at the end. Recommend heat at home."
)


def test_every_command_has_readable_help(cli):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) >= {"process", "sessions", "show", "confirm", "eval"}
    for name in sub.choices:
        assert name in COMMANDS
        res = cli(name, "--help")
        assert res.code == 0, name
        assert len(res.out) > 80 and "usage: scribe " + name in res.out


def test_help_starts_fast_without_heavy_imports():
    code = "import sys; from scribe.cli import build_parser; build_parser(); " \
           "print(sorted(m for m in ('spacy','faster_whisper','simple_icd_10_cm','ctranslate2','fastapi') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_process_text_file_stores_a_draft_and_prints_summary(cli, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(NOTE)
    res = cli("process", note)
    assert res.code == 0, res.err
    assert "97124" in res.out and "units 2" in res.out
    assert "Swedish massage" in res.out  # the words behind the line
    listed = cli("sessions", "--json").json()
    assert len(listed) == 1 and listed[0]["status"] == "draft"
    assert set(listed[0]) >= {"id", "date_of_service", "client", "payer", "status", "findings"}


def test_process_json_has_the_session_shape(cli):
    res = cli("process", "-", "--json", "--payer", "commercial-cms", "--date", "2026-11-20", stdin=NOTE)
    assert res.code == 0, res.err
    data = res.json()
    for key in ("id", "status", "date_of_service", "payer", "transcript", "findings", "soap", "claim",
                "rule_findings"):
        assert key in data, key
    assert data["status"] == "draft" and data["payer"] == "commercial-cms"
    assert data["date_of_service"] == "2026-11-20"
    assert set(data["soap"]) >= {"subjective", "objective", "assessment", "plan"}
    (line,) = data["claim"]["lines"]
    assert line["cpt"] == "97124" and line["units"] == 2 and line["minutes"] == 30
    assert set(line) >= {"cpt", "units", "minutes", "modifiers", "diagnosis_pointers", "evidence"}
    assert line["evidence"] and all(NOTE[e["char_start"]:e["char_end"]] == e["text"] for e in line["evidence"])
    assert "M54.50" in {d["code"] for d in data["claim"]["diagnoses"]}
    for f in data["rule_findings"]:
        assert set(f) >= {"id", "severity", "message"}
    # what was recommended for home is context, never a claim line
    assert all(ln["cpt"] != "97010" for ln in data["claim"]["lines"])
    shown = cli("show", data["id"], "--json").json()
    assert shown["claim"] == data["claim"]


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\xff\xfe\xfa not utf8 \xc3\x28", "not UTF-8"),
        (b"\x00\x01\x02binary", "binary"),
        (b"12345 ... ---", "no words"),
    ],
)
def test_bad_text_input_is_one_clear_line(cli, tmp_path, content, expected):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    res = cli("process", f)
    assert res.code == 2
    assert expected in res.err
    assert "Traceback" not in res.err and len(res.err.strip().splitlines()) == 1
    assert cli("sessions", "--json").json() == []  # nothing half-stored


def test_missing_file_unknown_payer_and_bad_date(cli, tmp_path):
    assert cli("process", tmp_path / "nope.txt").code == 2
    f = tmp_path / "n.txt"
    f.write_text(NOTE)
    res = cli("process", f, "--payer", "acme-gold")
    assert res.code == 2 and "acme-gold" in res.err and "Traceback" not in res.err
    res = cli("process", f, "--date", "23/11/2026")
    assert res.code == 2 and "YYYY-MM-DD" in res.err


def test_wrong_format_is_refused(cli, tmp_path):
    f = tmp_path / "note.pdf"
    f.write_bytes(b"%PDF-1.4 whatever")
    res = cli("process", f)
    assert res.code == 2 and ".pdf" in res.err


def test_folder_processes_each_and_reports_failures(cli, tmp_path):
    d = tmp_path / "notes"
    d.mkdir()
    (d / "a.txt").write_text(NOTE)
    (d / "b.txt").write_text("Fifteen minutes of myofascial release to the right upper trapezius. Pain 4/10 after.")
    (d / "c.txt").write_bytes(b"")
    res = cli("process", d)
    assert res.code == 2  # one failed
    assert "Processed 2 of 3" in res.err and "c.txt" in res.err
    assert len(cli("sessions", "--json").json()) == 2


def test_confirm_refuses_blocking_until_overridden(cli):
    # a timed technique with no minutes: MISSING_DURATION is blocking
    res = cli("process", "-", "--json", stdin="Myofascial release to the left shoulder. Neck pain 5/10, after 2/10.")
    data = res.json()
    assert "MISSING_DURATION" in {f["id"] for f in data["rule_findings"]}
    sid = data["id"]
    refused = cli("confirm", sid, "--yes")
    assert refused.code == 1 and "MISSING_DURATION" in refused.err
    assert cli("show", sid, "--json").json()["status"] == "draft"
    blocking = sorted({f["id"] for f in data["rule_findings"] if f["severity"] == "blocking"})
    args = []
    for rule in blocking:
        args += ["--override", rule, "--reason", "therapist will bill this by hand"]
    ok = cli("confirm", sid, "--yes", *args)
    assert ok.code == 0, ok.err
    shown = cli("show", sid, "--json").json()
    assert shown["status"] == "confirmed"
    assert {o["rule_id"] for o in shown["overrides"]} == set(blocking)
    assert [a["action"] for a in shown["audit"]][-1] == "confirm"


def test_override_needs_reason_and_real_rule(cli):
    sid = cli("process", "-", "--json", stdin="Myofascial release to the left shoulder.").json()["id"]
    assert cli("confirm", sid, "--yes", "--override", "MISSING_DURATION").code == 2
    assert cli("confirm", sid, "--yes", "--override", "NOT_A_RULE", "--reason", "because").code == 2


def test_show_unknown_and_path_trick_sessions(cli):
    for sid in ("doesnotexist", "../../etc/passwd", "a/b"):
        res = cli("show", sid)
        assert res.code == 2 and "no session" in res.err


def test_edit_rebills_records_history_and_undoes(cli):
    data = cli("process", "-", "--json", stdin=NOTE).json()
    sid = data["id"]
    (t,) = [t for t in data["extraction"]["treatments"] if t["cpt"] == "97124"]
    res = cli("edit", sid, f"treatment.{t['id']}.minutes", "40", "--json")
    assert res.code == 0, res.err
    edited = res.json()
    assert [(ln["cpt"], ln["units"], ln["minutes"]) for ln in edited["claim"]["lines"]] == [("97124", 3, 40)]
    last = edited["audit"][-1]
    assert (last["action"], last["field"], last["old"], last["new"]) == ("edit", f"treatment.{t['id']}.minutes", 30, 40)
    assert edited["proposal"]["claim"]["lines"][0]["units"] == 2  # what the tool proposed stays recorded
    undone = cli("edit", sid, "--undo", "--json").json()
    assert undone["claim"]["lines"][0]["units"] == 2 and undone["audit"][-1]["action"] == "undo"
    assert cli("edit", sid, f"treatment.{t['id']}.minutes", "lots").code == 2
    assert cli("edit", sid, f"treatment.{t['id']}.cpt", "99999").code == 2
    bad_dx = cli("edit", sid, "diagnoses", "M54.5", "--json").json()  # a parent code, not billable
    assert "M54.5" not in {d["code"] for d in bad_dx["claim"]["diagnoses"]}
    assert "INVALID_DIAGNOSIS" in {f["id"] for f in bad_dx["rule_findings"]}


def test_confirmed_then_edited_goes_back_to_draft(cli):
    data = cli("process", "-", "--json", stdin=NOTE).json()
    sid = data["id"]
    blocking = [f["id"] for f in data["rule_findings"] if f["severity"] == "blocking"]
    assert blocking == []
    assert cli("confirm", sid, "--yes").code == 0
    res = cli("edit", sid, "soap.plan", "Heat at home. Return in one week.", "--json").json()
    assert res["status"] == "draft" and res["soap"]["plan"].startswith("Heat at home")
    assert "confirming again" in res["audit"][-1]["note"]


def test_clinic_profile_file_is_used_and_a_broken_one_is_named(cli, scribe_home):
    profiles = scribe_home / "profiles"
    profiles.mkdir(parents=True)
    (profiles / "auto-pip.json").write_text(json.dumps({
        "name": "auto-pip", "description": "Auto insurance, total time", "unit_method": "total_time",
        "distinct_region_modifier": "59", "separate_time_blocks_modifier": "59", "gp": "none",
        "bundled_codes": [], "allowed_codes": {"LMT": ["97124", "97140"]},
        "default_provider_type": "LMT", "fee_schedule": {"97124": "30.00", "97140": "40.00"}}))
    note = "Neck pain 6/10. Twenty minutes of Swedish massage to the neck, then eight minutes of " \
           "myofascial release to the low back. Pain 3/10 after."
    data = cli("process", "-", "--json", "--payer", "auto-pip", stdin=note).json()
    lines = {ln["cpt"]: ln for ln in data["claim"]["lines"]}
    # total time 28 min -> 2 units: one each (97124 20 min, 97140 leftover 8 min)
    assert {c: ln["units"] for c, ln in lines.items()} == {"97124": 1, "97140": 1}
    assert lines["97124"]["charge"] in ("30.00", "30.0", 30.0)
    (profiles / "broken.json").write_text('{"name": "broken", "unit_method": "by_the_hour"}')
    res = cli("process", "-", "--payer", "auto-pip", stdin=note)
    assert res.code == 2 and "broken.json" in res.err and "Traceback" not in res.err


def test_jobs_processes_a_folder_in_parallel_workers(cli, tmp_path):
    d = tmp_path / "week"
    d.mkdir()
    for i, minutes in enumerate(("twenty", "thirty", "forty five")):
        (d / f"n{i}.txt").write_text(f"Low back pain 6/10. {minutes} minutes of Swedish massage to the low back. "
                                     "Pain 2/10 after.")
    (d / "broken.txt").write_bytes(b"\xff\xfe\x00")
    res = cli("process", d, "--jobs", "2", "--json")
    assert res.code == 2 and "broken.txt" in res.err
    units = sorted(s["claim"]["lines"][0]["units"] for s in res.json())
    assert units == [1, 2, 3]
    assert len(cli("sessions", "--json").json()) == 3


def test_typed_text_from_standard_input_is_kept_before_processing(cli, monkeypatch, scribe_home):
    """Standard input exists nowhere else: the text is saved first, and a failure says where it is."""
    from scribe import paths
    from scribe.errors import ScribeError

    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    kept = paths.audio_dir() / f"{sid}.txt"
    assert kept.read_text() == NOTE and cli("show", sid, "--json").json()["input_path"] == f"audio/{sid}.txt"

    def broken(*a, **k):
        raise ScribeError("Extraction failed.")

    monkeypatch.setattr("scribe.analysis.build_session", broken)
    res = cli("process", "-", stdin="Thirty minutes of Swedish massage to the back.")
    assert res.code != 0 and "Your text is kept at" in res.err
    left = [p for p in paths.audio_dir().glob("*.txt") if p != kept]
    assert [p.read_text() for p in left] == ["Thirty minutes of Swedish massage to the back."]
