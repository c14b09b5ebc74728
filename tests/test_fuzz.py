"""Bad input everywhere: one clear sentence, the right exit code, and stored data left as it was.

Typed text is fuzzed with hypothesis through `scribe process -`; audio files are broken in every
way a recording can be; clinic profile and code-pair files are malformed; codes are mistyped by
hand in `scribe edit`; session ids and paths carry tricks. Nothing may end in a traceback.
"""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "samples" / "audio" / "demo_neck_back.flac"
NOTE = ("Client came in with low back pain, six out of ten. Thirty minutes of Swedish massage to "
        "the low back. Pain three out of ten after.")
WORDS = ["minutes", "min", "massage", "Swedish", "myofascial", "release", "trigger", "point", "to", "the",
         "low", "back", "neck", "left", "right", "pain", "out", "of", "ten", "/10", "hour", "half", "an",
         "from", "until", "no", "not", "planned", "husband", "-", "to", "then", ":", "x", "units", "97124"]


def one_clear_line(res) -> None:
    """The contract for bad input: exit 2, one line starting 'error: ', no traceback, no bug."""
    assert res.code == 2, (res.code, res.err)
    assert res.err.startswith("error: ") and len(res.err.strip().splitlines()) == 1, res.err
    assert "Traceback" not in res.err and "hit a bug" not in res.err


def stored_ids() -> list[str]:
    from scribe.store import SessionStore

    return sorted(SessionStore.open().iter_ids())


@pytest.fixture(scope="session")
def transcriber():
    from scribe.transcribe import get_transcriber

    return get_transcriber(None)


# typed text ------------------------------------------------------------------------
numbers_soup = st.lists(
    st.one_of(st.sampled_from(WORDS), st.integers(-10**30, 10**30).map(str),
              st.floats(allow_nan=True, allow_infinity=True).map(str),
              st.from_regex(r"[0-9]{1,3}(:[0-9]{2}|/[0-9]{1,3}|'|-[0-9]{1,3})", fullmatch=True)),
    max_size=60,
).map(" ".join)
any_text = st.text(st.characters(codec="utf-8"), max_size=400)  # control characters, RTL marks, emoji...
raw_bytes = st.binary(max_size=400)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.one_of(numbers_soup.map(str.encode), any_text.map(str.encode), raw_bytes,
                      st.tuples(st.just(NOTE), any_text).map(lambda t: (t[0] + t[1]).encode())))
@example(data=b"")
@example(data=b"\xef\xbb\xbf")  # a byte-order mark and nothing else
@example(data=("lorem ipsum dolor " * 12_000).encode())  # one huge line (216 KB)
@example(data=("massage, " * 4_000).encode())  # a long line dense with techniques
@example(data=b"a" * 1_000_001)  # over the limit
@example(data=("9" * 5000 + " minutes of Swedish massage").encode())
@example(data="Thirty minutes\r\nof massage\rto the back\x00".encode())
@example(data="\u202eTen minutes of massage\u202c to the \U0001f9b6 pain 99999/10".encode())
@example(data=b"\xff\xfe3\x000\x00 \x00m\x00i\x00n\x00")  # UTF-16
def test_any_typed_note_is_processed_or_refused_in_one_sentence(cli, data):
    before = stored_ids()
    res = cli("process", "-", "--json", stdin=data)
    assert res.code in (0, 2), (res.code, res.err)
    assert "Traceback" not in res.err and "hit a bug" not in res.err
    if res.code == 2:
        one_clear_line(res)
        assert stored_ids() == before  # nothing half-stored
        return
    session = res.json()
    assert stored_ids() == sorted([*before, session["id"]])
    expected = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    assert session["transcript"]["text"] == expected  # stored exactly as given
    text = session["transcript"]["text"]
    for line in session["claim"]["lines"]:
        assert all(text[e["char_start"]:e["char_end"]] == e["text"] for e in line["evidence"])


# audio -----------------------------------------------------------------------------
def _wav_header(rate: int, channels: int, frames: int = 1600, bits: int = 16) -> bytes:
    """A WAV whose header says what we like, with that many frames of silence after it."""
    align = channels * bits // 8
    data = b"\x00" * frames * align
    fmt = struct.pack("<IHHIIHH", 16, 1, channels, rate, (rate * align) & 0xFFFFFFFF, align, bits)
    return b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + fmt + b"data" + struct.pack("<I", len(data)) + data


def _pcm_wav(samples: np.ndarray, rate: int = 16000) -> bytes:
    import io

    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return buf.getvalue()


