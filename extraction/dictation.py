"""Dictation-software commands, applied before a note is read.

Clinicians used to dictation software say their punctuation ("comma", "period", "new paragraph")
and fix the text aloud ("scratch that", "change twenty to twenty-five", "strike the part about the
ice", "correction: left not right"). A literal transcript keeps those words, and the note they
mean is the one with the commands carried out: a retracted sentence must produce no fact, and a
changed number is the number billed. So the commands (patterns/dictation.jsonl) are applied to a
copy of the text first, and every character of that copy remembers the span of the transcript it
came from: evidence is mapped back, so it still points into what was said.

Only a transcript in that voice is rewritten (at least ``_MIN_SPOKEN`` spoken punctuation
commands, or one a note never writes in its own voice, such as "new paragraph": rule field
``voice_alone``): in a typed note "period" and "change" are ordinary words. The inline corrections of
ordinary speech ("twenty, no, twenty-five") stay with components/corrections.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extraction import vocab

_MIN_SPOKEN = 3
_ENDS = ".?!;\n"


@dataclass
class Edited:
    """The text as meant, and for each of its characters the transcript span it stands for."""

    text: str
    src: list[tuple[int, int]] = field(default_factory=list)
    # made by ``same``: known unchanged, so ``changed`` answers without walking every character
    identity: bool = field(default=False, compare=False)

    @classmethod
    def same(cls, text: str) -> "Edited":
        return cls(text, [(i, i + 1) for i in range(len(text))], identity=True)

    @property
    def changed(self) -> bool:
        if self.identity:
            return False
        return len(self.src) != len(self.text) or any(s != (i, i + 1) for i, s in enumerate(self.src))

    def source(self, start: int, end: int) -> tuple[int, int]:
        """The transcript span an edited span [start, end) was said in."""
        if not self.src:
            return start, end
        a = min(max(start, 0), len(self.src) - 1)
        b = min(max(end, a + 1), len(self.src))
        # a changed word was said later than the words round it ("nine minutes ... change nine to
        # seventeen"): the span covers both places
        return min(s for s, _ in self.src[a:b]), max(e for _, e in self.src[a:b])

    def then(self, later: "Edited") -> "Edited":
        """This edit followed by ``later``, an edit of this one's text: spans map to the first text."""
        if not later.changed:
            return self
        return Edited(later.text, [(self.src[s][0], self.src[e - 1][1]) for s, e in later.src])

    def splice(self, start: int, end: int, text: str = "", src: list[tuple[int, int]] | None = None) -> "Edited":
        return Edited(self.text[:start] + text + self.text[end:], self.src[:start] + (src or []) + self.src[end:])


@cache
def _rules() -> dict[str, list]:
    out: dict[str, list] = {}
    for r in vocab.load("dictation.jsonl"):
        out.setdefault(r.kind, []).append(r)  # type: ignore[attr-defined]
    return out


def _words(term: str) -> str:
    return r"\s+".join(re.escape(w) for w in term.split())


@cache
def _spoken() -> re.Pattern:
    """Spoken punctuation and dropped words, longest first; a layout command takes the blanks round it."""
    alts = []
    for kind in ("drop", "punctuation"):
        for r in _rules().get(kind, []):
            for t in sorted(r.terms, key=len, reverse=True):
                alts.append((len(t), f"(?P<{_group(r.id, t)}>{_words(t)})"))
    body = "|".join(a for _, a in sorted(alts, key=lambda a: -a[0]))
    return re.compile(rf"[ \t]*\b(?:{body})\b[ \t]*", re.IGNORECASE)


def _group(rule_id: str, term: str) -> str:
    return "g" + re.sub(r"\W", "_", f"{rule_id}_{term}")


@cache
def _by_group() -> dict[str, object]:
    return {_group(r.id, t): r for kind in ("drop", "punctuation") for r in _rules().get(kind, []) for t in r.terms}


def _in_dictation_voice(rules: list) -> bool:
    """Whether the commands found show a transcript of dictation software: enough spoken
    punctuation, or one command no note writes in its own voice."""
    punctuation = [r for r in rules if r.kind == "punctuation"]
    return len(punctuation) >= _MIN_SPOKEN or any(r.voice_alone for r in punctuation)


