"""The claim formats as their owners define them: CMS's box instructions for Medicare, USPS
abbreviations before any cut, the referring provider (item 17, loop 2310A), FHIR R4 coding."""

from __future__ import annotations

import json
import pytest

from models import SessionStatus
from scribe.actions import confirm
from scribe.export import export_sessions
from scribe.settings import set_setting
from tests.test_claim_integrity import SID, csv_rows, export, read
from tests.test_export_support import fill_client, fill_practice, make_session, store  # noqa: F401
from tests.test_x12_837p import pyx12_valid, segments


def _confirmed(store, **client):
    fill_practice()
    fill_client(store, **client)
    store.create(make_session(status=SessionStatus.draft))
    store.save(confirm(store.get(SID), store=store))
    return store


def test_medicare_cms1500_follows_cms_box_instructions(store):
    """Medicare Claims Processing Manual ch. 26 s. 10.2: Medicare primary, the patient is the insured."""
    _confirmed(store, insurance_type="medicare", member_id="1EG4TE5MK73", group_number="")
    value = csv_rows(export(store, "cms1500-csv"))
    assert value[("1_medicare", "")] == "X" and value[("1a", "")] == "1EG4TE5MK73"
    assert value[("11", "")] == "NONE"  # no insurance primary to Medicare
    for blank in ("4", "6_self", "7_street", "7_city", "7_state", "7_zip", "11a_mm", "11a_yyyy", "11a_f",
                  "11c", "11d_no", "33b"):
        assert (blank, "") not in value, blank
    # what Medicare does want is still there
    for kept in ("2", "3_yyyy", "5_street", "10a_no", "12", "13", "21_A", "25", "26", "31", "32a", "33a"):
        assert (kept, "") in value, kept
    # a commercial claim keeps the NUCC items Medicare leaves blank
    store.create(make_session("20260310-commer", status=SessionStatus.draft))
    fill_client(store, "other", insurance_type="group")
    s = store.get("20260310-commer").model_copy(update={"client": "other"})
    store.save(s)
    store.save(confirm(store.get("20260310-commer"), store=store))
    commercial = csv_rows(export(store, "cms1500-csv", "20260310-commer"))
    assert commercial[("4", "")] == "DOE, JANE" and commercial[("11", "")] == "GRP7700"
    assert commercial[("33b", "")] == "ZZ 225700000X" and ("7_street", "") in commercial


def test_addresses_take_usps_abbreviations_and_a_cut_is_a_finding(store, cli):
    _confirmed(store, address="125 Harbor Street Suite 200", payer_name="Northern New England Jurisdiction Health Plan")
    r = cli("export", SID, "--format", "cms1500-csv")
    assert r.code == 0
    value = csv_rows(type("R", (), {"path": r.out.strip()}))
    assert value[("5_street", "")] == "125 HARBOR ST STE 200"  # fits once abbreviated: nothing cut
    record = store.get(SID).exports[-1]
    carrier, plan = record.findings  # the payer's name is in two boxes, and fits neither
    assert {carrier.id.value, plan.id.value} == {"FIELD_TOO_LONG"}
    assert "box carrier (payer name) has 45 characters but room for 31" in carrier.message
    assert "box 11c" in plan.message and "the last 16 are not printed" in plan.message
    assert "scribe client set jdoe payer_name" in carrier.fix
    assert "FIELD_TOO_LONG" in r.err
    assert "Jurisdiction" not in r.err and "JURISDICTION" not in r.err  # client details never in messages


def test_referring_provider_in_item_17_and_loop_2310a(store):
    _confirmed(store)
    set_setting("referring.first_name", "Ann")
    set_setting("referring.last_name", "Osler")
    set_setting("referring.npi", "1215930367")
    # settings changed after confirmation: the frozen version fills what it lacked, once
    value = csv_rows(export(store, "cms1500-csv"))
    assert (value[("17_qual", "")], value[("17", "")], value[("17b", "")]) == ("DN", "Ann Osler", "1215930367")
    text = read(export(store, "837p"))
    segs = segments(text)
    assert "NM1*DN*1*OSLER*ANN****XX*1215930367" in segs and pyx12_valid(text)
    assert segs.index("NM1*DN*1*OSLER*ANN****XX*1215930367") < segs.index("NM1*82*1*LOPEZ*MARIA****XX*1245319599")
    # a client's own referring provider wins over the practice's
    fill_client(store, "kim", referring_first_name="Bo", referring_last_name="Chen", referring_npi="1245319599")
    store.create(make_session("20260310-kimkim", status=SessionStatus.draft, client="kim"))
    store.save(confirm(store.get("20260310-kimkim"), store=store))
    assert "NM1*DN*1*CHEN*BO****XX*1245319599" in segments(read(export(store, "837p", "20260310-kimkim")))