DEMO_BYTES = DEMO.read_bytes()
BROKEN_AUDIO = {  # name: (file name, bytes, words the sentence must contain)
    "truncated": ("visit.flac", DEMO_BYTES[: len(DEMO_BYTES) // 3], "damaged"),
    "header only": ("visit.flac", DEMO_BYTES[:200], "damaged"),
    "zero length": ("visit.wav", b"", "empty"),
    "random bytes": ("visit.wav", bytes(np.random.default_rng(7).integers(0, 256, 5000, dtype=np.uint8)),
                     "cannot be read as audio"),
    "wrong header": ("visit.mp3", b"RIFF\x00\x00\x00\x00WAVEjunk" * 200, "cannot be read as audio"),
    "huge sample rate": ("visit.wav", _wav_header(4_000_000_000, 1), "visit.wav"),
    "sample rate too high": ("visit.wav", _wav_header(1_000_000, 1), "sample rate"),
    "sample rate too low": ("visit.wav", _wav_header(100, 1), "sample rate"),
    "64 channels": ("visit.wav", _wav_header(16000, 64), "64 audio channels"),
    "text renamed .m4a": ("visit.m4a", NOTE.encode() * 20, "cannot be read as audio"),
    "pdf renamed .ogg": ("visit.ogg", b"%PDF-1.7\n" + b"\x00" * 4000, "cannot be read as audio"),
}


@pytest.mark.parametrize("case", list(BROKEN_AUDIO))
def test_a_broken_recording_is_one_sentence_and_nothing_is_kept(cli, scribe_home, tmp_path, case):
    name, data, words = BROKEN_AUDIO[case]
    path = tmp_path / name
    path.write_bytes(data)
    res = cli("process", path)
    one_clear_line(res)
    assert words in res.err
    assert stored_ids() == []
    audio = scribe_home / "audio"
    assert not audio.exists() or list(audio.rglob("*")) == []  # refused before anything was copied


@pytest.mark.slow
@pytest.mark.parametrize("case", ["minutes of silence", "pure white noise"])
def test_a_recording_with_no_speech_is_refused_and_kept_aside(cli, scribe_home, tmp_path, transcriber, case):
    rng = np.random.default_rng(3)
    samples = np.zeros(8000 * 180) if case == "minutes of silence" else 0.5 * rng.standard_normal(16000 * 8)
    path = tmp_path / "visit.wav"
    path.write_bytes(_pcm_wav(samples, rate=8000 if case == "minutes of silence" else 16000))
    res = cli("process", path)
    one_clear_line(res)
    assert "No speech was found" in res.err and "The recording is kept at" in res.err
    assert stored_ids() == []
    audio = scribe_home / "audio"
    assert [p for p in audio.iterdir() if p.is_file()] == []  # not offered as an unprocessed recording
    (kept,) = (audio / "unusable").iterdir()  # as designed: kept, out of the way
    assert kept.read_bytes() == path.read_bytes()
    assert "not processed" not in cli("sessions").err


# clinic data files -------------------------------------------------------------------
BAD_PROFILES = {
    "cut short": b'{"name": "auto-pip", "unit_method": ',
    "empty": b"",
    "a list": b"[1, 2, 3]",
    "wrong type": b'{"name": 5}',
    "unknown key": b'{"name": "x", "unit_method": "per_code", "surprise": 1}',
    "not UTF-8": b"\xff\xfe\x00garbage",
    "NUL bytes": b'{"name": "x\x00"}',
    "huge number": b'{"name": "x", "fee_schedule": {"97124": 1e999}}',
}
BAD_PAIRS = {
    "empty": b"",
    "no header": b"hello,world\n97124,97140\n",
    "header lacks columns": b"Column 1,Column 2\n97124,97140\n",
    "not UTF-8": b"\xff\xfe\x00\x01\x02",
    "NUL byte": b"Column 1,Column 2,*,Effective Date,Deletion Date,Modifier\n97140,97124,,20200101,*,1\x00\n",
    "short row": b"Column 1,Column 2,*,Effective Date,Deletion Date,Modifier\n97124,97140\n",
    "bad indicator": b"Column 1,Column 2,*,Effective Date,Deletion Date,Modifier\n97140,97124,,20200101,*,7\n",
    "bad date": b"Column 1,Column 2,*,Effective Date,Deletion Date,Modifier\n97140,97124,,2020-01-01,*,1\n",
}


@pytest.mark.parametrize("folder, name, case", [("profiles", "clinic.json", c) for c in BAD_PROFILES]
                         + [("pairs", "clinic.csv", c) for c in BAD_PAIRS])
def test_a_malformed_clinic_file_is_named_in_one_sentence(cli, scribe_home, folder, name, case):
    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    before = cli("show", sid, "--json").json()
    bad = scribe_home / folder / name
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes((BAD_PROFILES if folder == "profiles" else BAD_PAIRS)[case])
    for res in (cli("process", "-", stdin=NOTE), cli("edit", sid, "treatment.tr1.minutes", "20")):
        one_clear_line(res)
        assert str(bad) in res.err
    assert stored_ids() == [sid]
    assert cli("show", sid, "--json").json() == before
    bad.unlink()
    assert cli("process", "-", stdin=NOTE).code == 0  # and fixing the file is enough


# codes by hand -------------------------------------------------------------------------
@pytest.mark.parametrize("field, value, words", [
    ("treatment.tr1.cpt", "99999", "not a code this tool bills"),
    ("treatment.tr1.cpt", "", "not a code this tool bills"),
    ("treatment.tr1.cpt", "97124;DROP TABLE sessions", "not a code this tool bills"),
    ("treatment.tr1.cpt", "\u096f\u096d\u0967\u0968\u096a", "not a code this tool bills"),  # Devanagari 97124
    ("treatment.tr1.modifiers", "5,XYZ", "two letters or digits"),
    ("treatment.tr1.minutes", "1e9", "not a number of minutes"),
    ("treatment.tr1.minutes", "-1", "between 0 and 480"),
    ("treatment.tr99.minutes", "20", "no treatment 'tr99'"),
    ("diagnoses", "'; DROP TABLE sessions; --", "not an ICD-10-CM code"),
    ("diagnoses", "../../etc/passwd", "not an ICD-10-CM code"),
    ("diagnoses", "M54.50\x00", "not an ICD-10-CM code"),
    ("diagnoses", "\U0001f9b6", "not an ICD-10-CM code"),
    ("diagnoses", "M54.50," + "A" * 300, "not an ICD-10-CM code"),
    ("payer", "../../profiles/x", "no payer profile"),
    ("date_of_service", "2026-02-30", "not a date"),
    ("transcript.text", "rewritten", "not something that can be edited"),
])
def test_a_mistyped_code_is_refused_and_changes_nothing(cli, field, value, words):
    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    before = cli("show", sid, "--json").json()
    assert [t["id"] for t in before["extraction"]["treatments"]] == ["tr1"]
    res = cli("edit", sid, field, value)
    one_clear_line(res)
    assert words in res.err
    assert "\x00" not in res.err
    assert cli("show", sid, "--json").json() == before


@pytest.mark.parametrize("codes", ["M54.5", "Z99.999", "M54.9999"])
def test_a_well_formed_but_invalid_diagnosis_is_a_finding_never_a_claim_code(cli, codes):
    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    res = cli("edit", sid, "diagnoses", codes, "--json")
    assert res.code == 0, res.err
    data = res.json()
    assert codes not in {d["code"] for d in data["claim"]["diagnoses"]}
    (finding,) = [f for f in data["rule_findings"] if f["id"] == "INVALID_DIAGNOSIS"]
    assert codes in finding["message"]


# path tricks ---------------------------------------------------------------------------
TRICKS = ["../x", "../../etc/passwd", "/etc/passwd", "a/b", "..", "a\x00b", "x\n", "\x1b[2J", "_", "%", "2026%",
          "_" * 8, "x" * 5000]


@pytest.mark.parametrize("trick", TRICKS)
def test_session_ids_with_path_tricks_are_no_session_for_every_command(cli, scribe_home, trick):
    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    assert cli("confirm", sid, "--yes").code == 0
    before = cli("show", sid, "--json").json()
    for args in (["show", trick], ["edit", trick, "soap.plan", "x"], ["confirm", trick, "--yes"],
                 ["export", trick, "--format", "json"], ["review", trick, "--no-browser"]):
        res = cli(*args)
        one_clear_line(res)
        assert "There is no session" in res.err, (args, res.err)
        assert "\x00" not in res.err and "\x1b" not in res.err and len(res.err) < 200
    assert cli("show", sid, "--json").json() == before  # '_' and '%' matched nothing
    written = sorted(p.name for p in scribe_home.rglob("*") if p.is_file() and "scribe.db" not in p.name)
    assert written == [f"{sid}.txt"]  # only the session's own typed text, kept as a recording would be


def test_the_export_download_refuses_index_tricks(scribe_home, cli):
    from fastapi.testclient import TestClient

    from scribe.web.app import create_app
    from scribe.web.security import Guard

    sid = cli("process", "-", "--json", stdin=NOTE).json()["id"]
    assert cli("confirm", sid, "--yes").code == 0
    assert cli("export", sid, "--format", "json").code == 0
    guard = Guard(port=8767)
    page = TestClient(create_app(guard), base_url="http://127.0.0.1:8767")
    assert page.get(f"/?token={guard.token}").status_code == 200
    assert page.get(f"/s/{sid}/exports/0").status_code == 200
    for index in ("-1", "1", "99999999999999999999", "..%2F..%2Fscribe.db", "0%00", "0x0"):
        r = page.get(f"/s/{sid}/exports/{index}")
        assert r.status_code in (404, 422), index
        assert b"SQLite format" not in r.content
