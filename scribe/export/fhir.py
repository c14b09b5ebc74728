"""FHIR R4 Bundle: Patient, Practitioner, Organizations, Coverage, the Claim and the SOAP Composition.

Every resource is built as plain data and validated by fhir.resources' R4B models before it is
written, so a file the practice receives always parses as FHIR. Replacement claims point at the
original claim through Claim.related (relationship 'prior').
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from xml.sax.saxutils import escape

from scribe.export.base import CLAIM_CLIENT_NEEDS, ExportContext, Exporter

CPT = "http://www.ama-assn.org/go/cpt"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
NPI = "http://hl7.org/fhir/sid/us-npi"
LOINC = "http://loinc.org"
POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set"
GENDER = {"M": "male", "F": "female", "U": "unknown"}
SECTION_CODES = {  # LOINC codes for the SOAP sections of a progress note
    "subjective": ("61150-9", "Subjective Narrative"),
    "objective": ("61149-1", "Objective Narrative"),
    "assessment": ("51848-0", "Evaluation note"),
    "plan": ("18776-5", "Plan of care note"),
}
RELATIONSHIP = {"self": "self", "spouse": "spouse", "child": "child", "other": "other"}


def _ref(urn: str) -> dict:
    return {"reference": urn}


def _narrative(text: str) -> dict:
    body = escape(text or "Nothing recorded.").replace("\n", "<br/>")
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{body}</p></div>'}


def _money(value: Decimal) -> dict:
    return {"value": float(Decimal(value).quantize(Decimal("0.01"))), "currency": "USD"}


def build_bundle(ctx: ExportContext) -> dict:
    """The Bundle as JSON-ready data, each resource validated with its R4B model."""
    from fhir.resources.R4B.bundle import Bundle

    session, s, c = ctx.session, ctx.settings, ctx.client
    p, prov, claim = s.practice, s.provider, ctx.claim
    urn = {k: f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'scribe:{session.id}:{k}')}"
           for k in ("patient", "practitioner", "organization", "payer", "coverage", "claim", "composition")}
    created = ctx.now.isoformat(timespec="seconds")
    dos = (claim.date_of_service or session.date_of_service).isoformat()

    patient = {
        "resourceType": "Patient",
        "identifier": [{"system": "urn:scribe:client", "value": session.client}],
        "name": [{"family": c.last_name, "given": [c.first_name]}],
        "gender": GENDER[c.sex],
        "birthDate": c.date_of_birth.isoformat(),
        "address": [{"line": [c.address], "city": c.city, "state": c.state, "postalCode": c.zip}],
    }
    practitioner = {
        "resourceType": "Practitioner",
        "identifier": [{"system": NPI, "value": prov.npi or p.billing_npi}],
        "name": [{"family": prov.last_name, "given": [prov.first_name]}],
    }
    if prov.credential:
        practitioner["qualification"] = [{"code": {"text": prov.credential}}]
    organization = {
        "resourceType": "Organization",
        "identifier": [{"system": NPI, "value": p.billing_npi}],
        "name": p.name,
    }
    if p.address:
        organization["address"] = [{"line": [p.address], "city": p.city, "state": p.state, "postalCode": p.zip}]
    payer = {"resourceType": "Organization", "name": c.payer_name,
             "identifier": [{"system": "urn:scribe:payer-id", "value": c.payer_id}]}
    coverage = {
        "resourceType": "Coverage",
        "status": "active",
        "subscriberId": c.member_id,
        "beneficiary": _ref(urn["patient"]),
        "relationship": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/subscriber-relationship",
                                     "code": RELATIONSHIP[c.relationship]}]},
        "payor": [_ref(urn["payer"])],
    }
    if c.group_number:
        coverage["class"] = [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/coverage-class",
                                                   "code": "group"}]}, "value": c.group_number}]
    charges = ctx.line_charges()
    pos = ctx.place_of_service
    items = []
    for n, (line, charge) in enumerate(zip(claim.lines, charges), 1):
        item = {
            "sequence": n,
            "careTeamSequence": [1],
            "productOrService": {"coding": [{"system": CPT, "code": line.cpt, "display": line.description or None}]},
            "servicedDate": dos,
            "locationCodeableConcept": {"coding": [{"system": POS, "code": pos}]},
            "quantity": {"value": line.units},
            "unitPrice": _money(charge / line.units),
            "net": _money(charge),
        }
        if line.modifiers:
            item["modifier"] = [{"coding": [{"system": CPT, "code": m}]} for m in line.modifiers]
        if line.diagnosis_pointers:
            item["diagnosisSequence"] = list(line.diagnosis_pointers)
        items.append(item)
    fhir_claim = {
        "resourceType": "Claim",
        "identifier": [{"system": "urn:scribe:claim", "value": ctx.claim_reference}],
        "status": "active",
        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "professional"}]},
        "use": "claim",
        "patient": _ref(urn["patient"]),
        "created": created,
        "provider": _ref(urn["organization"]),
        "priority": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/processpriority", "code": "normal"}]},
        "careTeam": [{"sequence": 1, "provider": _ref(urn["practitioner"]),
                      "role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claimcareteamrole",
                                           "code": "primary"}]}}],
        "diagnosis": [{"sequence": i, "diagnosisCodeableConcept": {
            "coding": [{"system": ICD10CM, "code": d.code, "display": d.description or None}]}}
            for i, d in enumerate(claim.diagnoses, 1)],
        "insurance": [{"sequence": 1, "focal": True, "coverage": _ref(urn["coverage"])}],
        "item": items,
        "total": _money(sum(charges, Decimal("0"))),
    }
    if ctx.replacement:
        fhir_claim["related"] = [{
            "relationship": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/related-claim-relationship",
                                         "code": "prior"}]},
            "reference": {"system": "urn:scribe:claim", "value": ctx.original_reference},
        }]
    composition = {
        "resourceType": "Composition",
        "status": "final",
        "type": {"coding": [{"system": LOINC, "code": "11506-3", "display": "Progress note"}]},
        "subject": _ref(urn["patient"]),
        "date": (session.confirmed_at or ctx.now).isoformat(timespec="seconds"),
        "author": [_ref(urn["practitioner"])],
        "title": f"SOAP note {session.date_of_service.isoformat()}",
        "attester": [{"mode": "legal", "time": (session.confirmed_at or ctx.now).isoformat(timespec="seconds"),
                      "party": _ref(urn["practitioner"])}],
        "custodian": _ref(urn["organization"]),
        "section": [{"title": title, "code": {"coding": [{"system": LOINC, "code": code, "display": title}]},
                     "text": _narrative(getattr(session.soap, field))}
                    for field, (code, title) in SECTION_CODES.items()],
    }
    resources = {"patient": patient, "practitioner": practitioner, "organization": organization,
                 "payer": payer, "coverage": coverage, "claim": fhir_claim, "composition": composition}
    bundle = {
        "resourceType": "Bundle",
        "identifier": {"system": "urn:scribe:export", "value": f"{session.id}-{uuid.uuid4().hex[:8]}"},
        "type": "collection",
        "timestamp": created,
        "entry": [{"fullUrl": urn[k], "resource": _validated(r)} for k, r in resources.items()],
    }
    return json.loads(Bundle.model_validate(bundle).model_dump_json(exclude_none=True))


def _validated(resource: dict) -> dict:
    """Validate one resource with its R4B model (raises on anything FHIR would reject)."""
    import importlib

    name = resource["resourceType"]
    module = importlib.import_module(f"fhir.resources.R4B.{name.lower()}")
    return json.loads(getattr(module, name).model_validate(_drop_none(resource)).model_dump_json(exclude_none=True))


def _drop_none(value):
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


class FhirExporter(Exporter):
    name = "fhir"
    extension = "json"
    label = "FHIR R4 Bundle (Claim and SOAP Composition)"
    is_claim = True
    practice_needs = ("practice.name", "practice.billing_npi", "provider.first_name", "provider.last_name")
    client_needs = CLAIM_CLIENT_NEEDS

    def render(self, ctx: ExportContext) -> bytes:
        return (json.dumps(build_bundle(ctx), indent=2) + "\n").encode("utf-8")
