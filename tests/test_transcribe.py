"""Transcription with the real embedded model (tiny.en) on real audio, loaded once per session."""

from __future__ import annotations

import wave
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from scribe.errors import AudioError
from scribe.transcribe import (
    FALLBACK_HOTWORDS,
    build_transcript,
    choose_hotwords,
    get_transcriber,
    keep_segment,
)

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parent.parent / "samples" / "audio"
JFK = DATA / "jfk.flac"


@pytest.fixture(scope="session")
def transcriber():
    return get_transcriber(None)  # cached: one model load for the whole test run


@pytest.fixture(scope="session")
def jfk(transcriber):
    seen: list[float] = []
    return transcriber.transcribe(JFK, progress=seen.append), seen


def _words(transcript) -> list:
    return [w for seg in transcript.segments for w in seg.words]


@pytest.mark.slow
def test_real_speech_gives_the_words_with_timings(jfk):
    transcript, seen = jfk
    plain = " ".join(transcript.text.lower().replace(",", " ").replace(".", " ").split())
    assert "ask not what your country can do for you" in plain
    assert transcript.source == "audio" and transcript.model == "tiny.en"
    words = _words(transcript)
    country = [w for w in words if w.text.lower().strip(",.") == "country"]
    assert len(country) == 2
    assert 3.0 < country[0].start < country[0].end < 7.0 < country[1].start < 11.0
    assert all(0.0 <= w.start <= w.end <= 11.1 for w in words)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


@pytest.mark.slow
def test_every_offset_points_at_its_own_text(jfk):
    transcript, _ = jfk
    for seg in transcript.segments:
        assert transcript.text[seg.char_start:seg.char_end] == seg.text
        for w in seg.words:
            assert transcript.text[w.char_start:w.char_end] == w.text
    start = transcript.text.lower().index("country")
    span = transcript.time_span(start, start + len("country"))
    assert span is not None and 3.0 < span[0] < 7.0


@pytest.mark.slow
def test_a_sample_dictation_keeps_its_key_terms(transcriber):
    transcript = transcriber.transcribe(SAMPLES / "demo_neck_back.flac")
    text = transcript.text.lower()
    for term in ("swedish massage", "upper back", "upper trapezius", "myofascial"):
        assert term in text, f"{term!r} missing from: {transcript.text}"
    assert "25 minutes" in text or "twenty five minutes" in text or "twenty-five minutes" in text


@pytest.mark.slow
def test_silence_never_becomes_a_note(transcriber, tmp_path):
    path = tmp_path / "silent.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes(b"\x00\x00" * 16000 * 4)
    with pytest.raises(AudioError, match="No speech was found in silent.wav"):
        transcriber.transcribe(path)


@pytest.mark.slow
def test_steady_noise_without_words_is_refused(transcriber, tmp_path):
    """Loud enough to pass the level check; nothing a speech model should write down."""
    path = tmp_path / "hum.wav"
    t = np.arange(16000 * 5) / 16000
    hum = 0.3 * np.sin(2 * np.pi * 60 * t) + 0.01 * np.random.default_rng(0).standard_normal(t.size)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(16000)
        wav.writeframes((np.clip(hum, -1, 1) * 32767).astype("<i2").tobytes())
    with pytest.raises(AudioError, match="No speech was found in hum.wav"):
        transcriber.transcribe(path)


@pytest.mark.slow
def test_transcription_makes_no_network_call(transcriber, no_network):
    from scribe.transcribe import Transcriber

    fresh = Transcriber(None)  # loading the model, too, stays offline
    assert "country" in fresh.transcribe(JFK).text.lower()


def _seg(text, words=None, **kw):
    base = dict(start=0.0, end=1.0, no_speech_prob=0.01, avg_logprob=-0.2, compression_ratio=1.2)
    return SimpleNamespace(text=text, words=words, **{**base, **kw})


def _w(word, start, end, p=0.9):
    return SimpleNamespace(word=word, start=start, end=end, probability=p)


