"""FHIR R4 export: a Bundle that fhir.resources (R4B models) parses, with the claim and the SOAP note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scribe.actions import confirm, edit
from scribe.export import export_sessions
from tests.test_export_support import fill_client, make_session, ready, store  # noqa: F401  (fixtures)


def export_fhir(store, session_id: str, **kw) -> dict:
    [result] = export_sessions([session_id], "fhir", store=store, **kw)
    return json.loads(Path(result.path).read_text())


def resources(bundle: dict) -> dict[str, dict]:
    out = {}
    for entry in bundle["entry"]:
        r = entry["resource"]
        out.setdefault(r["resourceType"], r)
    return out


def test_bundle_validates_and_carries_the_claim(ready):
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.claim import Claim
    from fhir.resources.R4B.composition import Composition

    store, session = ready
    data = export_fhir(store, session.id)
    Bundle.model_validate(data)  # the whole file parses as an R4B Bundle
    found = resources(data)
    assert {"Patient", "Practitioner", "Organization", "Coverage", "Claim", "Composition"} <= set(found)
    claim = Claim.model_validate(found["Claim"])
    assert [d.diagnosisCodeableConcept.coding[0].code for d in claim.diagnosis] == ["M54.50", "M62.830", "M54.2"]
    assert all(d.diagnosisCodeableConcept.coding[0].system == "http://hl7.org/fhir/sid/icd-10-cm"
               for d in claim.diagnosis)
    first, second = claim.item
    assert first.productOrService.coding[0].code == "97124"
    assert [m.coding[0].code for m in first.modifier] == ["59"]
    assert first.quantity.value == 2 and first.diagnosisSequence == [1, 2]
    assert second.productOrService.coding[0].code == "97140" and second.diagnosisSequence == [3]
    assert float(claim.total.value) == 185.5
    assert claim.identifier[0].value == "20260309A1B2C3"
    assert not claim.related
    note = Composition.model_validate(found["Composition"])
    titles = [s.title for s in note.section]
    assert titles == ["Subjective Narrative", "Objective Narrative", "Evaluation note", "Plan of care note"]
    assert "low back pain 7/10" in note.section[0].text.div
    assert found["Patient"]["birthDate"] == "1984-07-21" and found["Patient"]["gender"] == "female"
    assert found["Coverage"]["subscriberId"] == "XYZ123456789"
    # references inside the bundle resolve to its own entries
    urls = {e["fullUrl"] for e in data["entry"]}
    assert found["Claim"]["patient"]["reference"] in urls
    assert found["Claim"]["insurance"][0]["coverage"]["reference"] in urls


def test_replacement_claim_points_at_the_original(ready):
    store, session = ready
    export_fhir(store, session.id)
    store.save(edit(store.get(session.id), "soap.assessment", "Pain 7/10 to 2/10."))
    store.save(confirm(store.get(session.id)))
    claim = resources(export_fhir(store, session.id, original_reference="PAYER-9"))["Claim"]
    related = claim["related"][0]
    assert related["relationship"]["coding"][0]["code"] == "prior"
    assert related["reference"]["value"] == "PAYER-9"  # the payer's claim number
    # and it points at the version that was sent, not at itself
    assert related["claim"]["identifier"]["value"] == "20260309A1B2C3-v1"
    assert {i["value"] for i in claim["identifier"]} == {"20260309A1B2C3", "20260309A1B2C3-v2"}


def test_fhir_validation_rejects_a_broken_resource():
    from scribe.export.fhir import _validated

    with pytest.raises(ValueError):
        _validated({"resourceType": "Claim", "status": "active", "use": "claim"})  # no patient, provider, ...
    with pytest.raises(ValueError):
        _validated({"resourceType": "Patient", "birthDate": "21/07/1984"})  # not a FHIR date
