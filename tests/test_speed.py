"""What makes a start cheap: the code set and hotwords cached once, loading overlapped with the
speech model, and one decode of each stretch of speech (issue 15). Timing lives in bench/; these
tests check that the faster path gives the same answers as the slow one it replaced."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from billing import codeset
from scribe import caches, paths


@pytest.fixture(scope="module")
def cm():
    import simple_icd_10_cm

    return simple_icd_10_cm


@pytest.fixture(scope="module")
def index():
    return codeset.CodeIndex.from_package()


def _old_validate(cm, code):
    """What validate_code answered when it asked simple-icd-10-cm directly."""
    norm = codeset.normalize(code)
    if not codeset._CODE.match(norm) or not cm.is_valid_item(norm) or cm.is_chapter_or_block(norm):
        return norm, False, False, "", []
    leaf = cm.is_leaf(norm)
    examples = [] if leaf else [d for d in cm.get_descendants(norm) if cm.is_leaf(d)][:3]
    return norm, True, leaf, cm.get_description(norm), examples


def test_the_index_answers_as_the_official_package_does(cm, index):
    codeset.install_index(index)
    rng = random.Random(15)
    sample = rng.sample(cm.get_all_codes(True), 1500) + [
        "M54.5", "M54.50", "m5450", "M25.513", "S13.4XXD", "B10", "B10.01", "M54", "M50-M54", "13", "XYZ", ""]
    for code in sample:
        got = codeset.validate_code(code)
        assert (got.code, got.exists, got.billable, got.description, got.examples) == _old_validate(cm, code), code


def test_excludes1_notes_follow_every_ancestor(cm, index):
    """Including past a one-category block that shares its category's name (B10, Z16)."""
    codeset.install_index(index)
    for code in ["M54.50", "M54.41", "M54.31", "Z16.10", "B10.01", "G44.209", "M79.7"]:
        expected = {n for node in [code, *cm.get_ancestors(code)] for n in cm.get_excludes1(node)
                    if codeset._targets(n)}
        assert {note for note, _ in codeset._excludes1(code)} == expected, code


