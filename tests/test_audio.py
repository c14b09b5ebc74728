"""Audio in: every format decodes to 16 kHz mono, and every unusable file gets one clear sentence."""

from __future__ import annotations

import hashlib
import os
import wave
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest

from scribe.audio import AUDIO_EXTENSIONS, SAMPLE_RATE, decode, import_audio, load_pcm, probe, require_sound
from scribe.errors import AudioError, NotFound, UnsupportedFormat

DATA = Path(__file__).parent / "data"
JFK = DATA / "jfk.flac"


def write_wav(path: Path, samples: np.ndarray, rate: int, channels: int = 1) -> Path:
    data = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(data.tobytes())
    return path


def encode(src: Path, dest: Path, codec: str, fmt: str, rate: int = 16000, metadata: dict | None = None) -> Path:
    import av

    with av.open(str(src)) as inp, av.open(str(dest), "w", format=fmt) as out:
        if metadata:
            out.metadata.update(metadata)
        stream = out.add_stream(codec, rate=rate)
        stream.layout = "mono"
        for frame in inp.decode(audio=0):
            frame.pts = None
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return dest


def test_the_promised_formats_are_accepted():
    assert {".wav", ".flac", ".mp3", ".m4a", ".ogg"} <= AUDIO_EXTENSIONS
    assert all(ext == ext.lower() and ext.startswith(".") for ext in AUDIO_EXTENSIONS)


def test_real_recording_decodes_to_16k_mono():
    info = probe(JFK)
    assert (info.format, info.sample_rate, info.channels) == ("flac", 44100, 2)
    assert info.duration_s == pytest.approx(11.0, abs=0.1)
    pcm = load_pcm(JFK)
    assert pcm.dtype == np.float32 and pcm.ndim == 1
    assert pcm.size == pytest.approx(11.0 * SAMPLE_RATE, rel=0.01)
    assert 0.1 < np.abs(pcm).max() <= 1.0


@pytest.mark.parametrize("suffix,codec,fmt", [(".m4a", "aac", "mp4"), (".ogg", "libopus", "ogg"),
                                              (".mp3", "libmp3lame", "mp3")])
def test_compressed_formats_decode_to_the_same_length(tmp_path, suffix, codec, fmt):
    out = encode(JFK, tmp_path / f"note{suffix}", codec, fmt, rate={"mp3": 22050, "ogg": 48000}.get(fmt, 16000))
    info = probe(out)
    assert info.format == suffix[1:]
    assert info.duration_s == pytest.approx(11.0, abs=0.2)


def test_odd_sample_rate_and_stereo_are_resampled(tmp_path):
    t = np.arange(int(11025 * 1.5)) / 11025
    tone = 0.5 * np.sin(2 * np.pi * 440 * t)
    path = write_wav(tmp_path / "odd.wav", np.repeat(tone, 2), 11025, channels=2)
    pcm, info = decode(path)
    assert (info.sample_rate, info.channels) == (11025, 2)
    assert pcm.size == pytest.approx(1.5 * SAMPLE_RATE, abs=200)


@pytest.mark.parametrize(
    "make,expected",
    [
        (lambda d: _empty(d), "is empty"),
        (lambda d: _text_as_wav(d), "cannot be read as audio"),
        (lambda d: _truncated(d), "cannot be read as audio"),
        (lambda d: write_wav(d / "many.wav", np.zeros(16000 * 12), 16000, channels=12), "12 audio channels"),
        (lambda d: write_wav(d / "low.wav", np.zeros(4000), 4000), "sample rate of 4000 Hz"),
    ],
    ids=["zero-length", "text-renamed-wav", "truncated", "many-channels", "absurd-sample-rate"],
)
def test_unusable_files_get_one_sentence(tmp_path, make, expected):
    path = make(tmp_path)
    with pytest.raises(AudioError, match=expected) as err:
        decode(path)
    assert path.name in err.value.message
    assert "\n" not in str(err.value) and "Traceback" not in str(err.value)


def _empty(d: Path) -> Path:
    path = d / "empty.wav"
    path.write_bytes(b"")
    return path


def _text_as_wav(d: Path) -> Path:
    path = d / "notes.wav"
    path.write_text("Thirty minutes of Swedish massage to the back.\n" * 20)
    return path


def _truncated(d: Path) -> Path:
    path = d / "cut.flac"
    path.write_bytes(JFK.read_bytes()[:200])
    return path


def test_cut_off_flac_is_refused_not_half_read(tmp_path):
    path = tmp_path / "half.flac"
    path.write_bytes(JFK.read_bytes()[: JFK.stat().st_size // 3])
    with pytest.raises(AudioError, match="damaged"):
        decode(path)


def test_over_long_audio_is_refused(tmp_path):
    with pytest.raises(AudioError, match="limited to 0 minutes|minutes long"):
        decode(JFK, max_seconds=5)


def test_missing_and_unsupported_files(tmp_path):
    with pytest.raises(NotFound):
        decode(tmp_path / "nothing.wav")
    doc = tmp_path / "note.docx"
    doc.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFormat):
        decode(doc)


def test_silence_is_refused_before_whisper(tmp_path):
    path = write_wav(tmp_path / "silent.wav", np.zeros(16000 * 3), 16000)
    with pytest.raises(AudioError, match="No speech was found in silent.wav"):
        require_sound(load_pcm(path), path.name)
    require_sound(load_pcm(JFK), JFK.name)  # real speech passes


def test_import_keeps_the_original_bytes_and_describes_them(tmp_path):
    dest = tmp_path / "home" / "audio" / "s1.flac"
    source = import_audio(JFK, dest)
    assert dest.read_bytes() == JFK.read_bytes()
    assert source.sha256 == hashlib.sha256(JFK.read_bytes()).hexdigest()
    assert (source.format, source.sample_rate, source.channels) == ("flac", 44100, 2)
    assert source.path == str(dest) and source.original_name == "jfk.flac"
    assert oct(dest.stat().st_mode & 0o777) == "0o600"
    assert not [p for p in dest.parent.iterdir() if p.name.startswith(".")]  # no temp file left


def test_import_refuses_before_copying(tmp_path):
    bad = _text_as_wav(tmp_path)
    dest = tmp_path / "audio" / "s2.wav"
    with pytest.raises(AudioError):
        import_audio(bad, dest)
    assert not dest.exists()


def test_recorded_at_comes_from_the_container_else_the_file_time(tmp_path):
    m4a = encode(JFK, tmp_path / "memo.m4a", "aac", "mp4", metadata={"creation_time": "2025-03-14T09:26:53Z"})
    assert probe(m4a).recorded_at == datetime(2025, 3, 14, 9, 26, 53, tzinfo=timezone.utc)
    wav = write_wav(tmp_path / "plain.wav", np.zeros(16000), 16000)
    stamp = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc).timestamp()
    os.utime(wav, (stamp, stamp))
    assert probe(wav).recorded_at == datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
