"""Evidence: where in the dictation a fact or a claim line comes from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Evidence(BaseModel):
    """A span of the transcript, the rule that matched it, and its time in the audio."""

    model_config = ConfigDict(frozen=True)

    char_start: int = Field(ge=0)
    char_end: int = Field(ge=0)
    text: str
    rule_id: str | None = Field(default=None, description="Pattern or rule that matched")
    audio_start: float | None = None
    audio_end: float | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Evidence":
        if self.char_end < self.char_start:
            raise ValueError("evidence span ends before it starts")
        return self
