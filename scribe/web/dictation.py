"""Dictation from the page's microphone: kept as it arrives, transcribed while it is spoken.

The page sends 16 kHz 16-bit mono samples about once a second. Each piece is added to a WAV in
the data folder at once (rewritten atomically, so a crash keeps what was said and the next start
lists it as an unprocessed recording). A worker thread cuts the recording at the therapist's
pauses and transcribes each finished sentence or two with the same speech model and settings as
`scribe process`, so the transcript shows while they talk; on Stop only the words after the last
pause are left to transcribe, and the session is then made by process_audio_file like any other
recording (validation, storage and billing have one home there).
"""

from __future__ import annotations

import dataclasses
import secrets
import logging
import threading
import time
from datetime import datetime
from pathlib import Path

import numpy as np

from scribe.audio import MAX_SECONDS, SAMPLE_RATE, SILENCE_DBFS, wav_bytes
from scribe.errors import AudioError, BadInput, NotFound, Refused

log = logging.getLogger("scribe.web")

FRAME = int(0.03 * SAMPLE_RATE)  # 30 ms level frames, as audio.loudest_dbfs uses
PAUSE_FRAMES = 8  # a quiet stretch this long (~0.25 s) is a pause between phrases
PAUSE_BELOW_PEAK_DB = 28.0  # "quiet" relative to the loudest speech heard so far
CHUNK_MIN_S = 3.0  # shorter pieces give the model too little context
CHUNK_MAX_S = 20.0  # no pause this long: cut at the quietest moment anyway
PIECE_MAX_S = 10.0  # one request carries at most this much audio
MAX_ACTIVE = 3  # recordings open at once in one server
SAVE_SHARE = 1 / 30  # rewrite the WAV after each new piece, or each 1/30 of its length once long


def frame_levels(pcm: np.ndarray) -> np.ndarray:
    """dBFS of each whole 30 ms frame."""
    n = pcm.size // FRAME
    if n == 0:
        return np.zeros(0)
    rms = np.sqrt(np.mean(np.square(pcm[: n * FRAME].reshape(n, FRAME), dtype=np.float64), axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-9))


def find_cut(pcm: np.ndarray, peak_db: float, *, final: bool = False) -> int | None:
    """Where to end the next piece (a sample index into ``pcm``), or None to wait for more audio.

    The middle of the last pause at least CHUNK_MIN_S in; failing that, once CHUNK_MAX_S have
    gone by without a pause, the quietest frame of the last third. A cut inside a word would make
    the model guess at half a word on both sides.
    """
    if final:
        return pcm.size or None
    if pcm.size < CHUNK_MIN_S * SAMPLE_RATE:
        return None
    levels = frame_levels(pcm)
    quiet = levels < max(SILENCE_DBFS, peak_db - PAUSE_BELOW_PEAK_DB)
    first = int(CHUNK_MIN_S * SAMPLE_RATE) // FRAME
    best = None
    run = 0
    for i in range(len(quiet)):
        run = run + 1 if quiet[i] else 0
        if run >= PAUSE_FRAMES and i - run // 2 >= first:
            best = i - run // 2
    if best is not None:
        return best * FRAME
    if pcm.size >= CHUNK_MAX_S * SAMPLE_RATE:
        start = len(levels) * 2 // 3
        return (start + int(np.argmin(levels[start:]))) * FRAME
    return None


def shifted(segment, seconds: float):
    """A faster-whisper segment (and its words) moved onto the whole recording's clock."""
    words = [dataclasses.replace(w, start=w.start + seconds, end=w.end + seconds) for w in (segment.words or [])]
    return dataclasses.replace(segment, start=segment.start + seconds, end=segment.end + seconds,
                               words=words or segment.words)


