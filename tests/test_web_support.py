"""Helpers the review-page tests share: real sessions through the real pipeline, a running server.

Sessions are built with scribe.analysis.build_session (real extraction and billing). For the
audio player a session can carry a generated WAV tone with word timings laid over the text, so
seeking is tested without loading a speech model.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import struct
import threading
import time
import wave

from models import AudioSource, Segment, Transcript, Word

NOTE = (
    "Client reports low back pain seven out of ten and tension in the neck. "
    "Thirty minutes of Swedish massage to the back, fifteen minutes of myofascial release "
    "to the left upper trapezius. Trigger point therapy to the glutes. "
    "Pain down to three out of ten at the end."
)
SECONDS_PER_WORD = 0.4


def wav_tone(seconds: float, rate: int = 16000) -> bytes:
    """A quiet 220 Hz tone: a real, seekable WAV file of the given length."""
    frames = int(seconds * rate)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(3000 * math.sin(2 * math.pi * 220 * i / rate)))
                               for i in range(frames)))
    return buf.getvalue()


def timed_transcript(text: str, audio_rel: str, audio: bytes) -> Transcript:
    """The text with one word every SECONDS_PER_WORD, one segment per sentence."""
    words = [
        Word(text=m.group(), start=i * SECONDS_PER_WORD, end=i * SECONDS_PER_WORD + 0.35,
             char_start=m.start(), char_end=m.end())
        for i, m in enumerate(re.finditer(r"\S+", text))
    ]
    segments, current = [], []
    for w in words:
        current.append(w)
        if w.text.endswith("."):
            segments.append(current)
            current = []
    if current:
        segments.append(current)
    segs = [Segment(start=ws[0].start, end=ws[-1].end, text=text[ws[0].char_start:ws[-1].char_end],
                    char_start=ws[0].char_start, char_end=ws[-1].char_end, words=ws) for ws in segments]
    source = AudioSource(path=audio_rel, sha256=hashlib.sha256(audio).hexdigest(), format="wav",
                         duration_s=words[-1].end + 1, sample_rate=16000, channels=1)
    return Transcript(text=text, source="audio", segments=segs, audio=source, model="test-timings")


def make_session(store, text: str = NOTE, *, payer: str = "commercial", client: str = "jane-d", audio: bool = False):
    """A stored draft session made by the real pipeline; with audio, a WAV in the data folder."""
    from scribe import paths
    from scribe.analysis import build_session, new_session_id

    sid = new_session_id()
    if audio:
        n_words = len(text.split())
        data = wav_tone(n_words * SECONDS_PER_WORD + 1)
        rel = f"audio/{sid}.wav"
        (paths.audio_dir() / f"{sid}.wav").write_bytes(data)
        transcript = timed_transcript(text, rel, data)
        session = build_session(transcript, payer=payer, client=client, input_kind="audio",
                                input_path=rel, session_id=sid)
    else:
        session = build_session(Transcript.from_text(text), payer=payer, client=client, session_id=sid)
    return store.create(session)


class RunningServer:
    """The real uvicorn server on a free 127.0.0.1 port, in a thread."""

    def __init__(self, store) -> None:
        from scribe.web.server import bind, make_server

        self.sock = bind(0)
        self.server, self.guard = make_server(self.sock, store)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "RunningServer":
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("review server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.guard.port}"


def test_timed_transcript_words_point_into_the_text():
    audio = wav_tone(1.0)
    t = timed_transcript(NOTE, "audio/x.wav", audio)
    assert all(NOTE[w.char_start:w.char_end] == w.text for s in t.segments for w in s.words)
    start = NOTE.index("Swedish")
    assert t.time_span(start, start + 7)[0] == NOTE[:start].count(" ") * SECONDS_PER_WORD
    with wave.open(io.BytesIO(audio)) as w:
        assert w.getnframes() == 16000
