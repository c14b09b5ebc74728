"""`scribe eval`: accuracy measured over a folder of cases (shared/eval-format.md).

Never writes to the session store: cases run through scribe.analysis.analyse, which returns
models and stores nothing.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scribe.inputs import audio_extensions, decode_text


class ExpectedLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cpt: str
    units: int
    modifiers: list[str] = Field(default_factory=list)


class ExpectedPain(BaseModel):
    model_config = ConfigDict(extra="forbid")

    before: int | None = None
    after: int | None = None


class Expectation(BaseModel):
    """A case's .json file; every key optional, unknown keys refused so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid")

    payer: str | None = None
    lines: list[ExpectedLine] | None = None
    pain: ExpectedPain | None = None
    regions: list[str] | None = None
    diagnoses: list[str] | None = None
    flags: list[str] | None = None
    flags_absent: list[str] | None = None


class Case(BaseModel):
    name: str
    dictation: Path | None = None
    expectation: Path | None = None
    reference: Path | None = None
    error: str | None = None


class CaseResult(BaseModel):
    name: str
    passed: bool
    differences: list[str] = Field(default_factory=list)
    kind: str = "text"
    payer: str | None = None
    error: str | None = None
    lines_produced: int = 0
    lines_expected: int = 0
    lines_matched: int = 0
    pain_checked: int = 0
    pain_correct: int = 0
    wer_errors: int | None = None
    wer_words: int | None = None
    passed_without_clinic: bool | None = Field(
        default=None, description="Whether it passed on the shipped words alone (when the clinic has taught some)")


def _stem(path: Path) -> tuple[str, str]:
    name = path.name
    if name.lower().endswith(".ref.txt"):
        return name[: -len(".ref.txt")], "ref"
    return path.stem, path.suffix.lower()


def discover(root: Path) -> list[Case]:
    """Group files by folder and stem; report the broken groups as errors, keep going."""
    from scribe.errors import NotFound

    if not root.exists():
        raise NotFound(f"{root} does not exist.")
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    if root.is_file() and root.suffix.lower() != ".json":
        files.append(root.with_suffix(".json"))
    dictation_ext = audio_extensions() | {".txt"}
    groups: dict[tuple[Path, str], dict[str, list[Path]]] = {}
    for f in files:
        stem, kind = _stem(f)
        if kind not in dictation_ext | {".json", "ref"}:
            continue
        if kind == ".json" and not f.exists():
            continue
        g = groups.setdefault((f.parent, stem), {"dictation": [], "json": [], "ref": []})
        key = "json" if kind == ".json" else "ref" if kind == "ref" else "dictation"
        g[key].append(f)
    if root.is_file():
        stem, _ = _stem(root)
        groups.setdefault((root.parent, stem), {"dictation": [], "json": [], "ref": []})
        if root.suffix.lower() == ".json":
            for ext in dictation_ext:
                for cand in (root.with_suffix(ext), root.with_suffix(ext.upper())):
                    if cand.exists() and cand not in groups[(root.parent, stem)]["dictation"]:
                        groups[(root.parent, stem)]["dictation"].append(cand)
    cases = []
    base = root if root.is_dir() else root.parent
    for (folder, stem), g in sorted(groups.items()):
        rel = (folder / stem).relative_to(base).as_posix()
        case = Case(name=rel, reference=g["ref"][0] if g["ref"] else None)
        if len(g["dictation"]) > 1:
            case.error = "two dictations share this name: " + ", ".join(p.name for p in g["dictation"])
        elif not g["dictation"]:
            if not g["json"]:
                continue  # a lone reference transcript is not a case
            case.error = "an expectation (.json) with no dictation"
        elif not g["json"]:
            case.error = "a dictation with no expectation (.json)"
        else:
            case.dictation, case.expectation = g["dictation"][0], g["json"][0]
        cases.append(case)
    return cases


def normalise_words(text: str) -> list[str]:
    """Lower-case, no punctuation, numbers as digits: the WER convention of eval-format.md."""
    from text_to_num import alpha2digit

    text = text.lower().replace("-", " ")
    text = re.sub(r"(\d)/(\d)", r"\1 \2", text)
    text = alpha2digit(text, "en")
    text = text.translate(str.maketrans({c: " " for c in string.punctuation if c not in "'"}))
    text = text.replace("'", "")
    return text.split()


def word_errors(ref: list[str], hyp: list[str]) -> int:
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1]


def _line_key(cpt: str, units: int, modifiers) -> tuple[str, int, frozenset[str]]:
    return (str(cpt), int(units), frozenset(m.upper() for m in modifiers))


def _fmt(key: tuple[str, int, frozenset[str]]) -> str:
    mods = ",".join(sorted(key[2]))
    return f"{key[0]}x{key[1]}" + (f"[{mods}]" if mods else "")


