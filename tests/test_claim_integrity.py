"""What was confirmed is what goes out, every time (issue 16).

The claim is frozen at confirmation; re-exports give the same content whatever changed in the
settings; an edit makes a new version that can only go out as a replacement (7) with the payer's
claim number, or a void (8); exports are tracked per format; the note and the claim agree.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from models import RuleId, SessionStatus
from scribe.actions import confirm, edit
from scribe.errors import BadInput, CannotWrite, Refused
from scribe.export import export_range, export_sessions, plan_range
from scribe.settings import set_setting
from tests.test_export_support import (  # noqa: F401  (fixtures)
    fill_client,
    fill_practice,
    make_session,
    store,
)
from tests.test_x12_837p import pyx12_valid, segments

SID = "20260309-a1b2c3"


@pytest.fixture
def confirmed(store):
    """A practice and client with every detail; a draft session confirmed the way the CLI does it."""
    fill_practice()
    fill_client(store)
    store.create(make_session(status=SessionStatus.draft))
    return store, store.save(confirm(store.get(SID), store=store))


def export(store, fmt: str, sid: str = SID, **kw):
    [result] = export_sessions([sid], fmt, store=store, **kw)
    return result


def read(result) -> str:
    return Path(result.path).read_text(encoding="utf-8")


def x12_content(text: str) -> list[str]:
    """The 837P without what differs by design between two files: the envelope's control numbers and creation times."""
    out = []
    for seg in segments(text):
        e = seg.split("*")
        if e[0] in ("ISA", "GS", "GE", "IEA", "BHT"):
            continue
        out.append(seg)
    return out


def fhir_content(text: str) -> dict:
    data = json.loads(text)
    data.pop("identifier"), data.pop("timestamp")
    for entry in data["entry"]:
        entry["resource"].pop("created", None)
    return data


def csv_rows(result) -> dict[tuple[str, str], str]:
    return {(r["field"], r["service_line"]): r["value"] for r in csv.DictReader(open(result.path, newline=""))}


def test_re_export_after_settings_change_is_the_claim_as_confirmed(confirmed):
    store, session = confirmed
    assert session.current_version.version == 1
    first = {fmt: read(export(store, fmt)) for fmt in ("837p", "fhir", "cms1500-csv", "json")}
    assert "SV1*HC:97124:59*120*UN*2***1:2" in segments(first["837p"])
    # the practice raises a fee and corrects the rendering NPI after the claim went out
    set_setting("fees.commercial.97124", "75")
    set_setting("provider.npi", "1215930367")
    set_setting("practice.name", "Harbor Wellness LLC")
    second = {fmt: read(export(store, fmt)) for fmt in ("837p", "fhir", "cms1500-csv", "json")}
    assert x12_content(second["837p"]) == x12_content(first["837p"])
    assert next(s for s in segments(second["837p"]) if s.startswith("CLM*")).split("*")[5] == "11:B:1"
    assert fhir_content(second["fhir"]) == fhir_content(first["fhir"])
    assert second["cms1500-csv"] == first["cms1500-csv"]
    assert second["json"] == first["json"]
    assert pyx12_valid(second["837p"])
    # a new session confirmed now takes the new settings
    store.create(make_session("20260310-new001", status=SessionStatus.draft))
    store.save(confirm(store.get("20260310-new001"), store=store))
    assert "SV1*HC:97124:59*150*UN*2***1:2" in segments(read(export(store, "837p", "20260310-new001")))


def test_a_detail_missing_at_confirmation_is_filled_once_then_frozen(store):
    fill_practice()
    fill_client(store)
    set_setting("fees.commercial.97140", "")
    store.create(make_session(status=SessionStatus.draft))
    store.save(confirm(store.get(SID), store=store))
    with pytest.raises(Refused, match="fees.commercial.97140"):
        export(store, "837p")
    set_setting("fees.commercial.97140", "65.50")
    first = read(export(store, "837p"))
    assert "SV1*HC:97140*65.5*UN*1***3" in segments(first)
    assert store.get(SID).current_version.filled == ["fees.commercial.97140"]
    set_setting("fees.commercial.97140", "80")
    assert x12_content(read(export(store, "837p"))) == x12_content(first)


