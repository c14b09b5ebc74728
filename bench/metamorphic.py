"""Metamorphic robustness check for extraction: is a passing note still read right once reworded?

    python bench/metamorphic.py samples/text samples/blind/dev samples/blind/dev2 ... [--only NAME]... [--jobs N]
        [--json FILE]

The paraphrase rounds (dev22-25) showed that about a quarter of the notes the tool reads right are
read wrong once someone else tells the same facts. New writers are slow and few; this tool finds the
same brittleness mechanically. It takes eval case folders, runs every text case as `scribe eval`
does (scribe.evaluate.run_case, the same path), and for each case that passes applies each
meaning-preserving rewrite below on its own. Where a rewrite changes the text it runs the case again,
against the same expectation (the case's .json, untouched), and reports the cases that passed before
and fail after, with the eval differences, then a summary table (rewrite, cases it applied to, how
many broke).

Each rewrite is a small function ``text -> str | None``: None when it does not apply cleanly (nothing
to rewrite, or a form it cannot rewrite without doubt), in which case the case is skipped for that
rewrite. Each one's docstring says why it preserves meaning. Left out on purpose: joining sentences
with "and" in place of full stops (a negation's or a heading's scope runs on into the next sentence:
"No massage. Exercise 20 min" is not "no massage and exercise 20 min"), and reordering sentences
(order carries before/after and which minutes belong to which technique).

Never point it at a frozen exam folder (samples/blind/exam*): it refuses them, as tuning on exams
in any way is not allowed. A dev tool, not a test: tests/test_s11_metamorphic.py tests the rewrites.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's code, not an installed one

# ---------------------------------------------------------------------------------------------
# Number words (1-99), enough for minutes said in a note.

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_to_words(n: int) -> str:
    """1-99 as written in running text ("twenty-five")."""
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")


_WORD_VALUE = {w: i for i, w in enumerate(_UNITS)} | {w: 10 * i for i, w in enumerate(_TENS) if w}
_NUMWORD = r"(?:%s)" % "|".join(sorted(_WORD_VALUE, key=len, reverse=True))
_NUMBER_WORDS = rf"(?:(?:{'|'.join(w for w in _TENS if w)})(?:[- ](?:{'|'.join(_UNITS[1:10])}))?|{_NUMWORD})"


def words_to_number(words: str) -> int:
    """Inverse of number_to_words for "twenty five" / "twenty-five" / "seven"."""
    return sum(_WORD_VALUE[w] for w in re.split(r"[- ]", words.lower()))


def _keep_case(template: str, word: str) -> str:
    """``word`` capitalised like ``template`` (sentence-initial words stay capitalised)."""
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# ---------------------------------------------------------------------------------------------
# The rewrites

_MIN_UNIT = r"(?:minutes?|mins?)\b"
# a number before a minutes unit that is not part of a range, a clock time, a decimal or a fraction
_NOT_RANGE_BEFORE = r"(?<![\d/:.\-–])(?<!\bto )(?<!\bor )(?<!\band )"
_NOT_RANGE_AFTER = r"(?!\s*(?:-|–|to\b|or\b|and\b|/))"


def minutes_words_to_digits(text: str) -> str | None:
    """"twenty minutes" -> "20 minutes". A minute count is the same number in either notation;
    ranges ("ten to fifteen minutes"), fractions and clock times are left alone (a half-converted
    range would be a form nobody writes)."""
    pat = re.compile(rf"(?<![\w\-])(?<!\bto )(?<!\bor )(?<!\band )({_NUMBER_WORDS})([- ]){_MIN_UNIT}",
                     re.IGNORECASE)

    def sub(m: re.Match) -> str:
        before = text[max(0, m.start() - 12):m.start()].lower()
        if re.search(r"(?:\band|\bhalf|\ba|\bor|\bto|-)\s*$", before):
            return m.group(0)
        return f"{words_to_number(m.group(1))}{m.group(2)}{m.group(0)[len(m.group(1)) + 1:]}"

    out = pat.sub(sub, text)
    return out if out != text else None


def minutes_digits_to_words(text: str) -> str | None:
    """"20 minutes" -> "twenty minutes" (and "20-minute" -> "twenty-minute"). Same number, spoken
    notation, as a recogniser or a careful typist writes it. Only 1-99, not ranges, decimals,
    clock times or counts glued to other numbers."""
    pat = re.compile(rf"{_NOT_RANGE_BEFORE}(?<![\w])(\d{{1,2}})(\s?|-)(?={_MIN_UNIT})", re.IGNORECASE)

    def sub(m: re.Match) -> str:
        n = int(m.group(1))
        if n == 0 or re.search(r"(?:\b(?:to|or|and)|[-–/])\s*$", text[max(0, m.start() - 5):m.start()]):
            return m.group(0)
        sep = m.group(2) or " "
        return _keep_case(m.group(1), number_to_words(n)) + sep

    out = pat.sub(sub, text)
    return out if out != text else None


_NUM_BEFORE_UNIT = rf"(?:(?<![\d.:/])\d{{1,3}}|\b{_NUMBER_WORDS})\s?"


def _unit_rewrite(text: str, source: str, target: Callable[[str], str]) -> str | None:
    pat = re.compile(rf"({_NUM_BEFORE_UNIT})({source})\b(?!['’-])", re.IGNORECASE)
    out = pat.sub(lambda m: m.group(1) + (" " if not m.group(1).endswith(" ") else "") + target(m.group(2)), text)
    return out if out != text else None


def minutes_to_min(text: str) -> str | None:
    """"20 minutes" -> "20 min": "min" is the standard charting abbreviation of minutes, and only a
    unit after a count is touched ("minimal", "minute detail" and "per minute" are not)."""
    return _unit_rewrite(text, "minutes|minute", lambda u: "min")


def minutes_to_mins(text: str) -> str | None:
    """"20 minutes" -> "20 mins": the everyday abbreviation; only after a count."""
    return _unit_rewrite(text, "minutes", lambda u: "mins")


def min_to_minutes(text: str) -> str | None:
    """"20 min" / "20 mins" -> "20 minutes": the abbreviation spelled out; only after a count."""
    return _unit_rewrite(text, "mins|min", lambda u: "minutes")


# N/10 pain form: a score 0-10 (or a range 3-4), not part of a date (3/10/26) or a larger number
_SLASH_TEN = re.compile(r"(?<![\d/.:\-])(\d{1,2}(?:\.\d)?(?:\s?-\s?\d{1,2}(?:\.\d)?)?)\s?/\s?10(?![\d/])")
_OUT_OF_TEN = re.compile(r"(?<![\d/.:\-])(\d{1,2}(?:\.\d)?(?:\s?-\s?\d{1,2}(?:\.\d)?)?) out of (?:10|ten)\b",
                         re.IGNORECASE)


def _scores_ok(m: re.Match) -> bool:
    return all(float(x) <= 10 for x in re.findall(r"\d+(?:\.\d)?", m.group(1)))


def slash_ten_to_out_of(text: str) -> str | None:
    """"6/10" -> "6 out of 10": the same 0-10 rating read aloud. Dates (3/10/26) and scores over
    10 are not touched."""
    out = _SLASH_TEN.sub(lambda m: f"{m.group(1)} out of 10" if _scores_ok(m) else m.group(0), text)
    return out if out != text else None


def slash_ten_to_of(text: str) -> str | None:
    """"6/10" -> "6 of 10": the terse spoken rating ("a six of ten")."""
    out = _SLASH_TEN.sub(lambda m: f"{m.group(1)} of 10" if _scores_ok(m) else m.group(0), text)
    return out if out != text else None


def out_of_to_slash_ten(text: str) -> str | None:
    """"6 out of 10" -> "6/10": the same rating in charting shorthand."""
    out = _OUT_OF_TEN.sub(lambda m: f"{m.group(1)}/10" if _scores_ok(m) else m.group(0), text)
    return out if out != text else None


# body-area words a side letter may stand before ("R shoulder"); charting uses L/R this way
AREA_WORDS = (
    "neck shoulder shoulders arm arms elbow forearm wrist hand hands thumb finger fingers hip hips "
    "thigh knee knees leg legs calf calves ankle foot feet heel glute glutes gluteal hamstring "
    "hamstrings quad quads quadriceps piriformis trap traps trapezius upper lower low lumbar "
    "thoracic cervical side SI sacroiliac QL rhomboid rhomboids scapula scap pec pecs chest rib ribs "
    "TMJ jaw ITB groin adductor adductors achilles plantar shin peroneals hamstr gastroc soleus "
    "levator scalene scalenes sternocleidomastoid SCM deltoid bicep biceps tricep triceps lat lats "
    "buttock flank"
).split()
_AREA = r"(?:%s)\b" % "|".join(sorted(AREA_WORDS, key=len, reverse=True))


def side_words_to_letters(text: str) -> str | None:
    """"left shoulder" -> "L shoulder": L and R are the standard charting abbreviations of the
    sides, and only a side directly before a body-area word is touched (never "left the clinic",
    "right away")."""
    pat = re.compile(rf"\b(left|right)\s+(?={_AREA})", re.IGNORECASE)
    out = pat.sub(lambda m: ("L" if m.group(1).lower() == "left" else "R") + " ", text)
    return out if out != text else None


def side_letters_to_words(text: str) -> str | None:
    """"R knee" -> "right knee": the side abbreviation spelled out, only before a body-area word."""
    pat = re.compile(rf"(?<![\w/<>])([LR])\s+(?={_AREA})")
    out = pat.sub(lambda m: ("left" if m.group(1) == "L" else "right") + " ", text)
    return out if out != text else None


# all-caps charting abbreviations that lower-cased become another ordinary word
KEEP_UPPER = {"US", "IT", "ART", "AS", "IS", "AT", "ON", "OR", "IN", "TO", "SO", "DO", "WE", "ME",
              "HE", "BE", "GO", "UP", "NO", "MAT", "SET", "PT", "OT", "L", "R", "A", "I", "S", "O",
              "P", "TENS", "ROM", "PROM", "AM", "PM", "ICE", "MET", "HEP", "PRE", "POST", "DC", "ITB"}


def lowercase(text: str) -> str | None:
    """Every word lower-cased, as speech recognisers and thumb-typed notes write: case carries no
    fact in a note, except in all-caps abbreviations that lower-cased read as another word ("US"
    ultrasound -> "us", "IT band" -> "it band", "ART" -> "art") and in every two-letter one ("CP"
    cold pack or cerebral palsy, "MT", "TE", "HP": lower-cased, only the capitals told them apart),
    which are kept as written."""
    def low(m: re.Match) -> str:
        w = m.group(0)
        if w in KEEP_UPPER or (len(w) <= 2 and w.isupper()):
            return w
        return w.lower()

    out = re.sub(r"[A-Za-z][A-Za-z']*", low, text)
    return out if out != text else None


_NEGATION = re.compile(r"\b(?:no|not|never|without|denie[sd]|deferred|held|declined|n't)\b|n't\b", re.IGNORECASE)


def remove_commas(text: str) -> str | None:
    """Commas dropped, as unpunctuated dictation comes: a list or a clause reads the same. Kept
    where the comma carries meaning: between two numbers ("pain 7, 3 after", "x 20, 10 of it prone"),
    which would otherwise run together, and at the end of a clause holding a negation ("no massage,
    exercise 20 min"), whose scope would otherwise run on; thousands separators are not touched."""
    num = rf"(?:\d+(?:\.\d)?|{_NUMBER_WORDS})"
    pat = re.compile(r",(?=\s)")

    def sub(m: re.Match) -> str:
        before, after = text[max(0, m.start() - 14):m.start()], text[m.end():m.end() + 16]
        clause = re.split(r"[.;:!?\n,]", text[:m.start()])[-1]
        if _NEGATION.search(clause):
            return m.group(0)
        if re.search(rf"\b{num}(?:/10|%)?$", before, re.IGNORECASE) and re.match(rf"\s+{num}\b", after,
                                                                                    re.IGNORECASE):
            return m.group(0)
        return ""

    out = pat.sub(sub, text)
    return out if out != text else None


_CONTRACTIONS = {
    "did not": "didn't", "does not": "doesn't", "do not": "don't", "was not": "wasn't",
    "were not": "weren't", "is not": "isn't", "are not": "aren't", "could not": "couldn't",
    "would not": "wouldn't", "should not": "shouldn't", "has not": "hasn't", "have not": "haven't",
    "had not": "hadn't", "will not": "won't", "cannot": "can't",
}


def _swap(text: str, table: dict[str, str]) -> str | None:
    pat = re.compile(r"\b(%s)\b" % "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)),
                     re.IGNORECASE)

    def sub(m: re.Match) -> str:
        new = table[m.group(1).lower()]
        return _keep_case(m.group(1), new.upper() if m.group(1).isupper() and len(m.group(1)) > 1 else new)

    out = pat.sub(sub, text)
    return out if out != text else None


def contract(text: str) -> str | None:
    """"did not" -> "didn't": the same negation, contracted as people speak."""
    return _swap(text, _CONTRACTIONS)


def expand_contractions(text: str) -> str | None:
    """"didn't" -> "did not": the same negation, spelled out as formal notes write it."""
    table = {v: k for k, v in _CONTRACTIONS.items()}
    table |= {k.replace("'", "’"): v for k, v in table.items()}
    return _swap(text, table)


_HEADINGS = {"S": "Subjective", "O": "Objective", "A": "Assessment", "P": "Plan"}


def headings_expand(text: str) -> str | None:
    """"S:" -> "Subjective:" at the start of a line: the SOAP letters are the headings' initials.
    Only in a note with at least two such headings and no "Q:" lines (there "A:" is an answer)."""
    if re.search(r"(?m)^\s*Q:", text) or len(set(re.findall(r"(?m)^\s*([SOAP]):", text))) < 2:
        return None  # "A:" is an answer in a Q&A note; a lone letter may not be a SOAP heading
    out = re.sub(r"(?m)^(\s*)([SOAP]):", lambda m: f"{m.group(1)}{_HEADINGS[m.group(2)]}:", text)
    return out if out != text else None


def headings_abbreviate(text: str) -> str | None:
    """"Subjective:" -> "S:" at the start of a line: the reverse of headings_expand."""
    back = {v.lower(): k for k, v in _HEADINGS.items()}
    out = re.sub(r"(?im)^(\s*)(subjective|objective|assessment|plan):",
                 lambda m: f"{m.group(1)}{back[m.group(2).lower()]}:", text)
    return out if out != text else None


@dataclass(frozen=True)
class Rewrite:
    name: str
    apply: Callable[[str], str | None]


REWRITES = [Rewrite(f.__name__, f) for f in (
    minutes_words_to_digits, minutes_digits_to_words, minutes_to_min, minutes_to_mins, min_to_minutes,
    slash_ten_to_out_of, slash_ten_to_of, out_of_to_slash_ten, side_words_to_letters,
    side_letters_to_words, lowercase, remove_commas, contract, expand_contractions, headings_expand,
    headings_abbreviate)]


# ---------------------------------------------------------------------------------------------
# The run


def _refuse_exams(folders: list[Path]) -> None:
    for f in folders:
        if any(part.lower().startswith("exam") for part in f.resolve().parts):
            sys.exit(f"refused: {f} is a frozen exam folder; point this at dev or own cases only")


def run(folders: list[Path], rewrites: list[Rewrite], log=print) -> dict:
    from scribe.evaluate import discover, run_case
    from scribe.inputs import decode_text

    report: dict = {"rewrites": {r.name: {"applied": 0, "broke": []} for r in rewrites},
                    "cases": 0, "passing": 0}
    for folder in folders:
        for case in discover(folder):
            if case.error or case.dictation is None or case.dictation.suffix.lower() != ".txt":
                continue
            report["cases"] += 1
            base = run_case(case, payer=None, model=None)
            if not base.passed:
                continue
            report["passing"] += 1
            text = decode_text(case.dictation.read_bytes(), case.dictation.name)
            for rw in rewrites:
                new = rw.apply(text)
                if new is None:
                    continue
                entry = report["rewrites"][rw.name]
                entry["applied"] += 1
                res = run_case(case, payer=None, model=None, text=new)
                if not res.passed:
                    name = f"{folder.name}/{case.name}"
                    entry["broke"].append({"case": name, "differences": res.differences})
                    log(f"  {rw.name}: {name}: {'; '.join(res.differences)}")
    return report


def _run_folder(folder: Path, names: list[str]) -> dict:
    lines: list[str] = []
    rep = run([folder], [r for r in REWRITES if r.name in names], log=lines.append)
    print("\n".join(lines), flush=True)
    return rep


def _merge(parts: list[dict], rewrites: list[Rewrite]) -> dict:
    report: dict = {"rewrites": {r.name: {"applied": 0, "broke": []} for r in rewrites},
                    "cases": sum(p["cases"] for p in parts), "passing": sum(p["passing"] for p in parts)}
    for p in parts:
        for name, e in p["rewrites"].items():
            report["rewrites"][name]["applied"] += e["applied"]
            report["rewrites"][name]["broke"] += e["broke"]
    return report


def table(report: dict) -> str:
    rows = ["| rewrite | applied to (passing cases) | broke | share |", "|---|---|---|---|"]
    for name, e in report["rewrites"].items():
        share = f"{len(e['broke']) / e['applied']:.1%}" if e["applied"] else "-"
        rows.append(f"| {name} | {e['applied']} | {len(e['broke'])} | {share} |")
    total_a = sum(e["applied"] for e in report["rewrites"].values())
    total_b = sum(len(e["broke"]) for e in report["rewrites"].values())
    rows.append(f"| all | {total_a} | {total_b} | {total_b / total_a:.1%} |" if total_a else "| all | 0 | 0 | - |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path, help="eval case folders (never samples/blind/exam*)")
    ap.add_argument("--only", action="append", metavar="NAME", help="run only this rewrite (name as in the table; repeat for more)")
    ap.add_argument("--json", metavar="FILE", help="write the full report (every broken case with its differences)")
    ap.add_argument("--jobs", type=int, default=1, help="folders run in this many processes")
    args = ap.parse_args()
    _refuse_exams(args.folders)
    os.environ.setdefault("SCRIBE_HOME", tempfile.mkdtemp(prefix="scribe-meta-"))
    chosen = [r for r in REWRITES if not args.only or r.name in args.only]
    t0 = time.perf_counter()
    if args.jobs > 1:
        from multiprocessing import Pool

        with Pool(args.jobs) as pool:
            parts = pool.starmap(_run_folder, [(f, [r.name for r in chosen]) for f in args.folders])
        report = _merge(parts, chosen)
    else:
        report = run(args.folders, chosen, log=lambda s: print(s, flush=True))
    print(f"\n{report['passing']} of {report['cases']} text cases pass as written "
          f"({time.perf_counter() - t0:.0f} s)\n")
    print(table(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
