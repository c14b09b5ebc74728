"""The export action and the PDF, CSV and JSON formats (read back with pypdf / csv / json)."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from models import SessionStatus
from scribe.errors import BadInput, Refused, SettingsMissing
from scribe.export import export_range, export_sessions, formats, missing_details
from tests.test_export_support import (  # noqa: F401  (fixtures)
    PRACTICE,
    fill_client,
    fill_practice,
    make_session,
    ready,
    store,
)


def pdf_text(path: str) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_all_formats_are_registered():
    assert formats() == ["soap-pdf", "cms1500-pdf", "cms1500-csv", "837p", "fhir", "json"]
    with pytest.raises(BadInput, match="not an export format"):
        export_sessions(["x"], "hl7v2")


def test_export_records_what_was_sent_and_marks_the_session_exported(ready):
    store, session = ready
    [result] = export_sessions([session.id], "json", store=store)
    path = Path(result.path)
    assert path.parent.name == "exports" and path.exists()
    assert oct(path.stat().st_mode & 0o777) == "0o600"  # health information: owner only
    stored = store.get(session.id)
    assert stored.status == SessionStatus.exported
    [record] = stored.exports
    assert record.format == "json" and record.path == str(path)
    assert record.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() == result.sha256
    assert record.claim_reference is None and not record.replacement  # JSON is not a claim
    assert stored.audit[-1].action == "export"
    # the JSON is the session model as it was when exported
    data = json.loads(path.read_text())
    assert data["id"] == session.id and data["claim"]["lines"][0]["cpt"] == "97124"
    assert data["findings"] == data["extraction"]["facts"]
    # exported sessions can be exported again, in any format, without overwriting earlier files
    [again] = export_sessions([session.id], "json", store=store)
    [claim] = export_sessions([session.id], "cms1500-csv", store=store)
    assert again.path != result.path and Path(result.path).exists()
    assert [r.format for r in store.get(session.id).exports] == ["json", "json", "cms1500-csv"]
    assert claim.claim_reference == "20260309A1B2C3"


def test_unconfirmed_session_is_refused(store, cli):
    fill_practice()
    store.create(make_session("20260309-draft1", status=SessionStatus.draft))
    with pytest.raises(Refused, match="only a confirmed session can be exported"):
        export_sessions(["20260309-draft1"], "soap-pdf", store=store)
    r = cli("export", "20260309-draft1", "--format", "json")
    assert r.code == 1 and "scribe confirm 20260309-draft1" in r.err and "Traceback" not in r.err
    assert not list((Path(store.engine.url.database).parent / "exports").glob("*"))


def test_missing_settings_stop_the_export_with_what_to_fill_in(store, cli):
    from scribe.settings import set_setting

    store.create(make_session())
    for key, value in PRACTICE.items():
        if key not in ("practice.billing_npi", "submitter.id", "fees.commercial.97140"):
            set_setting(key, value)
    fill_client(store, member_id="", payer_id="")
    with pytest.raises(SettingsMissing) as exc:
        export_sessions(["20260309-a1b2c3"], "837p", store=store)
    message = exc.value.message
    for needed in ("scribe settings set practice.billing_npi VALUE", "scribe settings set submitter.id VALUE",
                   "scribe settings set fees.commercial.97140 AMOUNT", "scribe client set jdoe member_id VALUE",
                   "scribe client set jdoe payer_id VALUE"):
        assert needed in message
    assert "these 5 details" in message
    assert "97124" not in message.split("fees.commercial.97140")[0].split("fee per unit")[-1]  # has a fee
    assert [m.command for m in missing_details("20260309-a1b2c3", "837p", store=store)][0].startswith("scribe settings")
    r = cli("export", "20260309-a1b2c3", "--format", "837p")
    assert r.code == 1 and "practice.billing_npi" in r.err
    assert store.get("20260309-a1b2c3").status == SessionStatus.confirmed  # nothing recorded
    # a SOAP note needs far less; JSON needs nothing
    assert missing_details("20260309-a1b2c3", "soap-pdf", store=store) == []
    assert missing_details("20260309-a1b2c3", "json", store=store) == []


def test_session_without_client_cannot_make_a_claim(store):
    fill_practice()
    store.create(make_session(client=None))
    [gap] = missing_details("20260309-a1b2c3", "cms1500-pdf", store=store)
    assert "client of this session" in gap.what and "scribe review 20260309-a1b2c3" in gap.command


def test_837p_needs_zip_plus_four(ready):
    from scribe.settings import set_setting

    store, session = ready
    set_setting("practice.zip", "04101")
    with pytest.raises(SettingsMissing, match="ZIP\\+4"):
        export_sessions([session.id], "837p", store=store)
    export_sessions([session.id], "cms1500-csv", store=store)  # paper is fine with 5 digits


def test_soap_pdf_reads_back(ready):
    store, session = ready
    [result] = export_sessions([session.id], "soap-pdf", store=store)
    from pypdf import PdfReader

    assert len(PdfReader(result.path).pages) == 1  # a normal session fits one page
    text = pdf_text(result.path)
    for expected in ("Harbor Massage & Bodywork", "Maria Lopez, LMT", "NPI 1245319599", "Jane Doe",
                     "03/09/2026", "S - Subjective", "O - Objective", "A - Assessment", "P - Plan",
                     "low back pain 7/10", "Swedish massage", "left upper trapezius", "Myofascial release",
                     "Pain before: 7/10 (low back)", "pain after: 3/10", "M54.50", "97124", "97140",
                     "Confirmed electronically 03/09/2026 17:45 UTC", "Continue weekly for four weeks"):
        assert expected in text, expected


def placed_text(path: str, page: int = 0) -> dict[str, list[tuple[float, float]]]:
    """Each string drawn on a page with every x, y it is drawn at (points from the bottom left)."""
    from pypdf import PdfReader

    out: dict[str, list[tuple[float, float]]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            out.setdefault(text.strip(), []).append((tm[4], tm[5]))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return out


def test_cms1500_pdf_prints_each_value_in_its_box(ready):
    from scribe.export.cms1500 import layout

    store, session = ready
    [result] = export_sessions([session.id], "cms1500-pdf", store=store)
    g = layout().grid
    at = placed_text(result.path)

    def where(line: int, col: int) -> tuple[float, float]:
        return (g.left_pt + (col - 1) * g.char_width_pt, g.page_height_pt - (g.top_pt + line * g.line_height_pt - 2))

    expected = {  # value: (form line, column) of its box
        "XYZ123456789": (8, 50), "DOE, JANE": (10, 1), "1984": (10, 37), "0": (37, 42),
        "M5450": (38, 3), "M62830": (38, 16), "M542": (38, 29),
        "97124": (44, 25), "59": (44, 33), "AB": (44, 45), "120 00": (44, 50), "2": (44, 59),
        "97140": (46, 25), "C": (46, 45), "65 50": (46, 50),
        "123456789": (56, 1), "20260309A1B2C3": (56, 23), "185 50": (56, 52), "1234567893": (61, 50),
    }
    for value, (line, col) in expected.items():
        assert value in at, value
        ex, ey = where(line, col)
        assert any(abs(x - ex) < 0.5 and abs(y - ey) < 0.5 for x, y in at[value]), (value, at[value], (ex, ey))
    flat = lambda points: [c for point in points for c in point]  # noqa: E731
    assert flat(at["1245319599"]) == pytest.approx(flat([where(44, 68), where(46, 68)]))  # 24J, both lines
    assert flat(at["1234567893"]) == pytest.approx(flat([where(61, 23), where(61, 50)]))  # 32a and 33a


def test_cms1500_more_than_six_lines_make_more_pages(ready):
    from pypdf import PdfReader

    store, _ = ready
    store.create(make_session("20260309-long01", extra_lines=5))  # 7 lines
    [pdf] = export_sessions(["20260309-long01"], "cms1500-pdf", store=store)
    [csv_result] = export_sessions(["20260309-long01"], "cms1500-csv", store=store)
    assert len(PdfReader(pdf.path).pages) == 2
    rows = list(csv.DictReader(open(csv_result.path, newline="")))
    assert {r["page"] for r in rows} == {"1", "2"}
    cpts = [(r["page"], r["service_line"], r["value"]) for r in rows if r["field"] == "24D_cpt"]
    assert cpts[:2] == [("1", "1", "97124"), ("1", "2", "97140")] and cpts[-1] == ("2", "7", "97110")
    totals = {r["page"]: r["value"] for r in rows if r["box"] == "28"}
    # page 1: 120 + 65.50 + 4 x 97110 lines (1, 2, 3, 1 units at $55); page 2: one line of 2 units
    assert totals == {"1": "570.50", "2": "110.00"}
    dx = {r["field"]: r["value"] for r in rows if r["box"] == "21" and r["page"] == "2"}
    assert dx == {"21_ind": "0", "21_A": "M5450", "21_B": "M62830", "21_C": "M542"}  # repeated on each page
    page2 = pdf_text(pdf.path).split("\n")
    assert any("97110" in ln for ln in page2)


def test_cms1500_csv_fields(ready):
    store, session = ready
    [result] = export_sessions([session.id], "cms1500-csv", store=store)
    rows = list(csv.DictReader(open(result.path, newline="")))
    value = {(r["field"], r["service_line"]): r["value"] for r in rows}
    assert value[("1_group", "")] == "X" and value[("1a", "")] == "XYZ123456789"
    assert value[("6_self", "")] == "X" and value[("25_ein", "")] == "X"
    assert value[("24A_from_mm", "1")] == "03" and value[("24B", "1")] == "11"
    assert value[("24D_mod", "1")] == "59" and value[("24E", "1")] == "AB" and value[("24G", "1")] == "2"
    assert value[("24F", "1")] == "120.00" and value[("24J", "2")] == "1245319599"
    assert ("22_code", "") not in value  # an original claim


def test_out_is_a_file_for_one_session_and_a_folder_for_several(ready, tmp_path):
    store, session = ready
    store.create(make_session("20260310-second"))
    target = tmp_path / "note.pdf"
    [one] = export_sessions([session.id], "soap-pdf", store=store, out=target)
    assert one.path == str(target) and target.read_bytes().startswith(b"%PDF")
    folder = tmp_path / "batch"
    folder.mkdir()
    results = export_sessions([session.id, "20260310-second"], "json", store=store, out=folder)
    assert sorted(Path(r.path).parent for r in results) == [folder, folder]
    with pytest.raises(BadInput, match="must be a folder"):
        export_sessions([session.id, "20260310-second"], "json", store=store, out=target)


def test_batch_export_of_a_date_range(ready, cli, tmp_path):
    store, _ = ready
    s2 = make_session("20260311-bbbbbb").model_copy(update={"date_of_service": date(2026, 3, 11)})
    store.create(s2)
    store.create(make_session("20260320-cccccc").model_copy(update={"date_of_service": date(2026, 3, 20)}))
    store.create(make_session("20260310-dddddd", status=SessionStatus.draft).model_copy(
        update={"date_of_service": date(2026, 3, 10)}))
    results = export_range(date(2026, 3, 9), date(2026, 3, 15), "837p", store=store, out=tmp_path)
    assert [r.session_id for r in results] == ["20260309-a1b2c3", "20260311-bbbbbb"]  # not the draft, not the 20th
    assert all(Path(r.path).parent == tmp_path for r in results)
    # already exported ones are left out of the next run, unless asked
    with pytest.raises(Refused, match="no confirmed session"):
        export_range(date(2026, 3, 9), date(2026, 3, 15), "837p", store=store)
    # "exported" is per format: the 837P batch does not take these out of the CMS-1500 batch
    r = cli("export", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "cms1500-csv", "--json")
    assert r.code == 0 and [x["session_id"] for x in r.json()] == ["20260309-a1b2c3", "20260311-bbbbbb",
                                                                   "20260320-cccccc"]
    assert "Exported 3 sessions as cms1500-csv" in r.err
    assert "Skipped 20260310-dddddd: not confirmed (draft)" in r.err
    assert cli("export", "--from", "2026-03-01", "--format", "json").code == 2
    assert cli("export", "--from", "March", "--to", "2026-03-31", "--format", "json").code == 2


def test_export_cli_writes_paths(ready, cli, tmp_path):
    _, session = ready
    out = tmp_path / "claim.x12"
    r = cli("export", session.id, "--format", "837p", "--out", str(out))
    assert r.code == 0 and r.out.strip() == str(out)
    assert out.read_text().startswith("ISA*00*")
    assert cli("export", session.id, "--format", "nope").code == 2
    assert cli("export", "--format", "json").code == 2
    assert "cms1500-pdf" in cli("export", "--help").out


def test_layout_data_file_is_read_strictly():
    from scribe.export.cms1500 import Layout, layout
    from scribe.export.tables import insurance_types, read_data

    assert len(layout().line_fields) == 13 and insurance_types()["medicare"].claim_filing == "MB"
    raw = json.loads(read_data("cms1500_layout.json"))
    raw["fields"][0]["colour"] = "red"
    with pytest.raises(ValueError, match="colour"):
        Layout.model_validate(raw)
    ids = [f["id"] for f in raw["fields"]] + [f["id"] for f in raw["line_fields"]]
    assert len(ids) == len(set(ids))
