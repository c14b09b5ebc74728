"""Dictation: recording stops by itself, the WAV is saved first, and the whole chain runs.

The end-to-end test needs no sound card: an ALSA configuration whose default capture device is
the `file` plugin reading a prepared recording (over the `null` device) feeds PortAudio exactly
as a microphone would.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import json
import os
import re
import subprocess
import sys
import types
import wave
from pathlib import Path

import numpy as np
import pytest

from scribe import capture
from scribe.audio import load_pcm

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "samples" / "audio" / "demo_neck_back.flac"


def fake_sounddevice(signal: np.ndarray, *, devices: bool = True) -> types.ModuleType:
    """Just the part of sounddevice that capture uses, playing ``signal`` as the microphone."""
    sd = types.ModuleType("sounddevice")

    class PortAudioError(Exception):
        pass

    class InputStream:
        def __init__(self, samplerate, channels, dtype, blocksize):
            assert (samplerate, channels, dtype) == (16000, 1, "int16")
            self.pos = 0

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self, frames):
            chunk = signal[self.pos:self.pos + frames]
            chunk = np.pad(chunk, (0, frames - chunk.size))  # the room goes quiet after the signal
            self.pos += frames
            return (chunk * 32767).astype(np.int16).reshape(-1, 1), False

    sd.PortAudioError = PortAudioError
    sd.InputStream = InputStream
    sd.query_devices = lambda kind=None: {"name": "fake", "max_input_channels": 1 if devices else 0}
    return sd


def speech_then_quiet(seconds: float = 2.0) -> np.ndarray:
    t = np.arange(int(16000 * seconds)) / 16000
    return (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def test_recording_stops_after_a_long_silence_and_is_saved(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice(speech_then_quiet(2.0)))
    drawn: list[str] = []
    rec = capture.record(tmp_path / "a.wav", silence_seconds=1.5, listen_enter=False, show=drawn.append)
    assert rec.stopped_by == "silence"
    assert 3.4 <= rec.seconds <= 3.7  # 2 s of sound, then 1.5 s of quiet
    with wave.open(str(rec.path)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (16000, 1, 2)
    pcm = load_pcm(rec.path)
    assert abs(float(np.abs(pcm[:16000]).max()) - 0.3) < 0.01
    assert any("[" in d and "#" in d for d in drawn)  # the level meter moved


def test_recording_stops_at_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice(speech_then_quiet(10.0)))
    rec = capture.record(tmp_path / "b.wav", max_seconds=2, listen_enter=False, show=lambda s: None)
    assert rec.stopped_by == "limit" and rec.seconds == pytest.approx(2.0, abs=0.11)


def test_no_microphone_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice(speech_then_quiet(), devices=False))
    with pytest.raises(capture.MicrophoneError, match="No microphone was found"):
        capture.record(tmp_path / "c.wav", listen_enter=False)
    assert not (tmp_path / "c.wav").exists()


def test_missing_portaudio_names_the_debian_package(monkeypatch):
    class NoPortAudio:
        def find_spec(self, name, path=None, target=None):
            if name == "sounddevice":
                raise OSError("PortAudio library not found")
            return None

    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(sys, "meta_path", [NoPortAudio(), *sys.meta_path])
    with pytest.raises(capture.MicrophoneError) as err:
        capture.record(Path("unused.wav"), listen_enter=False)
    assert "PortAudio" in err.value.message and "sudo apt-get install libportaudio2" in err.value.hint


def _alsa_ready() -> str | None:
    if importlib.util.find_spec("sounddevice") is None:
        return "sounddevice ([mic] extra) is not installed"
    if ctypes.util.find_library("portaudio") is None:
        return "Debian's libportaudio2 is not installed"
    if not Path("/usr/share/alsa/alsa.conf").is_file():
        return "ALSA configuration (libasound2) is not installed"
    return None


@pytest.mark.slow
@pytest.mark.skipif(_alsa_ready() is not None, reason=str(_alsa_ready()))
def test_dictate_end_to_end_through_alsa_without_a_sound_card(tmp_path, scribe_home):
    raw = tmp_path / "dictation.raw"
    raw.write_bytes((load_pcm(DEMO) * 32767).astype("<i2").tobytes())
    conf = tmp_path / "asound.conf"
    conf.write_text(f"""
pcm.scribe_test_file {{
  type file
  slave.pcm "null"
  file "/dev/null"
  infile "{raw}"
  format "raw"
}}
pcm.!default {{
  type plug
  slave {{ pcm "scribe_test_file" format S16_LE rate 16000 channels 1 }}
}}
""")
    env = {**os.environ, "ALSA_CONFIG_PATH": f"/usr/share/alsa/alsa.conf:{conf}"}
    scribe = [sys.executable, "-m", "scribe"]
    done = subprocess.run([*scribe, "dictate", "--silence-seconds", "3"], env=env, cwd=REPO,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "stopped by silence" in done.stderr
    session_id = re.search(r"draft session (\S+)\.", done.stderr).group(1)
    saved = list((scribe_home / "audio").glob("dictation-*.wav"))
    assert len(saved) == 1
    assert load_pcm(saved[0]).size >= load_pcm(DEMO).size  # nothing dropped on the way in
    shown = subprocess.run([*scribe, "show", session_id, "--json"], env=env, cwd=REPO,
                           capture_output=True, text=True, timeout=120)
    session = json.loads(shown.stdout)
    assert session["input_path"] == f"audio/{saved[0].name}"
    assert "upper trapezius" in session["transcript"]["text"].lower()
    assert {line["cpt"] for line in session["claim"]["lines"]} >= {"97124", "97140"}
