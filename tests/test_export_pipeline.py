"""End to end: sample dictations processed by the real pipeline, confirmed, exported and validated."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from models import Transcript
from scribe.errors import Refused
from scribe.settings import set_setting
from tests.test_export_support import fill_client, fill_practice, store  # noqa: F401  (fixture)
from tests.test_x12_837p import pyx12_valid, segments

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "text"
CODES = ("97124", "97140", "97110", "97112", "97530", "97010", "97116", "97035")


@pytest.fixture
def processed(store):
    """Every sample note as a stored session; confirmed where the rules allow it without overrides."""
    pytest.importorskip("billing")
    from scribe.actions import confirm
    from scribe.analysis import build_session

    fill_practice()
    set_setting("provider.type", "PT")  # PT codes are in scope, so more notes confirm
    for payer in ("commercial", "commercial-cms", "medicare"):
        for cpt in CODES:
            set_setting(f"fees.{payer}.{cpt}", "40")
    fill_client(store)
    confirmed = []
    for note in sorted(SAMPLES.glob("*.txt"))[::2]:  # half the cases keeps the run short; all themes stay
        payer = json.loads(note.with_suffix(".json").read_text())["payer"]
        session = build_session(Transcript.from_text(note.read_text()), payer=payer, date_of_service=date(2026, 3, 9),
                                client="jdoe", session_id=note.stem.replace("_", "-")[:64])
        store.create(session)
        try:
            session = store.save(confirm(session))
        except Refused:
            continue
        if session.claim.lines and all(ln.diagnosis_pointers for ln in session.claim.lines):
            confirmed.append(session)
    return confirmed


def test_processed_notes_export_to_valid_claims_and_notes(store, processed):
    from fhir.resources.R4B.bundle import Bundle

    from scribe.export import export_sessions

    assert len(processed) >= 15, [s.id for s in processed]
    ids = [s.id for s in processed]
    for result, session in zip(export_sessions(ids, "837p", store=store), processed):
        text = Path(result.path).read_text()
        assert pyx12_valid(text), session.id
        segs = segments(text)
        sv1 = [s for s in segs if s.startswith("SV1*")]
        assert len(sv1) == len(session.claim.lines)
        for seg, line in zip(sv1, session.claim.lines):
            procedure, _, _, units = seg.split("*")[1:5]
            assert procedure == ":".join(["HC", line.cpt, *line.modifiers]) and int(units) == line.units
        hi = next(s for s in segs if s.startswith("HI*")).split("*")[1:]
        assert [h.split(":")[1] for h in hi] == [d.code.replace(".", "") for d in session.claim.diagnoses]
    for result, session in zip(export_sessions(ids, "fhir", store=store), processed):
        bundle = Bundle.model_validate_json(Path(result.path).read_text())
        claim = next(e.resource for e in bundle.entry if e.resource.get_resource_type() == "Claim")
        assert [i.productOrService.coding[0].code for i in claim.item] == [ln.cpt for ln in session.claim.lines]
    for result, session in zip(export_sessions(ids, "cms1500-csv", store=store), processed):
        rows = list(csv.DictReader(open(result.path, newline="")))
        assert [r["value"] for r in rows if r["field"] == "24D_cpt"] == [ln.cpt for ln in session.claim.lines]
    assert all(s.status.value == "exported" for s in store.list() if s.id in ids)

    # the SOAP note of a processed dictation, read back from the PDF
    from pypdf import PdfReader

    session = next(s for s in processed if s.id == "mod-distinct-regions-commercial")
    [result] = export_sessions([session.id], "soap-pdf", store=store)
    reader = PdfReader(result.path)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for line in session.claim.lines:
        assert line.cpt in text
    for t in session.extraction.treatments:
        assert str(t.minutes) in text
    assert session.soap.subjective.split()[0] in text
