"""What was said: the audio source and the transcript with its timings."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class AudioSource(BaseModel):
    """The stored recording a transcript came from."""

    model_config = ConfigDict(frozen=True)

    path: str = Field(description="Path relative to the data folder, e.g. audio/<id>.wav")
    original_name: str | None = None
    sha256: str
    format: str
    duration_s: float = Field(ge=0)
    sample_rate: int = Field(gt=0)
    channels: int = Field(gt=0)
    recorded_at: datetime | None = None


class Word(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    start: float
    end: float
    probability: float = 1.0
    char_start: int = Field(ge=0, description="Offset of the word in Transcript.text")
    char_end: int = Field(ge=0)
    heard_as: str | None = Field(default=None, description="What the speech model wrote first, when a second "
                                 "listen changed the word (a -ty minute count heard again as -teen)")


class Segment(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: float
    end: float
    text: str
    char_start: int = Field(ge=0)
    char_end: int = Field(ge=0)
    words: list[Word] = Field(default_factory=list)
    avg_logprob: float | None = None
    no_speech_prob: float | None = None


class Transcript(BaseModel):
    """The text every extracted fact points into; for audio, with word timings."""

    text: str
    source: Literal["text", "audio"] = "text"
    segments: list[Segment] = Field(default_factory=list)
    model: str | None = None
    language: str | None = None
    audio: AudioSource | None = None

    @model_validator(mode="after")
    def _offsets_inside_text(self) -> "Transcript":
        n = len(self.text)
        for seg in self.segments:
            if not (0 <= seg.char_start <= seg.char_end <= n):
                raise ValueError("segment offsets fall outside the transcript text")
        return self

    def time_span(self, char_start: int, char_end: int) -> tuple[float, float] | None:
        """Audio seconds covering a character span, from word timings (segments as fallback)."""
        words = [
            w
            for seg in self.segments
            for w in seg.words
            if w.char_end > char_start and w.char_start < char_end
        ]
        if words:
            return min(w.start for w in words), max(w.end for w in words)
        segs = [s for s in self.segments if s.char_end > char_start and s.char_start < char_end]
        if segs:
            return min(s.start for s in segs), max(s.end for s in segs)
        return None

    def min_probability(self, char_start: int, char_end: int) -> float | None:
        """Lowest word probability inside a span: how sure the speech model was of a fact."""
        probs = [
            w.probability
            for seg in self.segments
            for w in seg.words
            if w.char_end > char_start and w.char_start < char_end
        ]
        return min(probs) if probs else None

    def first_heard(self, char_start: int, char_end: int) -> str | None:
        """What the speech model first wrote for a span a second listen changed, else None."""
        heard = [w.heard_as for seg in self.segments for w in seg.words
                 if w.heard_as and w.char_end > char_start and w.char_start < char_end]
        return " ".join(heard) or None

    @classmethod
    def from_text(cls, text: str) -> "Transcript":
        return cls(text=text, source="text")
