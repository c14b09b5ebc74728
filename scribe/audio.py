"""Audio in: validate a recording, keep its original bytes, decode it to 16 kHz mono for Whisper.

PyAV bundles its own ffmpeg, so wav, flac, mp3, m4a and ogg decode without system packages.
Every way a file can be unusable ends in one AudioError sentence, never a traceback.
"""

from __future__ import annotations

import hashlib
import io
import wave
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from models import AudioSource
from scribe.crypto import write_bytes
from scribe.errors import AudioError, NotFound, UnsupportedFormat
from scribe.inputs import AUDIO_EXTENSIONS  # the one list, kept where it is cheap to import

SAMPLE_RATE = 16_000  # what Whisper listens at
MAX_SECONDS = 30 * 60  # a session note is minutes long; half an hour is not a note
MIN_SAMPLE_RATE = 8_000  # telephone quality; below this speech is not intelligible
MAX_SAMPLE_RATE = 384_000
MAX_CHANNELS = 8
MAX_BYTES = 2 * 1024**3
SILENCE_DBFS = -50.0  # the loudest 30 ms frame below this: nothing was said
FORMATS = "wav, flac, mp3, m4a or ogg"


@dataclass(frozen=True)
class AudioInfo:
    """What the container says about a recording, checked by actually decoding it."""

    format: str
    duration_s: float
    sample_rate: int
    channels: int
    recorded_at: datetime | None


def _open(path: Path):
    import av

    from scribe.crypto import readable

    try:
        return av.open(readable(path), metadata_errors="ignore")  # in memory if encrypted at rest
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise AudioError(
            f"{path.name} cannot be read as audio: the file is damaged or is not a {FORMATS} recording.",
            f"(decoder said: {_reason(exc)})",
        ) from None


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "strerror", None) or exc).strip() or type(exc).__name__


def _check_file(path: Path) -> None:
    if not path.exists():
        raise NotFound(f"{path} does not exist.")
    if path.is_dir():
        raise AudioError(f"{path} is a folder, not a recording.")
    check_extension(path.name)
    size = path.stat().st_size
    if size == 0:
        raise AudioError(f"{path.name} is empty (0 bytes): there is no recording in it.")
    if size > MAX_BYTES:
        raise too_large(path.name, size)


def check_extension(name: str) -> None:
    """Refuse a file name whose extension is not a recording format (the CLI and the upload both ask)."""
    if Path(name).suffix.lower() not in AUDIO_EXTENSIONS:
        raise UnsupportedFormat(f"{Path(name).name or 'That file'} is not an audio file scribe can read.",
                                f"Use {FORMATS}.")


def too_large(name: str, size: int, *, at_least: bool = False) -> AudioError:
    """The refusal of a recording of ``size`` bytes (``at_least``: the upload stopped there)."""
    more = "larger than " if at_least else ""
    return AudioError(f"{Path(name).name} is {more}{size // 1024**2} MB, far too large for a session dictation.")


def _recorded_at(container, path: Path) -> datetime | None:
    """The container's creation time (phones write it), else the file's modification time."""
    meta = {k.lower(): v for k, v in (container.metadata or {}).items()}
    for stream in container.streams.audio:
        meta.update({k.lower(): v for k, v in (stream.metadata or {}).items() if k.lower() not in meta})
    for key in ("creation_time", "date", "date_recorded"):
        value = str(meta.get(key) or "").strip()
        if not value:
            continue
        try:
            stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue  # e.g. a bare year in a tag: fall back to the file time
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)


def _check_stream(path: Path, stream) -> None:
    channels = stream.codec_context.channels or stream.channels
    rate = stream.codec_context.sample_rate or stream.rate
    if not rate or not (MIN_SAMPLE_RATE <= rate <= MAX_SAMPLE_RATE):
        raise AudioError(
            f"{path.name} has a sample rate of {rate or 'unknown'} Hz, which is not a usable recording "
            f"(expected {MIN_SAMPLE_RATE // 1000}-{MAX_SAMPLE_RATE // 1000} kHz)."
        )
    if not channels or channels > MAX_CHANNELS:
        raise AudioError(
            f"{path.name} has {channels or 'no'} audio channels; a dictation has 1 or 2 (at most {MAX_CHANNELS})."
        )