def test_the_index_round_trips_and_refuses_anything_else(index):
    blob = index.dumps()
    assert codeset.CodeIndex.loads(blob).entries == index.entries
    for bad in (b"", b"not an index", blob[: len(blob) // 2]):
        with pytest.raises(ValueError):
            codeset.CodeIndex.loads(bad)


def test_the_code_index_is_cached_in_the_data_folder_and_rebuilt_when_damaged(monkeypatch, index):
    built = []

    def build():
        built.append(1)
        return index

    monkeypatch.setattr(codeset.CodeIndex, "from_package", staticmethod(build))
    caches.install_code_index()
    cached = list(paths.cache_dir().glob("icd10cm-*.bin"))
    assert len(built) == 1 and len(cached) == 1 and cached[0].stat().st_mode & 0o077 == 0
    caches.install_code_index()
    assert len(built) == 1  # read back, not rebuilt
    cached[0].write_bytes(b"damaged")
    caches.install_code_index()
    assert len(built) == 2 and codeset.CodeIndex.loads(cached[0].read_bytes()).entries == index.entries
    assert codeset.validate_code("M54.50").billable


def test_hotwords_are_chosen_once_per_vocabulary_and_tokenizer():
    calls = []

    def build():
        calls.append(1)
        return "effleurage, petrissage."

    assert caches.hotwords(["effleurage"], "tok-a", build) == "effleurage, petrissage."
    assert caches.hotwords(["effleurage"], "tok-a", build) == "effleurage, petrissage."
    assert len(calls) == 1
    caches.hotwords(["effleurage", "tapotement"], "tok-a", build)  # the vocabulary changed
    caches.hotwords(["effleurage"], "tok-b", build)  # another model's tokenizer
    assert len(calls) == 3


def test_a_warm_up_failure_reaches_the_caller_like_the_same_call_would():
    from billing.errors import UnknownProfile
    from scribe.analysis import warm_up

    with pytest.raises(UnknownProfile):
        warm_up("no-such-payer").join()
    warm_up("commercial").join()  # loads cleanly


@pytest.mark.slow
def test_the_pause_after_the_last_word_adds_no_words():
    """The sequential decoder went back to the end of the last word and filled the trailing pause
    with a guessed word ("... after the session. And,") after seconds of retries at higher
    temperatures; each stretch of speech is now decoded once."""
    from scribe.evaluate import normalise_words
    from scribe.transcribe import get_transcriber

    sample = Path(__file__).parent.parent / "samples" / "audio" / "demo_neck_back"
    heard = normalise_words(get_transcriber(None).transcribe(sample.with_suffix(".flac")).text)
    said = normalise_words(sample.with_suffix(".ref.txt").read_text())
    assert heard[-3:] == said[-3:] == ["after", "the", "session"]


def _comparable(session) -> dict:
    """A session without what differs between any two runs (ids, clocks)."""
    data = session.model_dump(mode="json", exclude={"id", "created_at", "updated_at"})
    for entry in data["audit"]:
        entry.pop("at")
    return data


def test_the_analysis_process_gives_the_session_an_in_process_run_gives():
    """`scribe process FILE` builds the session in a second process (scribe/analysis_process.py); what comes
    back through JSON must be what the same call gives here, facts, evidence and claim alike."""
    from datetime import date

    from models import Transcript
    from scribe.analysis import build_session
    from scribe.analysis_process import AnalysisProcess

    transcript = Transcript.from_text(
        "Low back pain with sciatica down the right leg, pain 7/10. Twenty minutes of myofascial release to the"
        " lumbar spine, then thirty minutes of Swedish massage to the neck and shoulders. Not doing cupping today."
        " Pain 3/10 after.")
    kwargs = {"payer": "commercial-cms", "date_of_service": date(2026, 11, 30), "client": None,
              "input_kind": "audio", "input_path": "audio/x.wav"}
    here = build_session(transcript, **kwargs)
    there = AnalysisProcess("commercial-cms").build_session(transcript, **kwargs)
    assert here.claim.lines and there.extraction.facts
    assert _comparable(there) == _comparable(here)


def test_the_analysis_process_raises_the_error_the_same_call_raises_here():
    from models import Transcript
    from billing.errors import UnknownProfile
    from scribe.analysis_process import AnalysisProcess

    with pytest.raises(UnknownProfile):
        AnalysisProcess("no-such-payer").build_session(Transcript.from_text("x"), payer="no-such-payer",
                                                      date_of_service=None)


def test_a_session_the_analysis_process_saves_is_the_one_this_process_reads(scribe_home):
    """The child saves the session when asked; a store this process already had open sees it.
    (With a forked child, which shares this process's SQLite state, a saved session went missing
    for the parent in the whole-chain privacy test: hence spawn.)"""
    from models import Transcript
    from scribe.analysis import build_session
    from scribe.analysis_process import AnalysisProcess
    from scribe.store import SessionStore

    store = SessionStore.open()
    first = store.create(build_session(Transcript.from_text("Twenty minutes of myofascial release to the neck."),
                                       payer="commercial"))
    assert [x.id for x in store.list()] == [first.id]
    saved = AnalysisProcess("commercial", save=True).build_session(
        Transcript.from_text("Thirty minutes of Swedish massage to the back, pain 6/10 before and 2/10 after."),
        payer="commercial", date_of_service=None)
    again = store.get(saved.id)
    assert again.claim.lines[0].cpt == "97124" and again.claim.lines[0].units == 2
    assert _comparable(again) == _comparable(saved)


def test_a_recording_that_cannot_be_transcribed_leaves_no_analysis_process_behind(tmp_path):
    """Silent audio stops `scribe process` before any transcript: the analysis process is stopped too,
    and the error is the one the therapist would see without it."""
    import multiprocessing

    import numpy as np

    from scribe.analysis_process import AnalysisProcess
    from scribe.audio import to_wav_bytes
    from scribe.errors import AudioError
    from scribe.ingest import process_audio_file

    silent = tmp_path / "silent.wav"
    silent.write_bytes(to_wav_bytes(np.zeros(16000 * 3)))
    with pytest.raises(AudioError, match="No speech was found"):
        process_audio_file(silent, analysis=AnalysisProcess("commercial", save=True))
    assert multiprocessing.active_children() == []


def test_the_tokenizer_built_once_keeps_the_dictation_shorthand_rules():
    """The rules live in the language data (extraction/pipeline.py), so the tokenizer is built once
    instead of reloading its special cases for each rule; it must still split what they split."""
    from extraction.pipeline import load_pipeline

    doc = load_pipeline("").make_doc("15mins x15, ~20 min, pain 7/10->3/10, 10–15 minutes at 2:40pm, don't")
    assert [t.text for t in doc] == ["15", "mins", "x", "15", ",", "~", "20", "min", ",", "pain", "7/10", "->",
                                     "3/10", ",", "10", "–", "15", "minutes", "at", "2:40", "pm", ",", "do", "n't"]


@pytest.mark.slow
def test_a_recording_is_decoded_once_on_its_way_to_a_session(scribe_home, monkeypatch):
    """Validating a recording decodes it; the speech model gets those samples, not the file again."""
    import scribe.audio
    import scribe.transcribe
    from scribe.ingest import process_audio_file

    real, calls = scribe.audio.decode, []

    def counting(path, **kwargs):
        calls.append(Path(path).name)
        return real(path, **kwargs)

    monkeypatch.setattr(scribe.audio, "decode", counting)
    monkeypatch.setattr(scribe.transcribe, "decode", counting)
    sample = Path(__file__).parent.parent / "samples" / "audio" / "demo_neck_back.flac"
    session = process_audio_file(sample)
    assert calls == ["demo_neck_back.flac"]
    assert "97124" in {ln.cpt for ln in session.claim.lines}
