"""X12 837P: generated from claims, checked with pyx12 (a real X12 validator), replacements, control numbers."""

from __future__ import annotations

import io
import multiprocessing
from pathlib import Path

import pytest

from models import SessionStatus
from scribe.actions import confirm, edit
from scribe.errors import Refused
from scribe.export import export_sessions
from scribe.export.control import next_control_number
from scribe.export.x12_check import problems
from tests.test_export_support import fill_client, make_session, ready, store  # noqa: F401  (fixtures)


def pyx12_valid(text: str) -> bool:
    """pyx12's own verdict, called directly (not through our wrapper)."""
    import pyx12.params
    import pyx12.x12n_document

    return pyx12.x12n_document.x12n_document(
        param=pyx12.params.params(), src_file=io.StringIO(text), fd_997=io.StringIO(), fd_html=None)


def segments(text: str) -> list[str]:
    return [s.strip() for s in text.split("~") if s.strip()]


def export_837(store, session_id: str, **kw) -> str:
    [result] = export_sessions([session_id], "837p", store=store, **kw)
    return Path(result.path).read_text(encoding="ascii")


def test_claim_with_several_lines_modifiers_and_diagnoses_is_valid(ready):
    store, session = ready
    text = export_837(store, session.id)
    assert pyx12_valid(text)
    assert problems(text) == []
    segs = segments(text)
    assert "HI*ABK:M5450*ABF:M62830*ABF:M542" in segs
    # 97124: 2 units at the $60 fee, modifier 59, pointers 1 and 2
    assert "SV1*HC:97124:59*120*UN*2***1:2" in segs
    assert "SV1*HC:97140*65.5*UN*1***3" in segs
    assert segs.count("DTP*472*D8*20260309") == 2
    clm = next(s for s in segs if s.startswith("CLM*"))
    assert clm.split("*")[1] == "20260309A1B2C3"
    assert clm.split("*")[2] == "185.5"  # total = sum of lines
    assert clm.split("*")[5] == "11:B:1"  # office, original claim
    assert not any(s.startswith("REF*F8") for s in segs)
    assert "NM1*85*2*HARBOR MASSAGE & BODYWORK*****XX*1234567893" in segs
    assert "REF*EI*123456789" in segs
    assert "NM1*82*1*LOPEZ*MARIA****XX*1245319599" in segs  # rendering differs from billing NPI
    # SE counts the segments from ST to SE inclusive
    st, se = next(i for i, s in enumerate(segs) if s.startswith("ST*")), next(i for i, s in enumerate(segs) if s.startswith("SE*"))
    assert int(segs[se].split("*")[1]) == se - st + 1
    # the control numbers of ISA, GS, GE and IEA agree
    isa13 = segs[0].split("*")[13]
    assert segs[-1] == f"IEA*1*{isa13}" and segs[-2] == f"GE*1*{int(isa13)}"
    assert len(segs[0]) == 105  # ISA is fixed width


def test_long_claim_with_many_service_lines_is_valid(ready):
    store, _ = ready
    store.create(make_session("20260309-long01", extra_lines=9))
    text = export_837(store, "20260309-long01")
    assert pyx12_valid(text)
    segs = segments(text)
    assert [s for s in segs if s.startswith("LX*")] == [f"LX*{n}" for n in range(1, 12)]
    assert "SV1*HC:97110:GP*110*UN*2***2" in segs


def test_client_who_is_not_the_subscriber_gets_a_patient_loop(ready):
    store, session = ready
    fill_client(store, relationship="child", subscriber_first_name="John", subscriber_last_name="Doe",
                subscriber_date_of_birth="1960-01-02", subscriber_sex="M")
    text = export_837(store, session.id)
    assert pyx12_valid(text)
    segs = segments(text)
    assert "HL*2*1*22*1" in segs and "HL*3*2*23*0" in segs and "PAT*19" in segs
    assert "NM1*IL*1*DOE*JOHN****MI*XYZ123456789" in segs
    assert "NM1*QC*1*DOE*JANE" in segs
    assert "SBR*P**GRP7700******CI" in segs


def test_edited_after_export_goes_out_as_a_replacement(ready):
    store, session = ready
    first = export_837(store, session.id)
    assert "CLM*20260309A1B2C3*185.5***11:B:1*Y*A*Y*Y" in segments(first)
    stored = store.get(session.id)
    assert stored.status == SessionStatus.exported
    edited = edit(stored, "soap.plan", "Continue weekly; add home heat.")
    assert edited.status == SessionStatus.draft  # must be confirmed again
    store.save(edited)
    with pytest.raises(Refused, match="only a confirmed session"):
        export_sessions([session.id], "837p", store=store)
    store.save(confirm(store.get(session.id)))
    # a replacement carries the payer's claim number of the original, never our own
    with pytest.raises(Refused, match="payer's claim number"):
        export_837(store, session.id)
    second = export_837(store, session.id, original_reference="PAYER-ICN-778899")
    assert pyx12_valid(second)
    segs = segments(second)
    clm = next(s for s in segs if s.startswith("CLM*"))
    assert clm.split("*")[5] == "11:B:7"
    assert "REF*F8*PAYER-ICN-778899" in segs and "REF*F8*20260309A1B2C3" not in segs
    assert segs.index("REF*F8*PAYER-ICN-778899") < next(i for i, s in enumerate(segs) if s.startswith("HI*"))
    record = store.get(session.id).exports[-1]
    assert record.replacement and record.frequency == "7" and record.version == 2
    assert record.claim_reference == "20260309A1B2C3" and record.original_reference == "PAYER-ICN-778899"
    # the same version again: the same replacement, the payer's number remembered; never frequency 1 again
    third = segments(export_837(store, session.id))
    assert next(s for s in third if s.startswith("CLM*")).split("*")[5] == "11:B:7"
    assert "REF*F8*PAYER-ICN-778899" in third


def test_control_numbers_never_repeat(ready):
    store, session = ready
    numbers = [segments(export_837(store, session.id))[0].split("*")[13] for _ in range(3)]
    assert len(set(numbers)) == 3
    assert numbers == sorted(numbers)


def _take(home: str, n: int, queue) -> None:
    import os

    os.environ["SCRIBE_HOME"] = home
    queue.put([next_control_number() for _ in range(n)])


def test_control_counter_is_safe_across_processes(scribe_home):
    scribe_home.mkdir(parents=True, exist_ok=True)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_take, args=(str(scribe_home), 25, queue)) for _ in range(4)]
    for p in procs:
        p.start()
    got = [n for _ in procs for n in queue.get(timeout=60)]
    for p in procs:
        p.join(timeout=60)
    assert sorted(got) == list(range(1, 101))
    assert next_control_number() == 101  # persisted in the data folder


@pytest.mark.parametrize("breakage", [
    lambda t: t.replace("SE*29*0001", "SE*28*0001"),                      # wrong segment count
    lambda t: t.replace("GE*1*1~", "GE*1*2~"),                            # GE does not match GS
    lambda t: "\n".join(l for l in t.splitlines() if not l.startswith("NM1*85")),  # no billing provider
    lambda t: t.replace("DTP*472*D8*20260309", "DTP*472*D8*2026030"),    # bad date
])
def test_validator_rejects_broken_files(ready, breakage):
    store, session = ready
    good = export_837(store, session.id)
    assert "SE*29*0001" in good and "GE*1*1~" in good
    broken = breakage(good)
    assert broken != good
    assert not pyx12_valid(broken)
    assert problems(broken)
