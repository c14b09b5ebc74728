"""FHIR R4 Bundle: Patient, Practitioner, Organizations, Coverage, Encounter, pain Observations,
the Claim and the SOAP Composition.

Every resource is built as plain data and validated by fhir.resources' R4B models before it is
written, so a file the practice receives always parses as FHIR. The Claim names its insurer and
billable period; CPT modifiers (59, 52) are coded in the CPT system and HCPCS Level II modifiers
(GP, XS, KX) in the HCPCS system. Each claim version has its own identifier, so a replacement's
Claim.related points at the version that was sent (and carries the payer's claim number); a void
is a Claim with status 'cancelled'. Pain scores are Observations (LOINC 72514-3), and the note
is dated by the date of service.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from xml.sax.saxutils import escape

from scribe.export.base import CLAIM_CLIENT_NEEDS, ExportContext, Exporter

CPT = "http://www.ama-assn.org/go/cpt"
HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
PAIN_SCORE = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
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


def modifier_coding(code: str) -> dict:
    """CPT modifiers are two digits (59, 52); HCPCS Level II modifiers are letters (GP, XS, KX)."""
    return {"system": CPT if code.isdigit() else HCPCS, "code": code}


def _pain_observation(fact, when: str, subject: dict, encounter: dict, performer: dict) -> dict:
    timing = "before treatment" if fact.timing.value == "before" else "after treatment"
    obs = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                  "code": "survey"}]}],
        "code": {"coding": [{"system": LOINC, "code": PAIN_SCORE[0], "display": PAIN_SCORE[1]}],
                 "text": f"Pain {timing}"},
        "subject": subject, "encounter": encounter, "effectiveDateTime": when, "performer": [performer],
        "valueInteger": fact.score,
        "note": [{"text": f"Reported {timing}"}],
    }
    if fact.location:
        obs["bodySite"] = {"text": fact.location}
    return obs


def _money(value: Decimal) -> dict:
    return {"value": float(Decimal(value).quantize(Decimal("0.01"))), "currency": "USD"}


def build_bundle(ctx: ExportContext) -> dict:
    """The Bundle as JSON-ready data, each resource validated with its R4B model."""
    from fhir.resources.R4B.bundle import Bundle

    session = ctx.session
    urn = _urns(ctx)
    dos = (ctx.claim.date_of_service or session.date_of_service).isoformat()
    resources = {"patient": _patient(ctx), "practitioner": _practitioner(ctx), "organization": _organization(ctx),
                 "payer": _payer(ctx), "coverage": _coverage(ctx, urn), "encounter": _encounter(ctx, urn, dos)}
    for key in ("pain_before", "pain_after"):
        fact = getattr(session.extraction, key)
        if fact is not None:
            resources[key] = _pain_observation(fact, dos, _ref(urn["patient"]), _ref(urn["encounter"]),
                                               _ref(urn["practitioner"]))
    resources |= {"claim": _claim(ctx, urn, dos), "composition": _composition(ctx, urn, dos)}
    bundle = {
        "resourceType": "Bundle",
        "identifier": {"system": "urn:scribe:export", "value": f"{session.id}-{uuid.uuid4().hex[:8]}"},
        "type": "collection",
        "timestamp": _created(ctx),
        "entry": [{"fullUrl": urn[k], "resource": _validated(r)} for k, r in resources.items()],
    }
    return json.loads(Bundle.model_validate(bundle).model_dump_json(exclude_none=True))


def _urns(ctx: ExportContext) -> dict[str, str]:
    """A stable id per resource of this claim version, so exporting it again names the same things."""
    sid, version = ctx.session.id, ctx.version_number
    return {k: f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'scribe:{sid}:v{version}:{k}')}"
            for k in ("patient", "practitioner", "organization", "payer", "coverage", "encounter", "claim",
                      "composition", "pain_before", "pain_after")}


def _created(ctx: ExportContext) -> str:
    return ctx.now.isoformat(timespec="seconds")


def _patient(ctx: ExportContext) -> dict:
    c = ctx.client
    return {
        "resourceType": "Patient",
        "identifier": [{"system": "urn:scribe:client", "value": ctx.session.client}],
        "name": [{"family": c.last_name, "given": [c.first_name]}],
        "gender": GENDER[c.sex],
        "birthDate": c.date_of_birth.isoformat(),
        "address": [{"line": [c.address], "city": c.city, "state": c.state, "postalCode": c.zip}],
    }


def _practitioner(ctx: ExportContext) -> dict:
    p, prov = ctx.settings.practice, ctx.settings.provider
    practitioner = {
        "resourceType": "Practitioner",
        "identifier": [{"system": NPI, "value": prov.npi or p.billing_npi}],
        "name": [{"family": prov.last_name, "given": [prov.first_name]}],
    }
    if prov.credential:
        practitioner["qualification"] = [{"code": {"text": prov.credential}}]
    return practitioner


def _organization(ctx: ExportContext) -> dict:
    p = ctx.settings.practice
    organization = {
        "resourceType": "Organization",
        "identifier": [{"system": NPI, "value": p.billing_npi}],
        "name": p.name,
    }
    if p.address:
        organization["address"] = [{"line": [p.address], "city": p.city, "state": p.state, "postalCode": p.zip}]
    return organization


def _payer(ctx: ExportContext) -> dict:
    c = ctx.client
    return {"resourceType": "Organization", "name": c.payer_name,
            "identifier": [{"system": "urn:scribe:payer-id", "value": c.payer_id}]}


def _coverage(ctx: ExportContext, urn: dict[str, str]) -> dict:
    c = ctx.client
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
    return coverage


def _encounter(ctx: ExportContext, urn: dict[str, str], dos: str) -> dict:
    encounter = {
        "resourceType": "Encounter",
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB",
                  "display": "ambulatory"},
        "subject": _ref(urn["patient"]),
        "participant": [{"individual": _ref(urn["practitioner"])}],
        "period": {"start": dos, "end": dos},
        "serviceProvider": _ref(urn["organization"]),
    }
    minutes = ctx.session.extraction.session_minutes
    if minutes:
        encounter["length"] = {"value": minutes, "unit": "min", "system": "http://unitsofmeasure.org", "code": "min"}
    return encounter


def _items(ctx: ExportContext, urn: dict[str, str], dos: str, charges: list[Decimal]) -> list[dict]:
    """One Claim.item per claim line: code, modifiers, units, charge and diagnosis pointers."""
    pos = ctx.place_of_service
    items = []
    for n, (line, charge) in enumerate(zip(ctx.claim.lines, charges), 1):
        item = {
            "sequence": n,
            "careTeamSequence": [1],
            "productOrService": {"coding": [{"system": CPT, "code": line.cpt, "display": line.description or None}]},
            "servicedDate": dos,
            "encounter": [_ref(urn["encounter"])],
            "locationCodeableConcept": {"coding": [{"system": POS, "code": pos}]},
            "quantity": {"value": line.units},
            "unitPrice": _money(charge / line.units),
            "net": _money(charge),
        }
        if line.modifiers:
            item["modifier"] = [{"coding": [modifier_coding(m)]} for m in line.modifiers]
        if line.diagnosis_pointers:
            item["diagnosisSequence"] = list(line.diagnosis_pointers)
        items.append(item)
    return items


def _claim(ctx: ExportContext, urn: dict[str, str], dos: str) -> dict:
    claim, reference, version = ctx.claim, ctx.claim_reference, ctx.version_number
    charges = ctx.line_charges()
    fhir_claim = {
        "resourceType": "Claim",
        "identifier": [{"system": "urn:scribe:claim", "value": reference},
                       {"system": "urn:scribe:claim-version", "value": f"{reference}-v{version}"}],
        "status": "cancelled" if ctx.void else "active",
        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "professional"}]},
        "use": "claim",
        "patient": _ref(urn["patient"]),
        "billablePeriod": {"start": dos, "end": dos},
        "created": _created(ctx),
        "insurer": _ref(urn["payer"]),
        "provider": _ref(urn["organization"]),
        "priority": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/processpriority", "code": "normal"}]},
        "careTeam": [{"sequence": 1, "provider": _ref(urn["practitioner"]),
                      "role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claimcareteamrole",
                                           "code": "primary"}]}}],
        "diagnosis": [{"sequence": i, "diagnosisCodeableConcept": {
            "coding": [{"system": ICD10CM, "code": d.code, "display": d.description or None}]}}
            for i, d in enumerate(claim.diagnoses, 1)],
        "insurance": [{"sequence": 1, "focal": True, "coverage": _ref(urn["coverage"])}],
        "item": _items(ctx, urn, dos, charges),
        "total": _money(sum(charges, Decimal("0"))),
    }
    if ctx.replacement or ctx.void:
        fhir_claim["related"] = [_related(ctx)]
    return fhir_claim


def _related(ctx: ExportContext) -> dict:
    """A replacement or void points at the claim it corrects: the payer's number, and our version."""
    related = {
        "relationship": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/related-claim-relationship",
                                     "code": "prior"}]},
        "reference": {"system": "urn:scribe:payer-claim-number", "value": ctx.original_reference},
    }
    if ctx.original_version and ctx.original_version != ctx.version_number:
        related["claim"] = {"identifier": {"system": "urn:scribe:claim-version",
                                           "value": f"{ctx.claim_reference}-v{ctx.original_version}"}}
    return related


def _composition(ctx: ExportContext, urn: dict[str, str], dos: str) -> dict:
    """The SOAP note as a Composition with one LOINC-coded section per field."""
    session = ctx.session
    return {
        "resourceType": "Composition",
        "status": "final",
        "type": {"coding": [{"system": LOINC, "code": "11506-3", "display": "Progress note"}]},
        "subject": _ref(urn["patient"]),
        "encounter": _ref(urn["encounter"]),
        "date": dos,  # the note documents the date of service; the attester says when it was signed
        "author": [_ref(urn["practitioner"])],
        "title": f"SOAP note {session.date_of_service.isoformat()}",
        "attester": [{"mode": "legal", "time": (session.confirmed_at or ctx.now).isoformat(timespec="seconds"),
                      "party": _ref(urn["practitioner"])}],
        "custodian": _ref(urn["organization"]),
        "section": [{"title": title, "code": {"coding": [{"system": LOINC, "code": code, "display": title}]},
                     "text": _narrative(getattr(session.soap, field))}
                    for field, (code, title) in SECTION_CODES.items()],
    }


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
