"""The second listen to -ty minute counts: rules with a fake scorer, then the real tiny.en."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from scribe import relisten
from scribe.relisten import RelistenedWord, Relistener, relisten_segments
from scribe.transcribe import build_transcript, get_transcriber

SAMPLES = Path(__file__).parent.parent / "samples" / "audio"


def _w(word, start):
    return SimpleNamespace(word=word, start=start, end=start + 0.4, probability=0.9)


def _segments(*words):
    seg = SimpleNamespace(start=0.0, end=10.0, text="".join(words), avg_logprob=-0.2, no_speech_prob=0.01,
                          words=[_w(w, n * 0.5) for n, w in enumerate(words)])
    return [seg]


@pytest.fixture
def scorer(monkeypatch):
    """A Relistener that prefers whatever reading ``prefer`` holds, and records what it was asked."""
    asked: list[tuple[str, str]] = []
    prefer = {"reading": "teen"}

    def score(self, encoded, prefix, continuation):
        asked.append((prefix, continuation))
        number = continuation.split()[0]
        is_teen = number.endswith("teen") or (number.isdigit() and int(number) < 20)
        return 0.0 if is_teen == (prefer["reading"] == "teen") else -1.0

    monkeypatch.setattr(Relistener, "__init__", lambda self, model: None)
    monkeypatch.setattr(Relistener, "_encode", lambda self, clip: None)
    monkeypatch.setattr(Relistener, "score", score)
    return SimpleNamespace(asked=asked, prefer=prefer)


def test_a_ty_minute_count_the_clip_hears_as_teen_is_lowered_and_keeps_what_was_heard(scorer):
    segs = _segments(" I", " did", " 50", " minutes,", " then", " Fifty", " minutes.")
    assert relisten_segments(None, relisten.np.zeros(16000 * 5, dtype="float32"), segs) == 2
    words = segs[0].words
    assert isinstance(words[2], RelistenedWord) and words[2].word == " 15" and words[2].heard_as == "50"
    assert words[5].word == " Fifteen" and words[5].heard_as == "Fifty"  # spelled stays spelled, capital kept
    assert ("did", "50 minutes") in scorer.asked and ("did", "15 minutes") in scorer.asked
    t = build_transcript(segs, model="tiny.en", language="en", audio=None)
    assert t.text == "I did 15 minutes, then Fifteen minutes."
    assert t.first_heard(t.text.index("15"), t.text.index("15") + 2) == "50"


def test_the_ty_reading_stays_when_the_clip_agrees_with_it(scorer):
    scorer.prefer["reading"] = "ty"
    segs = _segments(" 50", " minutes", " of", " Swedish")
    assert relisten_segments(None, relisten.np.zeros(16000 * 3, dtype="float32"), segs) == 0
    assert segs[0].words[0].word == " 50" and not hasattr(segs[0].words[0], "heard_as")


@pytest.mark.parametrize("words", [
    (" 15", " minutes"),  # a -teen is never raised: that would add units on its own
    (" 50", " percent"),  # only minute counts are billed by time
    (" 25", " minutes"),  # no twin
    (" pain", " 40"),  # no following word
])
def test_nothing_else_is_listened_to_again(scorer, words):
    segs = _segments(*words)
    assert relisten_segments(None, relisten.np.zeros(16000 * 3, dtype="float32"), segs) == 0
    assert scorer.asked == []


def test_a_real_fifteen_heard_as_fifty_is_heard_again_as_fifteen():
    """sciatica_left says "Fifteen minutes of pin and stretch"; tiny.en's first decode writes "50"."""
    t = get_transcriber(None).transcribe(SAMPLES / "sciatica_left.mp3")
    changed = [w for seg in t.segments for w in seg.words if w.heard_as]
    assert [(w.text, w.heard_as) for w in changed] == [("15", "50")]
    assert "15 minutes of pin and stretch" in t.text and "20 minutes" in t.text


def test_a_real_fifty_stays_fifty():
    """relaxation_full_body says "Fifty minutes of Swedish massage"; the second listen keeps it."""
    t = get_transcriber(None).transcribe(SAMPLES / "relaxation_full_body.flac")
    assert "50 minutes" in t.text and not any(w.heard_as for seg in t.segments for w in seg.words)


def test_the_score_is_a_log_probability_from_the_real_model():
    """Without a clip of speech the model must still give each reading a proper probability."""
    listener = Relistener(get_transcriber(None).model)
    encoded = listener._encode(relisten.np.zeros(16000, dtype="float32"))
    a, b = listener.score(encoded, "did", "15 minutes"), listener.score(encoded, "did", "50 minutes")
    assert a < 0 and b < 0 and a != b


def test_the_second_listen_is_on_only_where_it_was_measured_to_help():
    from scribe.speech_models import relistens

    assert get_transcriber(None).relisten is True  # tiny.en, the default
    assert relistens("tiny.en") and not relistens("base") and not relistens("my-whisper-folder")


def test_hotwords_are_on_only_where_they_were_measured_to_help():
    from scribe.speech_models import takes_hotwords

    assert get_transcriber(None).hotwords  # tiny.en mishears technique names without them
    assert takes_hotwords("tiny.en") and not takes_hotwords("base") and takes_hotwords("my-whisper-folder")