def test_an_edited_claim_never_goes_out_as_an_original_again(confirmed, cli):
    store, session = confirmed
    export(store, "837p")
    tr = session.extraction.treatments[0]
    changed = edit(store.get(SID), f"treatment.{tr.id}.minutes", 40)
    changed = edit(changed, "diagnoses", ["M54.50", "M62.830", "M54.2"])
    changed = edit(changed, "soap.objective", changed.soap.objective.replace("back 30 min", "back 40 min"))
    store.save(changed)
    store.save(confirm(store.get(SID), store=store))
    stored = store.get(SID)
    assert [v.version for v in stored.versions] == [1, 2]
    for fmt in ("837p", "fhir", "cms1500-csv", "cms1500-pdf"):
        with pytest.raises(Refused, match="payer's claim number"):
            export(store, fmt)
    r = cli("export", SID, "--format", "837p")
    assert r.code == 1 and "--original-reference" in r.err
    # the batch says why it leaves it out rather than sending it as an original
    plan = plan_range(date(2026, 3, 1), date(2026, 3, 31), "837p", store=store, include_exported=True)
    assert plan.included == [] and "replacement" in plan.skipped[0].reason
    r = cli("export", SID, "--format", "837p", "--original-reference", "ICN2026A")
    assert r.code == 0 and "1 as replacement claim" in r.err
    text = Path(r.out.strip()).read_text()
    segs = segments(text)
    assert next(s for s in segs if s.startswith("CLM*")).split("*")[5] == "11:B:7"
    assert "REF*F8*ICN2026A" in segs and pyx12_valid(text)
    # confirming again without a change keeps the version; the history shows each step
    store.save(confirm(store.get(SID), store=store))
    assert len(store.get(SID).versions) == 2
    shown = cli("show", SID).out
    assert "claim version 2" in shown and "replacement claim (frequency 7) of payer claim ICN2026A" in shown
    assert "version 1, original claim (frequency 1)" in shown


def test_void_cancels_the_claim_that_was_sent(confirmed, cli):
    store, _ = confirmed
    with pytest.raises(Refused, match="nothing to void"):
        export(store, "837p", void=True, original_reference="ICN1")
    export(store, "837p")
    assert cli("export", SID, "--format", "837p", "--void").code == 1  # needs the payer's number
    r = cli("export", SID, "--format", "837p", "--void", "--original-reference", "ICN1")
    assert r.code == 0 and "void of payer claim ICN1" in r.err
    text = Path(r.out.strip()).read_text()
    assert next(s for s in segments(text) if s.startswith("CLM*")).split("*")[5] == "11:B:8"
    assert "REF*F8*ICN1" in segments(text) and pyx12_valid(text)
    assert store.get(SID).exports[-1].frequency == "8"
    with pytest.raises(Refused, match="voided"):
        export(store, "837p")
    assert cli("export", SID, "--format", "json", "--void", "--original-reference", "X").code == 2


def test_pdf_json_and_837p_agree_on_every_minute_unit_and_charge(confirmed):
    from tests.test_export import pdf_text

    store, _ = confirmed
    x12 = segments(read(export(store, "837p")))
    data = json.loads(read(export(store, "json")))
    pdf = pdf_text(export(store, "soap-pdf").path)
    sv1 = [s.split("*") for s in x12 if s.startswith("SV1*")]
    lines = data["claim"]["lines"]
    assert [(e[1].split(":")[1], Decimal(e[2]), int(e[4])) for e in sv1] == [
        (ln["cpt"], Decimal(ln["charge"]), ln["units"]) for ln in lines]
    assert [Decimal(ln["charge"]) for ln in lines] == [Decimal("120"), Decimal("65.5")]
    assert Decimal(data["claim"]["total_charge"]) == Decimal("185.5")
    clm = next(s for s in x12 if s.startswith("CLM*")).split("*")
    assert Decimal(clm[2]) == Decimal("185.5")
    assert data["claim_version"] == 1 and data["status"] == "confirmed" and "exports" not in data
    flat = " ".join(pdf.split())
    for ln in lines:  # the PDF's claim table: CPT, modifiers, units, minutes
        assert re.search(rf"{ln['cpt']} .*? {ln['units']} {ln['minutes']}", flat), ln["cpt"]
    for ln in lines:
        assert f"${Decimal(ln['charge']):,.2f}" in flat
    assert "Total charge $185.50" in flat
    assert "Total timed code treatment minutes: 45; total treatment time: 45 minutes." in flat
    assert "Swedish massage to the back 30 min" in flat


def test_the_837p_batch_includes_a_session_whose_pdf_was_exported(confirmed, tmp_path, cli):
    store, _ = confirmed
    store.create(make_session("20260310-dddddd", status=SessionStatus.draft).model_copy(
        update={"date_of_service": date(2026, 3, 10)}))
    export(store, "soap-pdf")
    plan = plan_range(date(2026, 3, 9), date(2026, 3, 15), "837p", store=store)
    assert plan.included == [SID]
    assert [(s.session_id, s.reason) for s in plan.skipped] == [("20260310-dddddd", "not confirmed (draft)")]
    r = cli("export", "--from", "2026-03-09", "--to", "2026-03-15", "--format", "837p", "--out", str(tmp_path / "wk"))
    assert r.code == 0, r.err
    assert "Skipped 20260310-dddddd: not confirmed (draft)" in r.err and "Exported 1 session as 837p" in r.err
    assert [p.name for p in (tmp_path / "wk").iterdir()] == [f"{SID}-837p.x12"]
    # the PDF batch now skips it, and says why
    plan = plan_range(date(2026, 3, 9), date(2026, 3, 15), "soap-pdf", store=store)
    assert plan.included == [] and plan.skipped[0].reason.startswith("already exported as soap-pdf on ")


