"""Speech to a Transcript with word timings, on this computer, with faster-whisper.

Settings follow the measurements in asr-notes.md: CPU int8, one thread (faster on 2 cores and
leaves one free for the page), beam 5, voice-activity filtering, no conditioning on earlier
text, and ``hotwords`` from the extraction vocabularies (applied to every 30-second window,
unlike ``initial_prompt``) so technique and muscle names survive, for the models where that
was measured to help (speech_models.REGISTRY). Whisper invents text on
silence and noise; segments the model itself doubts, loops, and the stock silence phrases
are dropped, and a recording with nothing left is refused rather than turned into a note.
A "-ty" minute count gets a second listen (scribe/relisten.py), because tiny.en writes
"fifteen minutes" as "50 minutes" often enough to triple a claim line.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from models import AudioSource, Segment, Transcript, Word
from scribe.audio import SAMPLE_RATE, decode, require_sound
from scribe.errors import AudioError
from scribe.relisten import relisten_segments
from scribe.speech_models import go_offline, model_label, relistens, resolve_model, takes_hotwords

DECODE_OPTIONS = dict(
    language="en",
    beam_size=5,
    word_timestamps=True,
    vad_filter=True,
    vad_parameters={"min_silence_duration_ms": 700},
    condition_on_previous_text=False,
    without_timestamps=True,
)
# Speech is decoded as voice-activity chunks of up to 30 s, each chunk once
# (faster-whisper's BatchedInferencePipeline). The sequential decoder instead moves to the end
# of the last word and decodes what is left of the window again: on a dictation that leftover
# is the trailing pause, which Whisper fills with a 224-token loop and then retries at five
# temperatures. On samples/audio that cost 55.6 s for 22 files (WER 0.142) against 27.6 s
# (WER 0.093) chunked (bench/bench_decode.py). One chunk at a time: with the one CPU thread
# the model gets, batches of 4 were slower on a 90 s dictation (median 5.6 s against 4.2 s,
# 4 alternated runs each).
BATCH_SIZE = 1
# A segment is dropped when the model says it is probably not speech and is unsure of its words,
# or when its text compresses like a loop ("the the the ...").
NO_SPEECH_PROB = 0.6
LOW_LOGPROB = -1.0
MAX_COMPRESSION = 2.4
# What Whisper says to silence, learnt from subtitles; never part of a session note on its own.
SILENCE_PHRASES = {
    "thank you", "thanks", "thank you very much", "thanks for watching", "thank you for watching",
    "please subscribe", "subscribe", "bye", "you", "so", "uh", "um", "hmm",
    "music", "applause", "silence", "blank audio", "inaudible",
}
HOTWORD_TOKEN_BUDGET = 100  # measured on samples/audio: 70 -> WER 11.7%, 100 -> 9.2%, 160 -> 12.4%
FALLBACK_HOTWORDS = [
    "effleurage", "petrissage", "tapotement", "myofascial release", "trigger point", "Swedish massage",
    "deep tissue", "soft tissue mobilization", "upper trapezius", "levator scapulae", "rhomboids",
    "quadratus lumborum", "piriformis", "scalenes", "suboccipitals", "paraspinals", "gluteus medius",
]
_WORD_RE = re.compile(r"[a-z]+")


def _pattern_terms() -> list[str]:
    """The hotword list of the extraction patterns (patterns/hotwords.json), in priority order.

    A list of its own, not every technique and area name: what the model hears changes with it, so
    a new vocabulary entry must not change it silently (see the file's "about"). Found without
    importing the extraction package, which would load spaCy before the speech model even starts
    (the warm-up thread loads it meanwhile)."""
    spec = find_spec("extraction")
    if spec is None or not spec.submodule_search_locations:
        return []
    entry = Path(next(iter(spec.submodule_search_locations))) / "patterns" / "hotwords.json"
    if not entry.is_file():
        return []
    return [w for w in json.loads(entry.read_text(encoding="utf-8")).get("words", []) if w]


def choose_hotwords(terms: Iterable[str], count_tokens: Callable[[str], int],
                    budget: int = HOTWORD_TOKEN_BUDGET) -> str:
    """Rare vocabulary words in priority order, within the token budget, as a short list.

    Only words the tokenizer cuts into several pieces are kept: those are the ones the model
    rarely saw ("effleurage"); common words ("back", "neck") are heard fine without help and
    would waste the budget. Pattern files also list misspellings to catch ("efflurage"): a word
    close to one already chosen is left out, so the model is never steered to a misspelling.
    Written as a comma list ending in a full stop, because a bare word list makes Whisper drop
    punctuation and capitals.
    """
    chosen: list[str] = []
    used = 0
    for term in terms:
        for word in _WORD_RE.findall(term.lower()):
            if len(word) < 4 or any(_near(word, other) for other in chosen):
                continue
            cost = count_tokens(" " + word)
            if cost >= 2 and used + cost + 1 <= budget:
                chosen.append(word)
                used += cost + 1  # and the comma
    return (", ".join(chosen) + ".") if chosen else ""


def _near(a: str, b: str) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def _normal(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.lower()))


def keep_segment(seg) -> bool:
    """Whisper's own doubt, loops and stock silence phrases are not dictation."""
    if seg.no_speech_prob > NO_SPEECH_PROB and seg.avg_logprob < LOW_LOGPROB:
        return False
    if seg.compression_ratio > MAX_COMPRESSION:
        return False
    return _normal(seg.text) not in SILENCE_PHRASES | {""}


def build_transcript(segments: Iterable, *, model: str, language: str | None,
                     audio: AudioSource | None) -> Transcript:
    """Join segment texts with one space and record each word's exact offsets in that text."""
    text = ""
    out: list[Segment] = []
    for seg in segments:
        pieces = [(w.word, w) for w in (seg.words or [])] or [(seg.text, None)]
        if text:
            text += " "
        seg_start = len(text)
        words: list[Word] = []
        for raw, w in pieces:
            if not raw.strip():
                continue
            # keep the space Whisper put before a word, except at the start of a segment
            lead = raw[: len(raw) - len(raw.lstrip())] if len(text) > seg_start else ""
            token = raw.strip()
            text += (" " if lead else "") + token
            if w is not None:
                words.append(Word(text=token, start=round(w.start, 3), end=round(w.end, 3),
                                  probability=round(w.probability, 4),
                                  char_start=len(text) - len(token), char_end=len(text),
                                  heard_as=getattr(w, "heard_as", None)))
        if len(text) == seg_start:
            text = text[:-1] if text.endswith(" ") else text
            continue
        out.append(Segment(start=round(seg.start, 3), end=round(seg.end, 3), text=text[seg_start:],
                           char_start=seg_start, char_end=len(text), words=words,
                           avg_logprob=round(seg.avg_logprob, 4), no_speech_prob=round(seg.no_speech_prob, 4)))
    return Transcript(text=text, source="audio", segments=out, model=model, language=language, audio=audio)


MAX_WORD_SECONDS = 3.0  # no spoken word lasts this long; a longer one hides dropped speech
MIN_WORDS_PER_SECOND = 1.0  # dictation runs at 2-3 words a second


def _word_count(segments: list) -> int:
    return sum(len(seg.words or []) or len(seg.text.split()) for seg in segments)


def looks_truncated(segments: list, duration: float) -> bool:
    """Whether the decoder probably stopped early in a window: a segment whose last word is
    stretched over seconds while the segment holds far too few words for its length, or a
    whole recording with far too few words. Checked per segment so that one long pause in a
    long dictation does not cost a second decode of everything."""
    for seg in segments:
        words = seg.words or []
        if not words:
            continue
        span = words[-1].end - words[0].start
        stretched = any(w.end - w.start > MAX_WORD_SECONDS for w in words)
        if stretched and span > 8.0 and len(words) < 1.2 * span:
            return True
    return duration > 10.0 and _word_count(segments) < MIN_WORDS_PER_SECOND * duration * 0.5


class Transcriber:
    """One loaded speech model; load once per process and transcribe many files."""

    def __init__(self, model: str | None = None, *, hotwords: bool | None = None, relisten: bool | None = None,
                 label: str | None = None) -> None:
        self.path = resolve_model(model)
        self.name = label or model_label(model)
        go_offline()
        from faster_whisper import BatchedInferencePipeline, WhisperModel

        self.model = WhisperModel(str(self.path), device="cpu", compute_type="int8", cpu_threads=1,
                                  num_workers=1, local_files_only=True)
        self.chunked = BatchedInferencePipeline(self.model)
        use_hotwords = takes_hotwords(self.name) if hotwords is None else hotwords
        self.hotwords = self._hotwords() if use_hotwords else None
        self.relisten = relistens(self.name) if relisten is None else relisten

    def _hotwords(self) -> str:
        """Chosen once per vocabulary and tokenizer, then read from the data folder's cache."""
        from scribe.caches import hotwords

        terms = _pattern_terms() or FALLBACK_HOTWORDS
        tokenizer = self.path / "tokenizer.json"
        key = f"{self.path}:{tokenizer.stat().st_size}:{tokenizer.stat().st_mtime_ns}"

        def build() -> str:
            tok = self.model.hf_tokenizer
            return choose_hotwords(terms, lambda s: len(tok.encode(s, add_special_tokens=False).ids))

        return hotwords(terms, key, build)

    def transcribe_pcm(self, pcm, name: str, progress: Callable[[float], None] | None = None,
                       **options) -> tuple[list, str | None]:
        """Raw kept segments for 16 kHz samples; the bench calls this to compare with bare Whisper."""
        require_sound(pcm, name)
        duration = max(pcm.size / SAMPLE_RATE, 1e-6)
        settings = {**DECODE_OPTIONS, "hotwords": self.hotwords, **options}
        kept, language = self._decode(pcm, settings, duration, progress)
        if settings.get("hotwords") and looks_truncated(kept, duration):
            # hotwords sometimes make Whisper stop early in a window and drop the rest of the
            # speech (asr-notes); decode again without them and keep the fuller transcript
            retry, retry_language = self._decode(pcm, {**settings, "hotwords": None}, duration, None)
            if _word_count(retry) > 1.3 * _word_count(kept):
                kept, language = retry, retry_language
        if self.relisten:
            relisten_segments(self.model, pcm, kept)
        if progress is not None:
            progress(1.0)
        return kept, language

    def _decode(self, pcm, settings: dict, duration: float,
                progress: Callable[[float], None] | None) -> tuple[list, str | None]:
        settings = {**settings, "vad_parameters": dict(settings["vad_parameters"])}  # the library edits it
        segments, info = self.chunked.transcribe(pcm, batch_size=BATCH_SIZE, **settings)
        kept = []
        for seg in segments:
            if keep_segment(seg):
                kept.append(seg)
            if progress is not None:
                progress(min(0.99, seg.end / duration))
        return kept, info.language

    def transcribe(self, path: Path, source: AudioSource | None = None,
                   progress: Callable[[float], None] | None = None, pcm=None) -> Transcript:
        """``pcm``: the file's samples when the caller has just decoded them (scribe/ingest.py)."""
        path = Path(path)
        if pcm is None:
            pcm, _info = decode(path)
        kept, language = self.transcribe_pcm(pcm, path.name, progress)
        return self.to_transcript(kept, language, source, path.name)

    def to_transcript(self, kept: list, language: str | None, source: AudioSource | None, name: str) -> Transcript:
        """Kept segments (of one decode, or of a dictation's chunks shifted onto one clock) to a
        Transcript; a recording that yields no words is refused rather than turned into a note."""
        transcript = build_transcript(kept, model=self.name, language=language, audio=source)
        if not transcript.text.strip():
            raise AudioError(
                f"No speech was found in {name}: the speech model heard nothing it could write down.",
                "Check the recording has the dictation in it and record again.",
            )
        return transcript


@lru_cache(maxsize=2)
def _cached(path: str, label: str) -> Transcriber:
    return Transcriber(path, label=label)


def get_transcriber(model: str | None = None) -> Transcriber:
    """The process-wide transcriber for a model (loaded on first use; None, "tiny.en" and its
    folder share one)."""
    return _cached(str(resolve_model(model)), model_label(model))
