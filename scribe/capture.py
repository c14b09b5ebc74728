"""Recording a dictation from the default microphone (sounddevice + PortAudio, extra ``[mic]``).

The recording is written as a 16 kHz mono 16-bit WAV, atomically, before anything else looks
at it: a crash during transcription never costs the therapist the dictation. Recording stops
on Enter, after a long silence once speech has been heard, or at the time limit. Elapsed time
and a level meter go to standard error so the therapist can see the microphone is live.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scribe.audio import SAMPLE_RATE, to_wav_bytes
from scribe.crypto import write_bytes
from scribe.errors import AudioError, ScribeError

SPEECH_DBFS = -40.0  # a block louder than this counts as someone talking
BLOCK_S = 0.1


class MicrophoneError(ScribeError):
    """The microphone cannot be used; the sentence says what to install or check."""


@dataclass
class Recording:
    path: Path
    seconds: float
    stopped_by: str  # "enter", "silence", "limit", "interrupt", "end"


def _sounddevice():
    try:
        import sounddevice
    except ImportError:
        raise MicrophoneError("Recording needs the sounddevice package, which is not installed.",
                              "Install it with: pip install 'scribe-soap[mic]'") from None
    except OSError:
        raise MicrophoneError(
            "Recording needs the PortAudio library, which is missing.",
            "On Debian or Ubuntu install it with: sudo apt-get install libportaudio2",
        ) from None
    return sounddevice


def _default_input(sd) -> None:
    try:
        device = sd.query_devices(kind="input")
    except (sd.PortAudioError, ValueError):
        device = None
    if not device or device.get("max_input_channels", 0) < 1:
        raise MicrophoneError("No microphone was found (this computer has no sound input device).",
                              "Plug one in, or record on a phone and use: scribe process FILE")


def level_dbfs(block: np.ndarray) -> float:
    rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float64)))) if block.size else 0.0
    return 20 * np.log10(rms) if rms > 0 else -120.0


def meter(seconds: float, dbfs: float, width: int = 30) -> str:
    """'  0:07 [#########-----------]' : elapsed time and loudness, -60 to 0 dBFS."""
    filled = int(round(width * min(max((dbfs + 60) / 60, 0.0), 1.0)))
    return f"\r{int(seconds) // 60}:{int(seconds) % 60:02d} [{'#' * filled}{'-' * (width - filled)}]"


def _enter_pressed(stop: threading.Event) -> None:
    """Set ``stop`` on a line typed at the terminal; end of input (no keyboard) is not a stop."""
    try:
        line = sys.stdin.readline()
    except (OSError, ValueError):
        return
    if line:
        stop.set()


def record(dest: Path, *, max_seconds: float = 15 * 60, silence_seconds: float = 8.0,
           listen_enter: bool = True, show: Callable[[str], None] | None = None) -> Recording:
    """Record from the default microphone into ``dest`` (a WAV), then return what happened."""
    sd = _sounddevice()
    _default_input(sd)
    show = show or (lambda text: (sys.stderr.write(text), sys.stderr.flush()))
    stop = threading.Event()
    if listen_enter:
        threading.Thread(target=_enter_pressed, args=(stop,), daemon=True).start()
    chunks: list[np.ndarray] = []
    total = 0
    heard = False
    quiet_since = 0
    stopped_by = "end"
    last_draw = 0.0
    block_frames = int(SAMPLE_RATE * BLOCK_S)
    try:
        # Blocking reads, not a callback: nothing is dropped if this loop is briefly slow.
        # 16-bit integers: what microphones deliver, and what the WAV stores.
        with sd.InputStream(samplerate=SAMPLE_RATE, channels=1, dtype="int16", blocksize=block_frames) as stream:
            while not stop.is_set():
                data, _overflowed = stream.read(block_frames)
                block = data[:, 0].astype(np.float32) / 32768.0
                chunks.append(block)
                total += block.size
                dbfs = level_dbfs(block)
                if dbfs > SPEECH_DBFS:
                    heard, quiet_since = True, total
                now = time.monotonic()
                if now - last_draw > 0.1:
                    show(meter(total / SAMPLE_RATE, dbfs))
                    last_draw = now
                if total >= max_seconds * SAMPLE_RATE:
                    stopped_by = "limit"
                    break
                if heard and total - quiet_since >= silence_seconds * SAMPLE_RATE:
                    stopped_by = "silence"
                    break
            else:
                stopped_by = "enter"
    except KeyboardInterrupt:
        stopped_by = "interrupt"
    except sd.PortAudioError as exc:
        raise MicrophoneError(f"The microphone could not be used: {exc}.",
                              "Check it is connected and not in use by another program.") from None
    finally:
        show("\n")
    pcm = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
    if pcm.size == 0:
        raise AudioError("Nothing was recorded: the microphone gave no sound.")
    write_bytes(Path(dest), to_wav_bytes(pcm))
    if stopped_by == "interrupt":
        raise KeyboardInterrupt
    return Recording(path=Path(dest), seconds=round(pcm.size / SAMPLE_RATE, 2), stopped_by=stopped_by)
