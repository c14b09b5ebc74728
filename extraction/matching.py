"""A token matcher for the rule patterns that only looks where a match can be.

spaCy's Matcher costs a few microseconds per token (each pattern state and set predicate is
a Python-level call), so running the duration and pain rules over every token of a note was
most of the extraction time. The rule patterns are simple: each token is one attribute
(LOWER, NORM or ORTH) equal to a value or in a set, optional ("?") or not. Every pattern has
a required token, and a match lies within the pattern's length of it. So the required
tokens are found with one pass over the token attribute arrays; a pattern is only tried
where all of its required tokens occur close enough together, and there it is run as a
small set-of-states automaton, which gives every (start, end) the Matcher gives. Patterns
of any other form fall back to spaCy's Matcher on the whole Doc.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from spacy.attrs import IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, IS_TITLE, LIKE_NUM, LOWER, NORM, ORTH
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

_ATTRS = {"LOWER": LOWER, "NORM": NORM, "ORTH": ORTH, "IS_PUNCT": IS_PUNCT, "IS_ALPHA": IS_ALPHA, "IS_DIGIT": IS_DIGIT, "LIKE_NUM": LIKE_NUM, "IS_TITLE": IS_TITLE,
          "IS_SPACE": IS_SPACE}  # a run of blanks between two columns of a pasted row

Step = tuple[int, frozenset, str]  # attr, value hashes, op ("" once, "?" optional, "*" any number)


def _steps(pattern: list[dict[str, Any]]) -> list[Step] | None:
    """A pattern as steps of (attr, hashes, op), "+" written as one step and a "*" step; None
    when a token is of another form."""
    out: list[Step] = []
    for spec in pattern:
        op = spec.get("OP") or ""
        keys = [k for k in spec if k != "OP"]
        if op not in ("", "?", "*", "+") or len(keys) != 1 or keys[0] not in _ATTRS:
            return None
        value = spec[keys[0]]
        if isinstance(value, bool):
            hashes = frozenset({int(value)})
        elif isinstance(value, str):
            hashes = frozenset({get_string_id(value)})
        elif isinstance(value, dict) and list(value) == ["IN"] and all(isinstance(v, str) for v in value["IN"]):
            hashes = frozenset(get_string_id(v) for v in value["IN"])
        else:
            return None
        attr = _ATTRS[keys[0]]
        if op == "+":
            out += [(attr, hashes, ""), (attr, hashes, "*")]
        else:
            out.append((attr, hashes, op))
    return out


class AnchoredMatcher:
    """Gives the (key, start, end) matches ``spacy.matcher.Matcher`` gives for the same rules,
    ordered by start, end and rule order (the order the Matcher gives one span's rules in).

    A "*" token makes a match's length open, so a pattern is anchored on the required tokens
    before its first "*" (it is bounded up to there); a pattern with none there, or with a token
    of another form, is left to spaCy's Matcher, alone: one such rule no longer sends every rule
    of the file to the slow path."""

    def __init__(self, vocab, rules: list[tuple[str, list[dict[str, Any]]]]):
        self.matcher = Matcher(vocab)  # only the patterns beyond the anchored form
        self.specs: dict[tuple[int, frozenset], int] = {}  # (attr, hashes) of a required token -> number
        # order, key, steps, required (spec, index) within the bounded head, the head's length
        self.rules: list[tuple[int, int, list[Step], list[tuple[int, int]], int]] = []
        self.order: dict[int, int] = {}  # key hash -> rule order, for the Matcher's matches
        for order, (key, pattern) in enumerate(rules):
            key_hash = vocab.strings.add(key)
            self.order.setdefault(key_hash, order)
            steps = _steps(pattern)
            head = steps if steps is None else steps[: next((i for i, s in enumerate(steps) if s[2] == "*"), len(steps))]
            if steps is None or not any(op == "" for _, _, op in head):  # type: ignore[union-attr]
                self.matcher.add(key, [pattern])
                continue
            required = [
                (self.specs.setdefault((attr, hashes), len(self.specs)), i)
                for i, (attr, hashes, op) in enumerate(head)  # type: ignore[arg-type]
                if op == ""
            ]
            self.rules.append((order, key_hash, steps, required, len(head)))  # type: ignore[arg-type]
        self.simple = not len(self.matcher)  # every rule takes the anchored path
        self.needs = {order: frozenset(spec for spec, _ in required) for order, _, _, required, _ in self.rules}
        self.by_hash: dict[int, dict[int, list[int]]] = {}
        for (attr, hashes), spec in self.specs.items():
            for h in hashes:
                self.by_hash.setdefault(attr, {}).setdefault(h, []).append(spec)
                _WATCHED.setdefault(attr, set()).add(h)
        attrs = {attr for _, _, steps, _, _ in self.rules for attr, _, _ in steps}
        self.columns = sorted(attrs | set(self.by_hash))

    def __call__(self, doc: Doc, starts: set[int] | None = None) -> list[tuple[int, int, int]]:
        """All matches, or only those starting at ``starts`` (e.g. right after a comma)."""
        n = len(doc)
        if not n or starts == set():
            return []
        found = []
        if len(self.matcher):
            found = [(s, e, self.order[k], k) for k, s, e in self.matcher(doc) if starts is None or s in starts]
        if not self.rules:
            found.sort()
            return [(key, start, end) for start, end, _, key in found]
        table = _columns(doc, n)
        missing = [a for a in self.columns if a not in table.values]
        if missing:
            table.values.update(zip(missing, doc.to_array(missing).reshape(n, -1).T.tolist()))
        values = table.values
        if starts is not None:
            for order, key, steps, _, _ in self.rules:
                attr, hashes, op = steps[0]
                column = values[attr]
                for start in starts:
                    if op or column[start] in hashes:  # most rules fail on their first token
                        found.extend((start, end, order, key) for end in _ends(steps, values, start, n))
            found.sort()
            return [(key, start, end) for start, end, _, key in found]
        positions = self._positions(table)
        present = {spec for spec, at in enumerate(positions) if at}
        for order, key, steps, required, length in self.rules:
            if not self.needs[order] <= present:
                continue  # a required token this Doc never has: most rules stop here, for one set test
            # Try the pattern only where each required token occurs within reach of its anchor
            # (the required token this Doc has fewest of).
            anchor, index = min(required, key=lambda r: len(positions[r[0]]))
            tried: set[int] = set()
            for p in positions[anchor]:
                lo, hi = max(0, p - index), min(n, p + length - index)
                if all(_any_between(positions[s], lo, hi) for s, _ in required):
                    tried.update(range(lo, p + 1))
            for start in tried:
                found.extend((start, end, order, key) for end in _ends(steps, values, start, n))
        found.sort()
        return [(key, start, end) for start, end, _, key in found]

    def _positions(self, table: "_Columns") -> list[list[int]]:
        """Token indexes where each required token spec holds, in order."""
        out: list[list[int]] = [[] for _ in self.specs]
        for attr, by_hash in self.by_hash.items():
            where = table.where(attr)
            common = by_hash.keys() & where.keys()  # the hashes of this attribute the Doc has
            if not common:
                continue
            for h in common:
                at = where[h]
                for spec in by_hash[h]:
                    out[spec].extend(at)
            if len(common) > 1:  # a spec of several values may have met more than one: back in token order
                for spec in {spec for h in common for spec in by_hash[h]}:
                    out[spec].sort()
        return out


class _Columns:
    """A Doc's token attribute columns and, per attribute, the token indexes of each value: read
    once per Doc for every matcher (each read the same columns of the Doc again)."""

    __slots__ = ("n", "values", "index")

    def __init__(self, n: int) -> None:
        self.n = n
        self.values: dict[int, list[int]] = {}
        self.index: dict[int, dict[int, list[int]]] = {}

    def where(self, attr: int) -> dict[int, list[int]]:
        found = self.index.get(attr)
        if found is None:
            found = self.index[attr] = {}
            watched = _WATCHED[attr]  # only values some matcher looks for: most words are none
            for i, h in enumerate(self.values[attr]):
                if h in watched:
                    at = found.get(h)
                    if at is None:
                        found[h] = [i]
                    else:
                        at.append(i)
        return found


_KEY = "scribe_columns"
_WATCHED: dict[int, set[int]] = {}  # attribute -> the values any AnchoredMatcher's required tokens take


def _columns(doc: Doc, n: int) -> _Columns:
    table = doc.user_data.get(_KEY)
    if table is None or table.n != n:
        table = doc.user_data[_KEY] = _Columns(n)
    return table


def _ends(steps: list[Step], values: dict[int, list[int]], start: int, n: int) -> list[int]:
    """Every end of a match of the steps from ``start`` (all branches of the optional tokens)."""
    states = {start}
    for attr, hashes, op in steps:
        column = values[attr]
        if op == "*":
            frontier = states
            while frontier:
                frontier = {i + 1 for i in frontier if i < n and column[i] in hashes} - states
                states = states | frontier
            continue
        moved = {i + 1 for i in states if i < n and column[i] in hashes}
        states = moved | states if op else moved
        if not states:
            return []
    return sorted(e for e in states if e > start)


def _any_between(positions: list[int], lo: int, hi: int) -> bool:
    k = bisect_left(positions, lo)
    return k < len(positions) and positions[k] < hi
