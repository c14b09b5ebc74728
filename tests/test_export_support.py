"""Sessions, practice settings and clients for the export tests (built from the models directly)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from models import (
    AreaRef,
    Claim,
    ClaimLine,
    Diagnosis,
    Evidence,
    Extraction,
    PainFact,
    PainTiming,
    Region,
    Session,
    SessionStatus,
    SoapNote,
    Transcript,
    Treatment,
)

NOTE = (
    "Client reports low back pain seven out of ten and tight neck. Thirty minutes of Swedish massage "
    "to the back, fifteen minutes of myofascial release to the left upper trapezius. "
    "Pain down to three out of ten at the end. Continue weekly, home stretching."
)
CONFIRMED_AT = datetime(2026, 3, 9, 17, 45, tzinfo=timezone.utc)


def _ev(text: str, rule: str) -> Evidence:
    start = NOTE.index(text)
    return Evidence(char_start=start, char_end=start + len(text), text=text, rule_id=rule)


def make_session(session_id: str = "20260309-a1b2c3", *, client: str | None = "jdoe", extra_lines: int = 0,
                 status: SessionStatus = SessionStatus.confirmed, charges: bool = False) -> Session:
    back = AreaRef(area="back", label="back", regions=[Region.thoracic, Region.lumbar])
    trap = AreaRef(area="upper_trapezius", label="upper trapezius", laterality="left", regions=[Region.cervical])
    treatments = [
        Treatment(id="tr1", technique="swedish", label="Swedish massage", cpt="97124", minutes=30, areas=[back],
                  evidence=[_ev("Thirty minutes of Swedish massage", "tech.swedish")], order=0),
        Treatment(id="tr2", technique="myofascial_release", label="Myofascial release", cpt="97140", minutes=15,
                  areas=[trap], evidence=[_ev("fifteen minutes of myofascial release", "tech.mfr")], order=1),
    ]
    before = PainFact(id="p1", evidence=_ev("seven out of ten", "pain"), score=7, timing=PainTiming.before,
                      location="low back")
    after = PainFact(id="p2", evidence=_ev("three out of ten", "pain"), score=3, timing=PainTiming.after)
    diagnoses = [
        Diagnosis(code="M54.50", description="Low back pain, unspecified"),
        Diagnosis(code="M62.830", description="Muscle spasm of back"),
        Diagnosis(code="M54.2", description="Cervicalgia"),
    ]
    lines = [
        ClaimLine(cpt="97124", description="Massage therapy", units=2, minutes=30, modifiers=["59"],
                  diagnosis_pointers=[1, 2], regions=[Region.thoracic, Region.lumbar], treatment_ids=["tr1"],
                  charge=Decimal("120.00") if charges else None),
        ClaimLine(cpt="97140", description="Manual therapy techniques", units=1, minutes=15,
                  diagnosis_pointers=[3], regions=[Region.cervical], treatment_ids=["tr2"],
                  charge=Decimal("65.00") if charges else None),
    ]
    for i in range(extra_lines):  # long claims: CMS-1500 pages, several LX loops
        lines.append(ClaimLine(cpt="97110", units=1 + i % 3, minutes=15 * (1 + i % 3), modifiers=["GP"],
                               diagnosis_pointers=[1 + i % 3]))
    dos = date(2026, 3, 9)
    now = datetime(2026, 3, 9, 17, 30, tzinfo=timezone.utc)
    return Session(
        id=session_id, status=status, created_at=now, updated_at=now, date_of_service=dos, payer="commercial",
        client=client, transcript=Transcript.from_text(NOTE),
        extraction=Extraction(treatments=treatments, facts=[before, after], pain_before=before, pain_after=after),
        soap=SoapNote(
            subjective="Client reports low back pain 7/10 and a tight neck after long hours at a desk.",
            objective="Hypertonic thoracic and lumbar paraspinals; trigger point in the left upper trapezius. "
                      "Swedish massage to the back 30 min; myofascial release to the left upper trapezius 15 min.",
            assessment="Pain 7/10 before, 3/10 after; improved range of motion in the neck.",
            plan="Continue weekly for four weeks; home stretching for the neck.",
        ),
        claim=Claim(payer="commercial", date_of_service=dos, diagnoses=diagnoses, lines=lines, client_ref=client),
        confirmed_at=CONFIRMED_AT if status != SessionStatus.draft else None,
    )


PRACTICE = {
    "practice.name": "Harbor Massage & Bodywork",
    "practice.address": "120 Main Street Suite 4",
    "practice.city": "Portland",
    "practice.state": "ME",
    "practice.zip": "04101-1234",
    "practice.phone": "207-555-0142",
    "practice.tax_id": "12-3456789",
    "practice.billing_npi": "1234567893",
    "practice.taxonomy": "225700000X",
    "provider.first_name": "Maria",
    "provider.last_name": "Lopez",
    "provider.credential": "LMT",
    "provider.npi": "1245319599",
    "submitter.id": "HARBOR01",
    "submitter.name": "Harbor Massage",
    "submitter.contact_name": "Maria Lopez",
    "submitter.contact_phone": "2075550142",
    "receiver.id": "CLEARHOUSE1",
    "receiver.name": "Example Clearinghouse",
    "fees.commercial.97124": "60",
    "fees.commercial.97140": "65.50",
    "fees.commercial.97110": "55",
}

CLIENT = {
    "first_name": "Jane", "last_name": "Doe", "date_of_birth": "1984-07-21", "sex": "F",
    "address": "45 Ocean Ave", "city": "Portland", "state": "ME", "zip": "04103",
    "phone": "2075550199", "member_id": "XYZ123456789", "group_number": "GRP7700",
    "payer_name": "Acme Health Plan", "payer_id": "ACME01",
}


def fill_practice() -> None:
    from scribe.settings import set_setting

    for key, value in PRACTICE.items():
        set_setting(key, value)


def fill_client(store, client_id: str = "jdoe", **changes) -> None:
    from scribe.clients import update_client

    update_client(store, client_id, {**CLIENT, **changes})


@pytest.fixture
def store():
    from scribe.store import SessionStore

    return SessionStore.open()


@pytest.fixture
def ready(store):
    """A practice with every setting, a client with every detail, one confirmed session stored."""
    fill_practice()
    fill_client(store)
    session = store.create(make_session())
    return store, session


def test_sample_session_is_a_valid_confirmed_session():
    s = make_session(extra_lines=7)
    assert s.status == SessionStatus.confirmed
    assert len(s.claim.lines) == 9
    assert [d.x12 for d in s.claim.diagnoses] == ["M5450", "M62830", "M542"]
