"""A second listen to minute counts the speech model may have heard as -ty instead of -teen.

English speakers shift the stress of "fourteen" forward before a stressed word ("FOURteen
MINutes"), and Whisper, primed by the whole 30-second window, then often writes "40". On our
held-out number set (bench/make_number_set.py) tiny.en wrote a -teen count as its -ty twin 11
times in 34 for the natural voice, and never the other way round. So a -ty count followed by
"minutes" is listened to again with only the words around it, where the window's context no
longer pulls: the model scores "14 minutes" and "40 minutes" against that short clip, and the
-teen reading is kept only when it scores higher there.

Only downward: a change can lower the units on a claim, never raise them, and the word keeps
what was first heard (``heard_as``) so extraction raises a finding naming both readings with
the moment in the audio, for the therapist to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from models.minutes import TY_TO_TEEN
from scribe.audio import SAMPLE_RATE

SPELLED = {13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen",
           19: "nineteen", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty",
           90: "ninety"}
_BY_NAME = {name: n for n, name in SPELLED.items()}
_CORE = re.compile(r"^(\W*)([A-Za-z]+|\d+)(\W*)$")
LEAD_SECONDS = 0.05  # before the word in front of the number
TAIL_SECONDS = 0.15  # after "minutes"
PAD_SECONDS = 0.5  # silence after the clip, as at the end of a recording


@dataclass
class RelistenedWord:
    """A faster-whisper word whose text a second listen changed; ``heard_as`` is the first text."""

    start: float
    end: float
    word: str
    probability: float
    heard_as: str


def _number(text: str) -> tuple[int, bool] | None:
    """The value of a bare number word ("50", "fifty,") and whether it was spelled out."""
    m = _CORE.match(text.strip())
    if not m:
        return None
    core = m.group(2)
    if core.isdigit():
        return int(core), False
    value = _BY_NAME.get(core.lower())
    return (value, True) if value is not None else None


def _is_minutes(text: str) -> bool:
    return re.sub(r"\W", "", text.lower()) in {"minute", "minutes", "min", "mins"}


def ty_minute_count(words: list, i: int) -> tuple[int, bool] | None:
    """(value, spelled out) when words[i] is a -ty number followed by "minutes", else None."""
    heard = _number(words[i].word)
    if heard is None or heard[0] not in TY_TO_TEEN or i + 1 >= len(words) or not _is_minutes(words[i + 1].word):
        return None
    return heard


def _rewrite(text: str, teen: int, spelled: bool) -> str:
    lead, core, tail = _CORE.match(text.strip()).groups()
    new = SPELLED[teen] if spelled else str(teen)
    if spelled and core[:1].isupper():
        new = new.capitalize()
    return text[: len(text) - len(text.lstrip())] + lead + new + tail


class Relistener:
    """Scores short word sequences against a short clip with the loaded Whisper model."""

    def __init__(self, whisper_model) -> None:
        from faster_whisper.tokenizer import Tokenizer

        self.model = whisper_model
        self.tokenizer = Tokenizer(whisper_model.hf_tokenizer, whisper_model.model.is_multilingual,
                                   task="transcribe", language="en")
        self.start = list(self.tokenizer.sot_sequence) + [self.tokenizer.no_timestamps]

    def _encode(self, clip: np.ndarray):
        import ctranslate2
        from faster_whisper.audio import pad_or_trim

        clip = np.concatenate([clip, np.zeros(int(PAD_SECONDS * SAMPLE_RATE), dtype=np.float32)])
        features = pad_or_trim(self.model.feature_extractor(clip))
        return self.model.model.encode(ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None])),
                                       to_cpu=True)

    def score(self, encoded, prefix: str, continuation: str) -> float:
        """log P(continuation | prefix, clip): the model's own belief, token by token."""
        prompt = self.start + (self.tokenizer.encode(" " + prefix) if prefix else [])
        total = 0.0
        for token in self.tokenizer.encode(" " + continuation):
            result = self.model.model.generate(encoded, [prompt], beam_size=1, max_length=len(prompt) + 1,
                                               return_logits_vocab=True, suppress_blank=False, suppress_tokens=[])
            logits = np.asarray(result[0].logits[0][0], dtype=np.float64)
            logits -= logits.max()
            total += float(logits[token] - np.log(np.exp(logits).sum()))
            prompt = prompt + [token]
        return total

    def relisten(self, pcm: np.ndarray, words: list, i: int) -> RelistenedWord | None:
        """The -teen reading of words[i] when the short clip prefers it; None to keep the word."""
        w = words[i]
        heard = ty_minute_count(words, i)
        if heard is None:
            return None
        value, spelled = heard
        teen = TY_TO_TEEN[value]
        before = words[i - 1] if i > 0 else None
        after = words[i + 1]
        start = (before.start - LEAD_SECONDS) if before is not None else w.start - 0.3
        end = after.end + TAIL_SECONDS
        clip = pcm[max(0, int(start * SAMPLE_RATE)): int(end * SAMPLE_RATE)]
        encoded = self._encode(clip)
        prefix = re.sub(r"[^\w'-]", "", before.word) if before is not None else ""
        unit = re.sub(r"[^\w]", "", after.word)
        name = SPELLED.__getitem__ if spelled else str
        ty_score = self.score(encoded, prefix, f"{name(value)} {unit}")
        teen_score = self.score(encoded, prefix, f"{name(teen)} {unit}")
        if teen_score <= ty_score:
            return None
        return RelistenedWord(start=w.start, end=w.end, word=_rewrite(w.word, teen, spelled),
                              probability=w.probability, heard_as=w.word.strip())


def relisten_segments(model, pcm: np.ndarray, segments: list) -> int:
    """Give each -ty minute count a second listen, in place; returns how many words changed."""
    listener: Relistener | None = None
    words = [(seg, k) for seg in segments for k in range(len(seg.words or []))]
    flat = [seg.words[k] for seg, k in words]
    changed = 0
    for i in range(len(flat)):
        if ty_minute_count(flat, i) is None:
            continue
        listener = listener or Relistener(model)
        new = listener.relisten(pcm, flat, i)
        if new is not None:
            seg, k = words[i]
            seg.words[k] = new
            changed += 1
    return changed
