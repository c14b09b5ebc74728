"""A transcribed conversation about the session, read as the therapist's answers to its questions.

A note may come as a talk between someone who asks about the visit (the clinic's billing assistant,
the front desk, a "Q:") and the treating therapist who answers ("A:", "Therapist:", "PT:"):

    Q: Pain after?
    A: Numeric scale, two.
    Front desk: Did you use the hot pack?
    Therapist: No hot pack today.

The labels are layout, not content: "A:" is no assessment heading, "PT:" and "Therapist:" are no other
provider doing the work. And a question and its answer are one statement: the question names the
topic (a service, "pain after", "how long was the session") and the answer gives its facts in a
fragment ("two", "fifteen minutes", "no"). So, when at least ``_MIN_TURNS`` lines open with an
asker's label and as many with an answerer's (patterns/conversation.jsonl), a copy of the text is
made with the labels taken off and every question joined to the answer after it, its question mark
turned into a comma, so the pair is one sentence with the question as its topic ("Pain after,
Numeric scale, two."; "Did you use the hot pack, No hot pack today."). A colon would read better
but makes a question of one heading word a section ("Next?" is no plan). Every kept character remembers where it stood (dictation.Edited),
so evidence still points into the conversation as received. The rest of extraction then reads the
pair as one sentence: the answer's minutes link to the service asked about, a score takes the
timing the question asked for; ``questions`` gives the questions' ranges and whether each was
answered with a no (components/questions.py negates what such a question names).

Notes without the labels cost one regular-expression scan anchored at line starts.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from extraction import vocab
from extraction.dictation import Edited

_MIN_TURNS = 2  # lines opening with each role's label that make a note a conversation
_JOIN = ","  # what stands for the question mark: the pair reads as one sentence, the question as its topic


class Turn(NamedTuple):
    role: str  # "asker" or "answerer"
    label_start: int
    body_start: int  # after the label, its colon and blanks
    end: int  # the start of the next turn's line, or the text's end


@cache
def _labels() -> dict[str, str]:
    """Each label (lower case, blanks single) and the role of who speaks after it."""
    roles: dict[str, str] = {}
    for rule in vocab.load("conversation.jsonl"):
        if rule.role == "no_answer":  # type: ignore[attr-defined]
            continue
        for term in rule.terms:  # type: ignore[attr-defined]
            roles[" ".join(term.lower().split())] = rule.role  # type: ignore[attr-defined]
    return roles


_LONGEST_LABEL = 40


def _labelled_lines(text: str) -> list[tuple[str, int, int]]:
    """(role, line start, body start) of each line opening with a label and a colon. Anchored on the
    colons: a note is looked at only where one stands near a line's start."""
    roles = _labels()
    out = []
    at = text.find(":")
    while at != -1:
        line = text.rfind("\n", 0, at) + 1
        if at - line <= _LONGEST_LABEL:
            role = roles.get(" ".join(text[line:at].lower().split()))
            if role:
                body = at + 1
                while body < len(text) and text[body] in " \t":
                    body += 1
                out.append((role, line, body))
        at = text.find(":", at + 1)
    return out


@cache
def _no_answer() -> re.Pattern[str]:
    terms = {t.lower() for r in vocab.load("conversation.jsonl") if r.role == "no_answer" for t in r.terms}  # type: ignore[attr-defined]
    alts = "|".join(r"\s+".join(re.escape(w).replace("'", "['’]?") for w in t.split())
                    for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"[\s\W]*(?:{alts})\b", re.IGNORECASE)


def questions(text: str) -> list[tuple[int, int, bool]]:
    """Each question the asker put and the therapist answered: its character range in ``text`` and
    whether the answer opens with a no ("No hot pack today.", "Didn't get to it."). What a question
    names is the topic of its answer, never by itself a service done."""
    found = turns(text)
    out = []
    for turn, nxt in zip(found, found[1:]):
        if turn.role == "asker" and nxt.role == "answerer":
            out.append((turn.body_start, turn.body_start + len(text[turn.body_start : turn.end].rstrip()),
                        bool(_no_answer().match(text, nxt.body_start, nxt.end))))
    return out


def turns(text: str) -> list[Turn]:
    """The conversation's turns, in order; empty when the text is no conversation."""
    found = _labelled_lines(text)
    if sum(r == "asker" for r, _, _ in found) < _MIN_TURNS or sum(r == "answerer" for r, _, _ in found) < _MIN_TURNS:
        return []
    return [Turn(role, line, body, found[n + 1][1] if n + 1 < len(found) else len(text))
            for n, (role, line, body) in enumerate(found)]


def read(text: str) -> Edited | None:
    """The conversation as statements: labels off, each question joined to its answer; None when
    the text is no conversation."""
    found = turns(text)
    if not found:
        return None
    out: list[str] = []
    src: list[tuple[int, int]] = []

    def keep(a: int, b: int) -> None:
        if b > a:
            out.append(text[a:b])
            src.extend((i, i + 1) for i in range(a, b))

    keep(0, found[0].label_start)
    for n, turn in enumerate(found):
        nxt = found[n + 1] if n + 1 < len(found) else None
        if turn.role != "asker" or nxt is None or nxt.role != "answerer":
            keep(turn.body_start, turn.end)
            continue
        body_end = turn.body_start + len(text[turn.body_start : turn.end].rstrip())
        if body_end <= turn.body_start:
            continue  # an empty question
        last = text[body_end - 1]
        if last == "?":  # the question is the answer's label: "Pain after: two."
            keep(turn.body_start, body_end - 1)
            out.append(_JOIN)
            src.append((body_end - 1, body_end))
        elif last.isalnum():  # an unpunctuated question ("what first") reads the same
            keep(turn.body_start, body_end)
            out.append(_JOIN)
            src.append((body_end - 1, body_end))
        else:
            keep(turn.body_start, body_end)
        out.append(" ")  # the answer on the question's line
        src.append((body_end, min(body_end + 1, turn.end)))
    return Edited("".join(out), src)