def test_fhir_bundle_codes_modifiers_insurer_encounter_and_pain(store):
    from fhir.resources.R4B.bundle import Bundle

    fill_practice()
    fill_client(store)
    session = make_session(status=SessionStatus.draft)
    lines = [session.claim.lines[0].model_copy(update={"modifiers": ["GP", "XS"]}),
             session.claim.lines[1].model_copy(update={"modifiers": ["GP", "59"]})]
    store.create(session.model_copy(update={"claim": session.claim.model_copy(update={"lines": lines})}))
    store.save(confirm(store.get(SID), store=store))
    text = read(export(store, "fhir"))
    Bundle.model_validate_json(text)  # fhir.resources accepts the whole file
    by_type: dict[str, list[dict]] = {}
    for entry in json.loads(text)["entry"]:
        by_type.setdefault(entry["resource"]["resourceType"], []).append(entry["resource"])
    [claim], [encounter], [composition] = by_type["Claim"], by_type["Encounter"], by_type["Composition"]
    mods = [(c["coding"][0]["system"], c["coding"][0]["code"]) for item in claim["item"] for c in item["modifier"]]
    hcpcs, cpt = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "http://www.ama-assn.org/go/cpt"
    assert mods == [(hcpcs, "GP"), (hcpcs, "XS"), (hcpcs, "GP"), (cpt, "59")]
    url_of = {e["resource"]["name"]: e["fullUrl"] for e in json.loads(text)["entry"]
              if e["resource"]["resourceType"] == "Organization"}
    assert claim["insurer"]["reference"] == url_of["Acme Health Plan"]
    assert claim["billablePeriod"] == {"start": "2026-03-09", "end": "2026-03-09"}
    assert encounter["status"] == "finished" and encounter["period"]["start"] == "2026-03-09"
    assert all(item["encounter"][0]["reference"] == composition["encounter"]["reference"] for item in claim["item"])
    pains = sorted((o["valueInteger"], o["code"]["coding"][0]["code"]) for o in by_type["Observation"])
    assert pains == [(3, "72514-3"), (7, "72514-3")]
    assert composition["date"] == "2026-03-09"  # the date of service, not the confirmation time
    confirmed_at = store.get(SID).confirmed_at
    assert composition["attester"][0]["time"].startswith(f"{confirmed_at:%Y-%m-%dT%H:%M}")


def test_soap_pdf_names_the_payer_totals_and_attests(store, tmp_path):
    import subprocess

    from tests.test_export import pdf_text

    _confirmed(store)
    set_setting("fees.commercial.97124", "90")
    [result] = export_sessions([SID], "soap-pdf", store=store)
    flat = " ".join(pdf_text(result.path).split())
    assert "Payer: Acme Health Plan" in flat and "Payer: commercial" not in flat
    assert "Total timed code treatment minutes: 45; total treatment time: 45 minutes." in flat
    assert "I attest that I personally provided the services documented in this note on 03/09/2026" in flat
    if subprocess.run(["which", "pdftoppm"], capture_output=True).returncode == 0:
        subprocess.run(["pdftoppm", "-png", "-r", "60", result.path, str(tmp_path / "page")], check=True)
        assert list(tmp_path.glob("page*.png"))


def test_rule_data_files_are_read_strictly():
    from scribe.export.cms1500 import FormRules, abbreviations, form_rules, layout, usps
    from scribe.export.tables import read_data

    assert usps("125 Harbor Street Suite 200") == "125 HARBOR ST STE 200"
    assert usps("9 North Stable Road") == "9 N STABLE RD"  # whole words only
    assert abbreviations()["SUITE"] == "STE"
    ids = {f.id for f in layout().fields}
    for rules in form_rules().by_insurance_type.values():
        for pattern in rules.blank:
            assert any(i == pattern or (pattern.endswith("*") and i.startswith(pattern[:-1])) for i in ids), pattern
        assert set(rules.values) <= ids
    assert set(form_rules().sources) <= ids
    raw = json.loads(read_data("cms1500_rules.json"))
    raw["by_insurance_type"]["medicare"]["blnk"] = []
    with pytest.raises(ValueError, match="blnk"):
        FormRules.model_validate(raw)