def decode(path: Path, *, max_seconds: float = MAX_SECONDS) -> tuple[np.ndarray, AudioInfo]:
    """Decode the first audio stream to 16 kHz mono float32, checking every limit on the way."""
    import av

    path = Path(path)
    _check_file(path)
    with _open(path) as container:
        if not container.streams.audio:
            raise AudioError(f"{path.name} has no sound in it (no audio stream).")
        stream = container.streams.audio[0]
        _check_stream(path, stream)
        if container.duration and container.duration / 1e6 > max_seconds + 1:
            raise AudioError(_too_long(path, container.duration / 1e6, max_seconds))
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        chunks: list[np.ndarray] = []
        total = 0
        limit = int((max_seconds + 1) * SAMPLE_RATE)
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
                    total += chunks[-1].size
                if total > limit:
                    raise AudioError(_too_long(path, total / SAMPLE_RATE, max_seconds))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
        except av.error.FFmpegError as exc:
            raise AudioError(
                f"{path.name} is damaged: it stops decoding partway through.", f"(decoder said: {_reason(exc)})"
            ) from None
        info = AudioInfo(
            format=path.suffix.lower().lstrip("."),
            duration_s=0.0,
            sample_rate=int(stream.codec_context.sample_rate),
            channels=int(stream.codec_context.channels),
            recorded_at=_recorded_at(container, path),
        )
    pcm = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
    np.clip(pcm, -1.0, 1.0, out=pcm)  # resampling can overshoot full scale slightly
    if pcm.size < SAMPLE_RATE // 10:
        raise AudioError(f"{path.name} holds no usable audio (it decodes to less than a tenth of a second).")
    return pcm, AudioInfo(**{**info.__dict__, "duration_s": round(pcm.size / SAMPLE_RATE, 3)})


def _too_long(path: Path, seconds: float, limit: float) -> str:
    return (
        f"{path.name} is {seconds / 60:.0f} minutes long; a session dictation is limited to "
        f"{limit / 60:.0f} minutes. Split it or trim it first."
    )


def load_pcm(path: Path) -> np.ndarray:
    """16 kHz mono float32 samples in [-1, 1], ready for Whisper."""
    return decode(Path(path))[0]


def probe(path: Path) -> AudioInfo:
    return decode(Path(path))[1]


def loudest_dbfs(pcm: np.ndarray, frame_s: float = 0.03) -> float:
    """Level of the loudest short frame: speech anywhere in the file lifts it above the noise floor."""
    n = int(SAMPLE_RATE * frame_s)
    usable = pcm[: pcm.size - pcm.size % n] if pcm.size >= n else np.pad(pcm, (0, n - pcm.size))
    rms = np.sqrt(np.mean(np.square(usable.reshape(-1, n), dtype=np.float64), axis=1))
    peak = float(rms.max()) if rms.size else 0.0
    return 20 * np.log10(peak) if peak > 0 else -200.0


def require_sound(pcm: np.ndarray, name: str) -> None:
    """Refuse a silent recording before Whisper can invent words for it."""
    level = loudest_dbfs(pcm)
    if level < SILENCE_DBFS:
        raise AudioError(
            f"No speech was found in {name}: the recording is silent (loudest moment {level:.0f} dBFS).",
            "Check the microphone and record again.",
        )


def import_audio(src: Path, dest: Path, rel_path: str | None = None) -> AudioSource:
    """Validate a recording, then keep its original bytes at ``dest`` (atomic, fsynced).

    The copy happens before any transcription so a crash later never loses the dictation.
    ``src`` may equal ``dest`` (a microphone recording already saved): nothing is copied then.
    """
    return import_recording(src, dest, rel_path)[0]


def import_recording(src: Path, dest: Path, rel_path: str | None = None) -> tuple[AudioSource, np.ndarray]:
    """``import_audio``, also handing back the samples it decoded to validate the recording, so
    the speech model does not decode the file a second time."""
    src, dest = Path(src), Path(dest)
    pcm, info = decode(src)
    from scribe.crypto import read_bytes

    data = read_bytes(src)  # the plain bytes, also of a recording already saved encrypted
    if src.resolve() != dest.resolve():
        write_bytes(dest, data)
    source = AudioSource(
        path=rel_path or str(dest),
        original_name=src.name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=info.format,
        duration_s=info.duration_s,
        sample_rate=info.sample_rate,
        channels=info.channels,
        recorded_at=info.recorded_at,
    )
    return source, pcm


def wav_bytes(raw: bytes) -> bytes:
    """A WAV file (16 kHz mono, 16-bit) around raw little-endian 16-bit samples."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(raw)
    return buf.getvalue()


def to_wav_bytes(pcm: np.ndarray) -> bytes:
    """A WAV file of float samples in [-1, 1] (clipped), as Scribe records and tests write them."""
    return wav_bytes((np.clip(pcm, -1.0, 1.0) * 32767).astype("<i2").tobytes())