def compare(exp: Expectation, extraction, claim, findings, result: CaseResult) -> None:
    d = result.differences
    if exp.lines is not None:
        want = Counter(_line_key(ln.cpt, ln.units, ln.modifiers) for ln in exp.lines)
        got = Counter(_line_key(ln.cpt, ln.units, ln.modifiers) for ln in claim.lines)
        matched = sum((want & got).values())
        result.lines_expected, result.lines_produced, result.lines_matched = (
            sum(want.values()), sum(got.values()), matched)
        missing, extra = want - got, got - want
        if missing or extra:
            d.append("lines: expected " + (" ".join(_fmt(k) for k in sorted(want.elements())) or "none")
                     + ", got " + (" ".join(_fmt(k) for k in sorted(got.elements())) or "none"))
    if exp.pain is not None:
        for key, fact in (("before", extraction.pain_before), ("after", extraction.pain_after)):
            want_score = getattr(exp.pain, key)
            if want_score is None:
                continue
            result.pain_checked += 1
            got_score = fact.score if fact else None
            if got_score == want_score:
                result.pain_correct += 1
            else:
                d.append(f"pain {key}: expected {want_score}, got {got_score}")
    if exp.regions is not None:
        got_regions = {r.value for ln in claim.lines for r in ln.regions}
        if set(exp.regions) != got_regions:
            d.append(f"regions: expected {sorted(set(exp.regions))}, got {sorted(got_regions)}")
    if exp.diagnoses is not None:
        got_dx = {dx.code for dx in claim.diagnoses}
        missing_dx = [c for c in exp.diagnoses if c not in got_dx]
        if missing_dx:
            d.append(f"diagnoses: missing {missing_dx}, got {sorted(got_dx)}")
    raised = {f.id.value for f in findings}
    if exp.flags:
        missing_flags = [f for f in exp.flags if f not in raised]
        if missing_flags:
            d.append(f"flags: not raised {missing_flags}")
    if exp.flags_absent:
        wrong = [f for f in exp.flags_absent if f in raised]
        if wrong:
            d.append(f"flags_absent: raised {wrong}")


def run_case(case: Case, *, payer: str | None, model: str | None, clinic_vocab: bool = True,
             compare_without: bool = False, text: str | None = None) -> CaseResult:
    """One case. ``clinic_vocab``: read with the clinic's taught words; ``compare_without``: also
    read it (same transcript) with the shipped words only, to show what the clinic's words are worth.
    ``text``: read this instead of a text case's dictation file, against the same expectation
    (bench/metamorphic.py's meaning-preserving rewrites go through exactly this path)."""
    from scribe.errors import ScribeError
    from scribe.analysis import analyse

    result = CaseResult(name=case.name, passed=False)
    if case.error:
        result.error = case.error
        result.differences.append(case.error)
        return result
    try:
        exp = Expectation.model_validate_json(case.expectation.read_bytes())
    except (ValidationError, ValueError) as exc:
        msg = f"malformed expectation: {str(exc).splitlines()[0]}"
        result.error = msg
        result.differences.append(msg)
        return result
    result.payer = exp.payer or payer or "commercial"
    try:
        if case.dictation.suffix.lower() == ".txt":
            from models import Transcript

            if text is None:
                text = decode_text(case.dictation.read_bytes(), case.dictation.name)
            transcript = Transcript.from_text(text)
        else:
            from scribe.transcribe import get_transcriber

            result.kind = "audio"
            transcript = get_transcriber(model).transcribe(case.dictation)
            if case.reference and case.reference.exists():
                ref = normalise_words(case.reference.read_text(encoding="utf-8"))
                result.wer_errors = word_errors(ref, normalise_words(transcript.text))
                result.wer_words = len(ref)
        extraction, _soap, claim, findings = analyse(
            transcript, payer=result.payer, date_of_service=None, use_data_dir=True, clinic_vocab=clinic_vocab
        )
        without = analyse(transcript, payer=result.payer, date_of_service=None, use_data_dir=True,
                          clinic_vocab=False) if compare_without and clinic_vocab else None
    except ScribeError as exc:
        result.error = str(exc)
        result.differences.append(f"could not run: {exc}")
        return result
    compare(exp, extraction, claim, findings, result)
    result.passed = not result.differences
    if without is not None:
        plain = CaseResult(name=case.name, passed=False)
        compare(exp, without[0], without[2], without[3], plain)
        result.passed_without_clinic = not plain.differences
    return result


def summarise(results: list[CaseResult]) -> dict[str, Any]:
    produced = sum(r.lines_produced for r in results)
    expected = sum(r.lines_expected for r in results)
    matched = sum(r.lines_matched for r in results)
    pain_checked = sum(r.pain_checked for r in results)
    summary: dict[str, Any] = {
        "passed": sum(r.passed for r in results),
        "total": len(results),
        "pass_rate": round(sum(r.passed for r in results) / len(results), 4) if results else 0.0,
        "line_precision": round(matched / produced, 4) if produced else 1.0,
        "line_recall": round(matched / expected, 4) if expected else 1.0,
        "pain_accuracy": round(sum(r.pain_correct for r in results) / pain_checked, 4) if pain_checked else 1.0,
        "errors": sum(1 for r in results if r.error),
    }
    if any(r.passed_without_clinic is not None for r in results):
        summary["passed_without_clinic"] = sum(bool(r.passed_without_clinic) for r in results)
    words = sum(r.wer_words or 0 for r in results)
    if any(r.wer_words is not None for r in results):
        summary["wer"] = round(sum(r.wer_errors or 0 for r in results) / words, 4) if words else 0.0
    return summary