class Dictation:
    """One recording from the page: its samples, its WAV in the data folder, its transcript so far."""

    def __init__(self, *, payer: str, client: str | None, model: str | None = None) -> None:
        from scribe import paths

        self.id = secrets.token_urlsafe(12)
        self.payer, self.client, self.model = payer, client, model
        self.path = paths.audio_dir() / f"dictation-{datetime.now():%Y%m%d-%H%M%S}-{self.id[:6]}.wav"
        self._raw = bytearray()
        self._saved = 0
        self._seq = 0
        self._peak = SILENCE_DBFS
        self._done = 0  # samples already transcribed
        self._segments: list = []
        self._language: str | None = None
        self._stopping = False
        self._cv = threading.Condition()
        self._worker = threading.Thread(target=self._work, name="scribe-dictation", daemon=True)
        self._worker.start()

    # the page's pieces ----------------------------------------------------------
    def add(self, seq: int, data: bytes) -> None:
        """Append one piece (sent in order, numbered from 0) and keep the recording on disk."""
        with self._cv:
            if self._stopping:
                raise Refused("This recording was already stopped.")
            if seq != self._seq:
                raise BadInput(f"A piece of the recording arrived out of order (got {seq}, expected {self._seq}).",
                               "Stop and dictate again; what arrived so far is kept.")
            if len(data) % 2 or len(data) > PIECE_MAX_S * SAMPLE_RATE * 2:
                raise BadInput("A piece of the recording was not 16-bit audio of at most 10 seconds.")
            if (len(self._raw) + len(data)) / 2 > MAX_SECONDS * SAMPLE_RATE:
                raise Refused(f"A dictation is limited to {MAX_SECONDS // 60} minutes; press Stop.")
            self._seq += 1
            self._raw += data
            levels = frame_levels(np.frombuffer(data, "<i2").astype(np.float32) / 32768)
            if levels.size:
                self._peak = max(self._peak, float(levels.max()))
            due = max(1, int(len(self._raw) * SAVE_SHARE))
            if len(self._raw) - self._saved >= due:
                self._save()
            self._cv.notify_all()

    def _save(self) -> None:
        from scribe.crypto import write_bytes

        write_bytes(self.path, wav_bytes(bytes(self._raw)))
        self._saved = len(self._raw)

    @property
    def seconds(self) -> float:
        return len(self._raw) / 2 / SAMPLE_RATE

    @property
    def text(self) -> str:
        """What has been transcribed so far, for the page to show while the therapist speaks."""
        with self._cv:
            return " ".join(s.text.strip() for s in self._segments)

    # transcription ---------------------------------------------------------------
    def _pcm(self, start: int, end: int) -> np.ndarray:
        return np.frombuffer(bytes(self._raw[start * 2: end * 2]), "<i2").astype(np.float32) / 32768

    def _work(self) -> None:
        """Transcribe each piece that ends at a pause, until Stop; the tail is left to finish()."""
        from scribe.analysis import warm_up
        from scribe.transcribe import get_transcriber

        warm_up(self.payer)  # spaCy, the code set and the payer's rules load while the therapist talks
        transcriber = get_transcriber(self.model)  # and so does the speech model
        while True:
            with self._cv:
                while True:
                    if self._stopping:
                        return
                    pending = self._pcm(self._done, len(self._raw) // 2)
                    cut = find_cut(pending, self._peak)
                    if cut is not None:
                        break
                    self._cv.wait()
                start = self._done
            self._decode(transcriber, start, pending[:cut])
            with self._cv:
                self._done = start + cut

    def _decode(self, transcriber, start: int, pcm: np.ndarray) -> None:
        try:
            kept, language = transcriber.transcribe_pcm(pcm, self.path.name)
        except AudioError:  # a silent stretch: nothing was said in it
            return
        with self._cv:
            self._segments += [shifted(s, start / SAMPLE_RATE) for s in kept]
            self._language = self._language or language

    def stop(self) -> None:
        with self._cv:
            self._stopping = True
            self._save()
            self._cv.notify_all()

    def transcript(self, path: Path, source=None, progress=None):
        """process_audio_file's transcription step: wait for the piece in hand, do the rest."""
        from scribe.transcribe import get_transcriber

        began = time.perf_counter()
        self._worker.join()
        joined = time.perf_counter()
        tail = self._pcm(self._done, len(self._raw) // 2)
        transcriber = get_transcriber(self.model)
        if tail.size >= SAMPLE_RATE // 10:
            self._decode(transcriber, self._done, tail)
        # timings only (no words): what Stop waited for, to tune the piece sizes
        log.info("dictation stop: waited %.2f s for the piece in hand, then %.1f s of tail in %.2f s",
                 joined - began, tail.size / SAMPLE_RATE, time.perf_counter() - joined)
        return transcriber.to_transcript(self._segments, self._language, source, path.name)


class Dictations:
    """The recordings open in this server, by the id the page was given."""

    def __init__(self) -> None:
        self._open: dict[str, Dictation] = {}
        self._lock = threading.Lock()

    def start(self, *, payer: str, client: str | None) -> Dictation:
        with self._lock:
            if len(self._open) >= MAX_ACTIVE:
                raise Refused(f"{MAX_ACTIVE} recordings are already open in this app.",
                              "Stop one of them (or close its tab and start the app again) first.")
            dictation = Dictation(payer=payer, client=client)
            self._open[dictation.id] = dictation
            return dictation

    def get(self, dictation_id: str) -> Dictation:
        found = self._open.get(dictation_id)
        if found is None:
            raise NotFound("This recording is not open any more.",
                           "Anything it captured is kept in the data folder; 'scribe sessions' lists it.")
        return found

    def finish(self, dictation_id: str, store):
        """Stop a recording and make its session, through the same path as `scribe process`."""
        from scribe.ingest import process_audio_file

        dictation = self.get(dictation_id)
        with self._lock:
            self._open.pop(dictation_id, None)
        dictation.stop()
        if dictation.seconds < 0.5:
            raise AudioError("The recording is too short to hold a dictation.",
                             "Press Dictate, speak, then press Stop.")
        return process_audio_file(dictation.path, payer=dictation.payer, client=dictation.client,
                                  store=store, stored=dictation.path, original_name="Dictation",
                                  transcribe=dictation.transcript)