def test_doubtful_looping_and_stock_phrases_are_dropped():
    assert keep_segment(_seg(" Twenty minutes of effleurage."))
    assert not keep_segment(_seg(" Thank you."))
    assert not keep_segment(_seg(" Thanks for watching!"))
    assert not keep_segment(_seg(" [MUSIC]"))
    assert not keep_segment(_seg(" back back back", no_speech_prob=0.1, compression_ratio=3.1))
    assert not keep_segment(_seg(" so the", no_speech_prob=0.8, avg_logprob=-1.4))
    assert keep_segment(_seg(" Pain four out of ten.", no_speech_prob=0.8, avg_logprob=-0.3))


def test_offsets_are_exact_across_segments_and_odd_spacing():
    segs = [
        _seg(" Pain 7/10.", [_w(" Pain", 0.0, 0.3), _w(" 7/10.", 0.3, 0.9)]),
        _seg(" Swedish", [_w(" Swedish", 1.0, 1.4), _w("-style", 1.4, 1.6, 0.4)], start=1.0, end=1.6),
        _seg(" no words here", None, start=2.0, end=2.5),
    ]
    t = build_transcript(segs, model="tiny.en", language="en", audio=None)
    assert t.text == "Pain 7/10. Swedish-style no words here"
    for seg in t.segments:
        assert t.text[seg.char_start:seg.char_end] == seg.text
        for w in seg.words:
            assert t.text[w.char_start:w.char_end] == w.text
    assert t.min_probability(t.text.index("Swedish"), t.text.index(" no")) == 0.4


def test_hotwords_prefer_rare_terms_and_never_a_misspelling():
    terms = ["effleurage", "efflurage", "back", "neck", "levator scapulae", "petrissage", "petrisage"]
    pieces = {"effleurage": 4, "efflurage": 4, "petrissage": 3, "petrisage": 3, "levator": 2, "scapulae": 3}
    hot = choose_hotwords(terms, lambda s: pieces.get(s.strip(), 1), budget=100)
    assert hot == "effleurage, levator, scapulae, petrissage."
    tight = choose_hotwords(terms, lambda s: pieces.get(s.strip(), 1), budget=6)
    assert tight == "effleurage."
    assert FALLBACK_HOTWORDS  # used when the extraction patterns are absent


def test_the_model_is_primed_with_the_measured_hotword_list_not_every_new_term(transcriber):
    """What the model hears changes with its hotwords: they come from patterns/hotwords.json, all of
    them within the token budget, and each is a word of a technique or area name (the list stays
    tied to the vocabulary). Adding a vocabulary entry does not change them."""
    import json

    from extraction import vocab
    from scribe import transcribe

    listed = json.loads((Path(transcribe.__file__).parent.parent / "extraction" / "patterns" / "hotwords.json")
                        .read_text(encoding="utf-8"))["words"]
    assert transcriber.hotwords == ", ".join(listed) + "."
    names = " ".join(t.lower() for e in [*vocab.techniques(), *vocab.areas()] for t in [e.label, *e.terms])
    assert all(word in names for word in listed)
    assert transcribe._pattern_terms() == listed  # not the technique and area names in file order


@pytest.mark.slow
def test_the_model_is_loaded_once_per_process(transcriber):
    assert get_transcriber("tiny.en") is transcriber is get_transcriber(None)


def test_truncation_guard_flags_a_stretched_word_and_too_few_words():
    from types import SimpleNamespace as NS

    from scribe.transcribe import looks_truncated

    def seg(words):
        return NS(text=" ".join(w for w, _, _ in words), words=[NS(word=w, start=a, end=b) for w, a, b in words])

    normal = [seg([("thirty", 0.0, 0.4), ("minutes", 0.4, 0.9), ("of", 0.9, 1.0), ("massage", 1.0, 1.6)])]
    assert not looks_truncated(normal, 2.0)
    # seen on a real sample: 25 words, then the last one stretched to the end of the window
    stretched = [seg([(f"w{i}", i * 0.6, i * 0.6 + 0.3) for i in range(25)] + [("didn't", 16.72, 27.64)])]
    assert looks_truncated(stretched, 27.7)
    # a long pause inside an otherwise well-filled segment is not truncation
    paused = [seg([(f"w{i}", i * 0.3, i * 0.3 + 0.2) for i in range(40)] + [("okay", 12.0, 16.0)])]
    assert not looks_truncated(paused, 16.0)
    sparse = [seg([(f"w{i}", i * 0.3, i * 0.3 + 0.2) for i in range(5)])]
    assert looks_truncated(sparse, 30.0) and not looks_truncated(sparse, 4.0)