def test_no_overwrite_without_force_and_files_stay_owner_only(confirmed, tmp_path, cli):
    store, _ = confirmed
    target = tmp_path / "claim.x12"
    target.write_text("the clearinghouse's copy")
    target.chmod(0o644)
    r = cli("export", SID, "--format", "837p", "--out", str(target))
    assert r.code == 1 and "already exists" in r.err and "--force" in r.err
    assert target.read_text() == "the clearinghouse's copy"
    assert store.get(SID).exports == []
    r = cli("export", SID, "--format", "837p", "--out", str(target), "--force")
    assert r.code == 0 and target.read_text().startswith("ISA*")
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_a_file_where_a_folder_is_needed_is_one_sentence(confirmed, tmp_path, cli):
    store, _ = confirmed
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    r = cli("export", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "837p", "--out", str(a_file))
    assert r.code == 2 and "is a file" in r.err and "Traceback" not in r.err and "bug" not in r.err
    assert len(r.err.strip().splitlines()) == 1
    r = cli("export", SID, "--format", "json", "--out", str(a_file / "inside.json"))
    assert r.code == 2 and "is a file" in r.err
    assert store.get(SID).exports == []


def test_a_failed_batch_leaves_nothing_behind(confirmed, tmp_path, monkeypatch):
    import scribe.export.runner as action

    store, _ = confirmed
    store.create(make_session("20260310-second", status=SessionStatus.draft))
    store.save(confirm(store.get("20260310-second"), store=store))
    real = action.write_bytes
    calls = []

    def second_write_fails(path, data, mode=0o600):
        calls.append(path)
        if len(calls) == 2:
            raise CannotWrite(f"{path} cannot be written (disk full).")
        return real(path, data, mode)

    monkeypatch.setattr(action, "write_bytes", second_write_fails)
    out = tmp_path / "batch" / "week11"
    with pytest.raises(CannotWrite):
        export_range(date(2026, 3, 1), date(2026, 3, 31), "837p", store=store, out=out)
    assert not (tmp_path / "batch").exists()  # neither the first file nor the folders made for it
    assert store.get(SID).exports == [] and store.get("20260310-second").exports == []
    monkeypatch.setattr(action, "write_bytes", real)
    results = export_range(date(2026, 3, 1), date(2026, 3, 31), "837p", store=store, out=out)
    assert len(results) == 2 and oct(out.stat().st_mode & 0o777) == "0o700"


def test_edit_rewrites_the_objective_and_hand_prose_that_disagrees_blocks(store):
    from models import Transcript
    from scribe.analysis import build_session

    note = ("Client reports neck pain six out of ten. Thirty minutes of Swedish massage to the neck. "
            "Pain down to two out of ten.")
    session = build_session(Transcript.from_text(note), payer="commercial", date_of_service=date(2026, 3, 9))
    [tr] = session.extraction.treatments
    assert "Swedish massage to the neck, 30 minutes." in session.soap.objective
    edited = edit(session, f"treatment.{tr.id}.minutes", 40)
    assert "Swedish massage to the neck, 40 minutes." in edited.soap.objective
    assert "30 minutes" not in edited.soap.objective
    assert edited.claim.lines[0].minutes == 40 and edited.claim.lines[0].units == 3
    assert not [f for f in edited.rule_findings if f.id == RuleId.NOTE_CLAIM_MISMATCH]
    # the therapist's own words stay theirs; when they contradict the claim, confirmation is blocked
    own = edit(edited, "soap.objective", "Tender upper trapezius. Swedish massage to the neck for 30 minutes.")
    assert own.soap.objective.startswith("Tender upper trapezius.")
    [mismatch] = [f for f in own.rule_findings if f.id == RuleId.NOTE_CLAIM_MISMATCH]
    assert mismatch.blocking and "30 minutes" in mismatch.message and "40" in mismatch.message
    with pytest.raises(Refused, match="NOTE_CLAIM_MISMATCH"):
        confirm(own, store=store)
    fixed = edit(own, "soap.objective", "Tender upper trapezius. Swedish massage to the neck for 40 minutes.")
    assert not [f for f in fixed.rule_findings if f.id == RuleId.NOTE_CLAIM_MISMATCH]
    # a removed treatment's sentence goes with it; prose still naming it is a finding
    removed = edit(edited, f"treatment.{tr.id}.removed", True)
    assert "Swedish massage" not in removed.soap.objective
    prose = edit(removed, "soap.objective", "Swedish massage to the neck, 30 min.")
    assert [f.id for f in prose.rule_findings if f.id == RuleId.NOTE_CLAIM_MISMATCH]