def apply(text: str) -> Edited:
    """The note as its dictation commands make it; unchanged when it is not in that voice."""
    found = list(_spoken().finditer(text))
    if not _in_dictation_voice([_by_group()[m.lastgroup] for m in found]):
        return Edited.same(text)
    out, src, at, dropped = [], [], 0, False
    for m in found:
        rule = _by_group()[m.lastgroup]
        gap = text[at : m.start()]
        if gap:
            out.append(gap)
        src.extend((i, i + 1) for i in range(at, m.start()))
        if rule.kind == "drop":  # type: ignore[attr-defined]
            dropped = True
        elif not (dropped and not gap.strip()):  # "start dictation period": the period goes with it
            piece = rule.output  # type: ignore[attr-defined]
            if "\n" in piece and not gap and out and out[-1].endswith(" "):  # "period new line"
                out[-1] = out[-1][:-1]
                src.pop()
            if "\n" not in piece and m.end() < len(text) and text[m.end()] not in "\r\n":
                piece += " "  # "comma Alicia": the blanks round the word went with it
            out.append(piece)
            src.extend([(m.start(), m.end())] * len(piece))
            dropped = False
        else:
            dropped = False
        at = m.end()
    out.append(text[at:])
    src.extend((i, i + 1) for i in range(at, len(text)))
    return _edits(Edited("".join(out), src))


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, each with its closing mark."""
    spans, start = [], 0
    for i, c in enumerate(text):
        if c in _ENDS:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _said(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().strip(_ENDS + ",: ").strip()).lower()


def _edits(ed: Edited) -> Edited:
    """Carry out the spoken edits one at a time, each on the text the ones before it left."""
    for _ in range(50):
        for n, (s, e) in enumerate(_sentences(ed.text)):
            nxt = _command(ed, n, s, e)
            if nxt is not None:
                ed = nxt
                break
        else:
            return ed
    return ed


def _command(ed: Edited, n: int, s: int, e: int) -> Edited | None:
    said = _said(ed.text[s:e])
    if not said:
        return None
    rules = _rules()
    if any(said == t.lower() for r in rules.get("retract", []) for t in r.terms):
        before = [(a, b) for a, b in _sentences(ed.text)[:n] if _said(ed.text[a:b])]
        ed = ed.splice(s, e)
        return ed.splice(*before[-1]) if before else ed
    for r in rules.get("strike", []):
        for t in r.terms:
            if said.startswith(t.lower() + " "):
                return _strike(ed.splice(s, e), said[len(t) + 1 :], s)
    for r in rules.get("change", []) + rules.get("correction", []):
        for t in r.terms:
            head = t.lower().rstrip(":, ")
            # said as its own sentence, or closing one after a comma ("..., correction: right leg not left")
            for m in re.finditer(rf"(?:^|,)\s*{re.escape(head)}\s*[:,]?\s+([^,]+?)[\s{re.escape(_ENDS)}]*$",
                                 ed.text[s:e], re.IGNORECASE):
                parts = re.split(rf"\s+{re.escape(r.joiner)}\s+", m.group(1).strip(), maxsplit=1)
                if len(parts) != 2:
                    continue
                old, new = parts if r.kind == "change" else parts[::-1]
                cut = (s, e) if m.start() == 0 else (s + m.start(), s + m.end(1))
                return _replace(ed, *cut, old.strip(), new.strip(), r.kind == "correction")
    return None


def _find_last(text: str, phrase: str, before: int) -> re.Match | None:
    hits = list(re.finditer(rf"\b{_words(phrase)}\b", text[:before], re.IGNORECASE))
    return hits[-1] if hits else None


def _replace(ed: Edited, s: int, e: int, old: str, new: str, completes: bool) -> Edited:
    """Drop the command sentence [s, e) and put ``new`` for the last ``old`` said before it.
    A correction (``completes``) may say less or more than it replaces: "right leg not left" means
    "left leg" (the shorter part takes the longer one's tail); "the massage was to the low back
    not the neck" puts "the low back" (the longer part's tail from the word the other opens with)."""
    ow, nw = old.split(), new.split()
    tries = []
    if completes and ow and nw and len(nw) > len(ow):
        tries.append((" ".join(ow + nw[len(ow):]), new))
        opens = [i for i, w in enumerate(nw) if w == ow[0]]
        if opens and opens[-1] > 0:
            tries.append((old, " ".join(nw[opens[-1]:])))
    tries.append((old, new))
    ed_wo = ed.splice(s, e)
    for want, put in tries:
        m = _find_last(ed_wo.text, want, s)
        if m:
            src = _source_of(ed, s, e, put) or [ed.src[s]] * len(put)
            return ed_wo.splice(m.start(), m.end(), put, src)
    return ed_wo


def _source_of(ed: Edited, s: int, e: int, words: str) -> list[tuple[int, int]] | None:
    """Per-character sources for ``words`` as said inside the command sentence."""
    m = list(re.finditer(rf"\b{_words(words)}\b", ed.text[s:e], re.IGNORECASE)) if words else []
    if not m:
        return None
    a, b = s + m[-1].start(), s + m[-1].end()
    span = ed.src[a:b]
    return span if len(span) == len(words) else [(ed.src[a][0], ed.src[b - 1][1])] * len(words)


def _strike(ed: Edited, about: str, before: int) -> Edited:
    """Delete what the struck words were said in: from their clause to the end of its sentence,
    the whole sentence when they open it."""
    about = re.sub(r"^(the|a|an)\s+", "", about)
    m = _find_last(ed.text, about, before)
    if m is None:
        return ed
    for s, e in _sentences(ed.text):
        if s <= m.start() < e:
            comma = ed.text.rfind(",", s, m.start())
            return ed.splice(comma, e - 1) if comma >= 0 else ed.splice(s, e)
    return ed
