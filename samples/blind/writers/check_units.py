#!/usr/bin/env python3
"""Independent unit / modifier checker for the blind evaluation corpus.

Written only from /work/shared/domain.md (sections 3-6, 11), /work/shared/eval-format.md,
/work/blind/CONVENTIONS.md and /work/blind/WRITER_BRIEF.md.  Python 3.11 standard library.

Usage:
    python3 check_units.py --selftest
    python3 check_units.py FOLDER [FOLDER ...] [--json]

From a `services.jsonl` manifest entry
    {"name": ..., "payer": ..., "services": [{"cpt", "minutes", "regions", "block"}, ...],
     "session_minutes": ...}
it computes the expected claim lines and compares them with NAME.json.

Rules implemented (domain.md sections 3-5, CONVENTIONS.md):
  * minutes of one code in one session add up on one line;
  * units(T) = floor((T + 7) / 15);
  * `commercial`: per-code, each timed code gets units(its minutes);
  * `commercial-cms`, `medicare`: total-time, N = units(total timed minutes); each code gets
    one unit per full 15 minutes, the remaining units go one each to the largest leftovers
    (minutes mod 15), ties to the code dictated first (first in the manifest);
  * 97010 (untimed): 1 unit per session whatever the minutes, its minutes never count toward
    timed totals; never billed under `medicare` (BUNDLED_SERVICE);
  * no line with 0 units; a timed service without minutes is not a line (MISSING_DURATION);
  * 97140 + 97124 both billed: distinct regions -> 59 on 97124 (XS under medicare);
    overlapping regions -> no modifier, SAME_REGION_CONFLICT;
  * 97140 + 97530 both performed: 97530 in separate blocks -> 59 on 97530 (59 under medicare
    too); 97530 in the same block as 97140 -> only 97140 billable (those 97530 minutes dropped);
  * GP on every line under `medicare`; never 52.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

TIMED = {"97124", "97140", "97110", "97112", "97530", "97116", "97035"}
UNTIMED = {"97010"}
NEVER_BILLED = {"20552", "20553", "20560", "20561"}  # injections / dry needling
PAYERS = {
    # name: (method, distinct-region modifier, separate-block modifier, GP, bill 97010)
    "commercial": ("per-code", "59", "59", False, True),
    "commercial-cms": ("total-time", "59", "59", False, True),
    "medicare": ("total-time", "XS", "59", True, False),
}
REGIONS = {"head", "cervical", "thoracic", "lumbar", "sacral", "pelvic", "upper_extremity",
           "lower_extremity", "rib_cage", "abdomen"}
FLAG_IDS = {"SAME_REGION_CONFLICT", "MISSING_DURATION", "MISSING_DIAGNOSIS", "EXCLUDES1_CONFLICT",
            "INJECTION_MENTIONED", "OUT_OF_SCOPE", "UNDER_8_MINUTES", "MISSING_AREA",
            "MISSING_OUTCOME", "DISTINCT_SERVICE", "REDUCED_SERVICE", "BUNDLED_SERVICE",
            "TIE_BROKEN", "DURATION_RANGE", "DURATION_IMPLAUSIBLE", "NOT_MEDICALLY_NECESSARY",
            "LOW_CONFIDENCE"}
AUDIO_EXT = {".wav", ".flac", ".mp3", ".m4a", ".ogg"}


def units(t: float) -> int:
    """8-minute rule: floor((T + 7) / 15); under 8 minutes = 0."""
    if t is None or t <= 0:
        return 0
    return int(math.floor((t + 7) / 15))


def compute(entry: dict) -> dict:
    """Expected lines and the facts behind them for one manifest entry.

    Returns a dict with:
      payer, lines (list of {"cpt","units","modifiers"}),
      expect (flag ids that must be raised), ambiguous (flag ids that should be asserted
      neither way), forbid (flag ids that must not be raised), regions (set of billed regions
      or None when a billed line has no area), notes (list of str), errors (list of str).
    """
    notes: list[str] = []
    errors: list[str] = []
    payer = entry.get("payer") or "commercial"
    if payer not in PAYERS:
        errors.append(f"unknown payer {payer!r}")
        payer_cfg = PAYERS["commercial"]
    else:
        payer_cfg = PAYERS[payer]
    method, region_mod, block_mod, gp, bill_97010 = payer_cfg
    services = entry.get("services") or []

    expect: set[str] = set()
    ambiguous: set[str] = set()

    # ---- normalise services, keep dictation order ---------------------------------------
    svc = []
    for i, s in enumerate(services):
        cpt = str(s.get("cpt", "")).strip()
        mins = s.get("minutes")
        if mins is not None and not isinstance(mins, (int, float)):
            errors.append(f"service {i} ({cpt}): minutes not a number: {mins!r}")
            mins = None
        regs = s.get("regions") or []
        bad = [r for r in regs if r not in REGIONS]
        if bad:
            errors.append(f"service {i} ({cpt}): unknown regions {bad}")
        block = s.get("block")
        if cpt in NEVER_BILLED:
            notes.append(f"{cpt} is an injection/dry-needling code: never billed")
            expect.add("INJECTION_MENTIONED")
            continue
        if cpt not in TIMED and cpt not in UNTIMED:
            errors.append(f"service {i}: code {cpt!r} not in scope (domain.md section 2)")
            continue
        svc.append({"i": i, "cpt": cpt, "minutes": mins, "regions": set(regs), "block": block})

    # ---- 97140 + 97530 in the same block: 97530 not billable ------------------------------
    blocks_97140 = {s["block"] for s in svc if s["cpt"] == "97140" and s["minutes"]}
    has_97140_timed = any(s["cpt"] == "97140" and s["minutes"] for s in svc)
    dropped_97530 = []
    if has_97140_timed:
        for s in svc:
            if s["cpt"] == "97530" and s["block"] in blocks_97140:
                dropped_97530.append(s)
        if dropped_97530:
            notes.append("97530 in the same block as 97140: only 97140 billable")
            svc = [s for s in svc if s not in dropped_97530]

    # ---- untimed / missing durations ------------------------------------------------------
    first_index: dict[str, int] = {}
    minutes: dict[str, float] = {}
    regions_by_code: dict[str, set] = {}
    blocks_by_code: dict[str, set] = {}
    for s in svc:
        first_index.setdefault(s["cpt"], s["i"])
        regions_by_code.setdefault(s["cpt"], set()).update(s["regions"])
        if s["cpt"] in TIMED:
            if s["minutes"] is None:
                expect.add("MISSING_DURATION")
                notes.append(f"{s['cpt']} dictated without minutes: MISSING_DURATION, no minutes")
                continue
            minutes[s["cpt"]] = minutes.get(s["cpt"], 0) + s["minutes"]
            blocks_by_code.setdefault(s["cpt"], set()).add(s["block"])

    unit_map: dict[str, int] = {}
    tie_broken = False
    if method == "per-code":
        for cpt, t in minutes.items():
            unit_map[cpt] = units(t)
    else:
        total = sum(minutes.values())
        n = units(total)
        full = {c: int(t // 15) for c, t in minutes.items()}
        rest = n - sum(full.values())
        unit_map = dict(full)
        if rest > 0:
            order = sorted(minutes, key=lambda c: (-(minutes[c] - 15 * full[c]), first_index[c]))
            winners = order[:rest]
            for c in winners:
                unit_map[c] += 1
            # a tie is "broken" when equal leftovers straddle the cut
            if rest < len(order):
                cut_left = minutes[order[rest - 1]] - 15 * full[order[rest - 1]]
                nxt_left = minutes[order[rest]] - 15 * full[order[rest]]
                if cut_left == nxt_left and cut_left > 0:
                    tie_broken = True
                    notes.append(f"tie on leftover {cut_left:g} min: unit to the code dictated "
                                 f"first ({order[rest - 1]})")
        elif rest < 0:  # cannot happen mathematically; guard anyway
            errors.append("internal: negative remaining units")
    if tie_broken:
        expect.add("TIE_BROKEN")
    elif method == "total-time":
        lefts = [t - 15 * int(t // 15) for t in minutes.values()]
        pos = [x for x in lefts if x > 0]
        if len(pos) != len(set(pos)):
            ambiguous.add("TIE_BROKEN")  # equal leftovers that did not decide anything
            notes.append("equal leftovers, but the tie decided nothing")

    # UNDER_8_MINUTES: asserted only when under 8 minutes and no unit (CONVENTIONS 2)
    under8_both = [c for c, t in minutes.items() if t < 8 and unit_map.get(c, 0) == 0]
    under8_amb = [c for c, t in minutes.items()
                  if (t < 8) != (unit_map.get(c, 0) == 0)]
    if under8_both:
        expect.add("UNDER_8_MINUTES")
    elif under8_amb:
        ambiguous.add("UNDER_8_MINUTES")

    billed = {c: u for c, u in unit_map.items() if u > 0}
    has_97010 = any(s["cpt"] == "97010" for s in svc)
    if has_97010:
        if bill_97010:
            billed["97010"] = 1
        else:
            expect.add("BUNDLED_SERVICE")
            notes.append("97010 bundled under medicare: not billed")

    # ---- modifiers --------------------------------------------------------------------------
    mods: dict[str, set] = {c: set() for c in billed}
    if "97140" in billed and "97124" in billed:
        r140, r124 = regions_by_code.get("97140", set()), regions_by_code.get("97124", set())
        if not r140 or not r124:
            notes.append("97140 + 97124 but an area is missing: distinctness not documented, "
                         "no modifier (AMBIGUOUS: check text)")
            ambiguous.update({"SAME_REGION_CONFLICT", "DISTINCT_SERVICE"})
        elif r140 & r124:
            expect.add("SAME_REGION_CONFLICT")
            notes.append(f"97140/97124 overlap on {sorted(r140 & r124)}: no modifier")
        else:
            mods["97124"].add(region_mod)
            expect.add("DISTINCT_SERVICE")
    if "97140" in billed and "97530" in billed:
        # every remaining 97530 block differs from every 97140 block (same-block ones dropped)
        mods["97530"].add(block_mod)
        expect.add("DISTINCT_SERVICE")
    if gp:
        for c in mods:
            mods[c].add("GP")

    lines = []
    for c in sorted(billed, key=lambda c: first_index.get(c, 99)):
        line = {"cpt": c, "units": billed[c]}
        if mods[c]:
            line["modifiers"] = sorted(mods[c])
        lines.append(line)

    # ---- regions of billed lines ------------------------------------------------------------
    # CONVENTIONS: [] when nothing is billed or no area was said at all; left out (None here)
    # when some billed line has an area and another has none (gait, functional training).
    reg: set | None = set()
    empties = [c for c in billed if not regions_by_code.get(c)]
    if empties and len(empties) < len(billed):
        reg = None
    else:
        for c in billed:
            reg |= regions_by_code.get(c, set())
    if dropped_97530 or any(c not in billed for c in regions_by_code):
        notes.append("regions: only billed codes' areas count")

    # ---- session length ---------------------------------------------------------------------
    sess = entry.get("session_minutes")
    if sess:
        billed_min = sum(t for c, t in minutes.items() if c in billed)
        all_min = sum(minutes.values())
        if billed_min > sess:
            expect.add("DURATION_IMPLAUSIBLE")
        elif all_min > sess:
            ambiguous.add("DURATION_IMPLAUSIBLE")

    forbid: set[str] = set()
    if "MISSING_DURATION" not in expect:
        forbid.add("MISSING_DURATION")
    if "SAME_REGION_CONFLICT" not in expect and "SAME_REGION_CONFLICT" not in ambiguous:
        forbid.add("SAME_REGION_CONFLICT")
    if "TIE_BROKEN" not in expect and "TIE_BROKEN" not in ambiguous:
        forbid.add("TIE_BROKEN")
    if "DISTINCT_SERVICE" not in expect and "DISTINCT_SERVICE" not in ambiguous:
        forbid.add("DISTINCT_SERVICE")
    if "BUNDLED_SERVICE" not in expect and "97010" not in first_index:
        forbid.add("BUNDLED_SERVICE")
    if not sess:
        forbid.add("DURATION_IMPLAUSIBLE")
    if "UNDER_8_MINUTES" not in expect and "UNDER_8_MINUTES" not in ambiguous:
        forbid.add("UNDER_8_MINUTES")

    return {"payer": payer, "lines": lines, "expect": expect, "ambiguous": ambiguous,
            "forbid": forbid, "regions": reg, "notes": notes, "errors": errors,
            "minutes": minutes, "tie_broken": tie_broken}


def line_key(line: dict) -> tuple:
    return (str(line.get("cpt")), line.get("units"), frozenset(line.get("modifiers") or []))


def lines_multiset(lines: list) -> Counter:
    return Counter(line_key(x) for x in lines)


def fmt_lines(lines: list) -> str:
    out = []
    for k in sorted(lines_multiset(lines).elements()):
        m = ",".join(sorted(k[2]))
        out.append(f"{k[0]}x{k[1]}" + (f"[{m}]" if m else ""))
    return " ".join(out) or "(none)"


# ---- text helpers (spot-check that manifest minutes appear in the dictation) -------------
_WORDNUM = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}


def numbers_in_text(text: str) -> set:
    t = text.lower().replace("\u2019", "'")
    nums: set = set()
    for m in re.finditer(r"\d+(?:\.\d+)?", t):
        v = float(m.group())
        nums.add(int(v) if v.is_integer() else v)
    toks = re.findall(r"[a-z]+", t.replace("-", " "))
    for i, w in enumerate(toks):
        if w in _WORDNUM:
            v = _WORDNUM[w]
            nums.add(v)
            if v >= 20 and v % 10 == 0 and i + 1 < len(toks) and toks[i + 1] in _WORDNUM \
                    and _WORDNUM[toks[i + 1]] < 10:
                nums.add(v + _WORDNUM[toks[i + 1]])
    if re.search(r"half (an|a) hour|half hour|half-hour|30 min", t):
        nums.add(30)
    if re.search(r"quarter (of )?an hour|quarter hour", t):
        nums.add(15)
    if re.search(r"an hour|one hour|1 hour|full hour", t):
        nums.add(60)
    if re.search(r"three quarters of an hour", t):
        nums.add(45)
    for m in re.finditer(r"(\d{1,2}):(\d{2})\s*(?:to|-|until|till|through|–)\s*(\d{1,2}):(\d{2})", t):
        a = int(m.group(1)) * 60 + int(m.group(2))
        b = int(m.group(3)) * 60 + int(m.group(4))
        if b < a:
            b += 12 * 60
        nums.add(b - a)
    return nums


# ---- folder check ---------------------------------------------------------------------------
def check_folder(folder: Path) -> dict:
    res = {"folder": str(folder), "cases": 0, "checked": 0, "problems": [], "warnings": [],
           "ok": []}
    prob, warn = res["problems"], res["warnings"]
    if not folder.is_dir():
        prob.append(("*", "folder missing"))
        return res
    stems: dict[str, dict] = {}
    for p in folder.rglob("*"):
        if not p.is_file():
            continue
        name = p.name
        low = name.lower()
        if low.endswith(".ref.txt"):
            continue
        ext = p.suffix.lower()
        if ext == ".txt" or ext in AUDIO_EXT:
            stems.setdefault(str(p.with_suffix("")), {}).setdefault("dict", []).append(p)
        elif ext == ".json":
            stems.setdefault(str(p.with_suffix("")), {})["json"] = p
    manifest_path = folder / "services.jsonl"
    manifest: dict[str, dict] = {}
    if not manifest_path.exists():
        prob.append(("*", "services.jsonl missing"))
    else:
        for n, raw in enumerate(manifest_path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip():
                continue
            try:
                e = json.loads(raw)
            except json.JSONDecodeError as ex:
                prob.append(("*", f"services.jsonl line {n}: bad JSON ({ex})"))
                continue
            nm = e.get("name")
            if nm in manifest:
                prob.append((nm, f"services.jsonl: duplicate entry (line {n}); last one used"))
            manifest[nm] = e
    case_names = set()
    for stem, d in sorted(stems.items()):
        nm = Path(stem).name
        rel = Path(stem).relative_to(folder)
        if str(rel) in ("README",):
            continue
        dicts = d.get("dict", [])
        js = d.get("json")
        if js is None and dicts and all(x.suffix.lower() == ".txt" for x in dicts) and \
                nm.upper() in ("README", "NOTES", "DONE"):
            continue
        if js is None:
            prob.append((nm, "dictation without .json"))
            continue
        if not dicts:
            prob.append((nm, ".json without dictation"))
            continue
        if len(dicts) > 1:
            prob.append((nm, f"two dictations for one stem: {[x.name for x in dicts]}"))
        case_names.add(nm)
        res["cases"] += 1
        try:
            exp = json.loads(js.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as ex:
            prob.append((nm, f"JSON does not parse: {ex}"))
            continue
        if not isinstance(exp, dict):
            prob.append((nm, "JSON is not an object"))
            continue
        for k in ("payer", "lines"):
            if k not in exp:
                prob.append((nm, f"JSON lacks {k!r}"))
        if not re.fullmatch(r"[a-z0-9_]+", nm):
            warn.append((nm, "stem not [a-z0-9_]"))
        if exp.get("payer") is not None and exp.get("payer") not in PAYERS:
            prob.append((nm, f"unknown payer {exp.get('payer')!r}"))
        for f in list(exp.get("flags") or []) + list(exp.get("flags_absent") or []):
            if f not in FLAG_IDS:
                prob.append((nm, f"unknown flag id {f!r}"))
        for f in ("OUT_OF_SCOPE", "MISSING_DIAGNOSIS", "LOW_CONFIDENCE"):
            if f in (exp.get("flags") or []) or f in (exp.get("flags_absent") or []):
                warn.append((nm, f"asserts {f} (CONVENTIONS: never asserted)"))
        both = set(exp.get("flags") or []) & set(exp.get("flags_absent") or [])
        if both:
            prob.append((nm, f"flags and flags_absent both list {sorted(both)}"))
        for line in exp.get("lines") or []:
            if not isinstance(line, dict) or "cpt" not in line or "units" not in line:
                prob.append((nm, f"malformed line {line!r}"))
            elif not isinstance(line["units"], int) or line["units"] <= 0:
                prob.append((nm, f"line with bad units {line!r}"))
            elif "52" in (line.get("modifiers") or []):
                prob.append((nm, "modifier 52 present (never added)"))
        for r in exp.get("regions") or []:
            if r not in REGIONS:
                prob.append((nm, f"unknown region {r!r}"))
        entry = manifest.get(nm)
        if entry is None:
            prob.append((nm, "no services.jsonl entry"))
            continue
        res["checked"] += 1
        c = compute(entry)
        for e in c["errors"]:
            prob.append((nm, f"manifest: {e}"))
        if (entry.get("payer") or "commercial") != (exp.get("payer") or "commercial"):
            prob.append((nm, f"payer differs: manifest {entry.get('payer')!r} vs json "
                             f"{exp.get('payer')!r}"))
        got = lines_multiset(exp.get("lines") or [])
        want = lines_multiset(c["lines"])
        if got != want:
            prob.append((nm, f"LINES differ: json {fmt_lines(exp.get('lines') or [])} | "
                             f"manifest -> {fmt_lines(c['lines'])}"
                             + (f" ({'; '.join(c['notes'])})" if c["notes"] else "")))
        else:
            res["ok"].append(nm)
        flags = set(exp.get("flags") or [])
        absent = set(exp.get("flags_absent") or [])
        for f in sorted(c["expect"]):
            if f in absent:
                prob.append((nm, f"flags_absent lists {f}, which the manifest implies"))
            elif f not in flags and f in {"DISTINCT_SERVICE", "SAME_REGION_CONFLICT",
                                          "MISSING_DURATION", "TIE_BROKEN", "BUNDLED_SERVICE",
                                          "DURATION_IMPLAUSIBLE", "UNDER_8_MINUTES",
                                          "INJECTION_MENTIONED"}:
                warn.append((nm, f"{f} implied by the manifest but not in flags"))
        for f in sorted(c["ambiguous"]):
            if f in flags or f in absent:
                warn.append((nm, f"{f} asserted although ambiguous for this case"))
        for f in sorted(c["forbid"]):
            if f in flags:
                prob.append((nm, f"flags lists {f}, which the manifest does not support"))
        if "regions" in exp:
            if c["regions"] is None:
                warn.append((nm, f"json regions {sorted(exp['regions'])} but a billed service "
                                 "has no area in the manifest"))
            elif set(exp["regions"]) != c["regions"]:
                prob.append((nm, f"regions differ: json {sorted(exp['regions'])} vs manifest "
                                 f"billed {sorted(c['regions'])}"))
        # text spot-check: every manifest minute value named in the dictation
        txts = [x for x in dicts if x.suffix.lower() == ".txt"]
        if txts:
            text = txts[0].read_text(encoding="utf-8", errors="replace")
            nums = numbers_in_text(text)
            for s in entry.get("services") or []:
                m = s.get("minutes")
                if m is not None and m not in nums:
                    warn.append((nm, f"manifest {s.get('cpt')} {m} min: number not found "
                                     "verbatim in text (check sums/ranges)"))
            sm = entry.get("session_minutes")
            if sm is not None and sm not in nums:
                warn.append((nm, f"session_minutes {sm} not found verbatim in text"))
    for nm in sorted(set(manifest) - case_names):
        prob.append((nm, "services.jsonl entry without a case"))
    return res


# ---- self-tests ------------------------------------------------------------------------------
def _ms(*items) -> Counter:
    out = []
    for it in items:
        cpt, u, *m = it
        out.append({"cpt": cpt, "units": u, "modifiers": list(m[0]) if m else []})
    return lines_multiset(out)


def _e(payer, *svcs, session=None):
    services = []
    for k, s in enumerate(svcs, 1):
        cpt, mins, *rest = s
        regs = rest[0] if rest else []
        block = rest[1] if len(rest) > 1 else k
        services.append({"cpt": cpt, "minutes": mins, "regions": regs, "block": block})
    return {"name": "t", "payer": payer, "services": services, "session_minutes": session}


def selftest() -> int:
    cases = [
        # CMS published examples (domain.md section 3), total-time
        ("cms ex1", _e("commercial-cms", ("97112", 24), ("97110", 23)),
         _ms(("97112", 2), ("97110", 1))),
        ("cms ex2", _e("commercial-cms", ("97110", 33), ("97140", 7)),
         _ms(("97110", 2), ("97140", 1))),
        ("cms ex3", _e("commercial-cms", ("97110", 18), ("97140", 13), ("97116", 10),
                       ("97035", 8)),
         _ms(("97110", 1), ("97140", 1), ("97116", 1))),
        ("cms ex1 medicare GP", _e("medicare", ("97112", 24), ("97110", 23)),
         _ms(("97112", 2, ["GP"]), ("97110", 1, ["GP"]))),
        # same minutes, per-code
        ("ex2 per-code", _e("commercial", ("97110", 33), ("97140", 7)), _ms(("97110", 2))),
        ("ex3 per-code", _e("commercial", ("97110", 18), ("97140", 13), ("97116", 10),
                            ("97035", 8)),
         _ms(("97110", 1), ("97140", 1), ("97116", 1), ("97035", 1))),
        # unit table boundaries
        ("7 min", _e("commercial", ("97124", 7)), _ms()),
        ("8 min", _e("commercial", ("97124", 8)), _ms(("97124", 1))),
        ("22/23", _e("commercial", ("97124", 22), ("97110", 23)),
         _ms(("97124", 1), ("97110", 2))),
        ("37/38", _e("commercial", ("97112", 37), ("97110", 38)),
         _ms(("97112", 2), ("97110", 3))),
        # minutes of one code add up
        ("sum one code", _e("commercial", ("97140", 15, ["cervical"]),
                            ("97140", 10, ["lumbar"])), _ms(("97140", 2))),
        # 97010: 1 unit, never timed, never billed under medicare
        ("97010 commercial", _e("commercial", ("97010", 20), ("97124", 30, ["lumbar"])),
         _ms(("97010", 1), ("97124", 2))),
        ("97010 no minutes", _e("commercial", ("97010", None)), _ms(("97010", 1))),
        ("97010 not timed (cms)", _e("commercial-cms", ("97110", 20), ("97010", 15)),
         _ms(("97110", 1), ("97010", 1))),
        ("97010 medicare", _e("medicare", ("97010", 10), ("97110", 25)),
         _ms(("97110", 2, ["GP"]))),
        # missing minutes
        ("missing dur", _e("commercial", ("97124", None, ["lumbar"]), ("97110", 15)),
         _ms(("97110", 1))),
        # ties: dictated first wins
        ("tie first", _e("commercial-cms", ("97140", 10, ["lumbar"]),
                         ("97110", 10, ["lumbar"])), _ms(("97140", 1))),
        ("tie first rev", _e("commercial-cms", ("97110", 10), ("97140", 10)),
         _ms(("97110", 1))),
        ("tie medicare", _e("medicare", ("97112", 20), ("97110", 20), ("97116", 5)),
         _ms(("97112", 2, ["GP"]), ("97110", 1, ["GP"]))),
        # 97140 + 97124
        ("distinct 59", _e("commercial", ("97124", 30, ["thoracic", "lumbar"]),
                           ("97140", 15, ["cervical"])),
         _ms(("97124", 2, ["59"]), ("97140", 1))),
        ("distinct XS medicare", _e("medicare", ("97124", 30, ["lumbar"]),
                                    ("97140", 15, ["cervical"])),
         _ms(("97124", 2, ["GP", "XS"]), ("97140", 1, ["GP"]))),
        ("overlap none", _e("commercial", ("97124", 30, ["thoracic", "lumbar"]),
                            ("97140", 15, ["lumbar"])),
         _ms(("97124", 2), ("97140", 1))),
        ("97140 no unit -> no pair", _e("commercial", ("97124", 30, ["lumbar"]),
                                        ("97140", 5, ["cervical"])), _ms(("97124", 2))),
        # 97140 + 97530
        ("separate blocks 59", _e("commercial", ("97140", 15, ["lumbar"], 1),
                                  ("97530", 15, [], 2)),
         _ms(("97140", 1), ("97530", 1, ["59"]))),
        ("separate blocks medicare 59", _e("medicare", ("97140", 15, ["lumbar"], 1),
                                           ("97530", 15, [], 2)),
         _ms(("97140", 1, ["GP"]), ("97530", 1, ["59", "GP"]))),
        ("same block only 97140", _e("commercial", ("97140", 15, ["lumbar"], 1),
                                     ("97530", 15, [], 1)), _ms(("97140", 1))),
        # all together under medicare
        ("medicare mix", _e("medicare", ("97124", 20, ["thoracic"]), ("97140", 12, ["cervical"]),
                            ("97010", 10), ("97530", 9, [], 4)),
         _ms(("97124", 1, ["GP", "XS"]), ("97140", 1, ["GP"]), ("97530", 1, ["59", "GP"]))),
    ]
    fails = 0
    for name, entry, want in cases:
        got = lines_multiset(compute(entry)["lines"])
        ok = got == want
        fails += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {fmt_lines(compute(entry)['lines'])}")
    # flag facts
    chk = [
        ("tie flag", compute(_e("commercial-cms", ("97140", 10), ("97110", 10)))["tie_broken"],
         True),
        ("no tie when both get a unit",
         compute(_e("commercial-cms", ("97140", 12), ("97110", 12)))["tie_broken"], False),
        ("cms ex3 under8 ambiguous",
         "UNDER_8_MINUTES" in compute(_e("commercial-cms", ("97110", 18), ("97140", 13),
                                         ("97116", 10), ("97035", 8)))["ambiguous"], True),
        ("overlap flag", "SAME_REGION_CONFLICT" in compute(
            _e("commercial", ("97124", 30, ["lumbar"]), ("97140", 15, ["lumbar"])))["expect"],
         True),
        ("implausible", "DURATION_IMPLAUSIBLE" in compute(
            _e("commercial", ("97124", 50), ("97140", 20), session=60))["expect"], True),
        ("tie that decides nothing is ambiguous", "TIE_BROKEN" in compute(
            _e("commercial-cms", ("97140", 12), ("97110", 12)))["ambiguous"], True),
        ("regions: no area at all -> []",
         compute(_e("commercial", ("97124", 30, [])))["regions"], set()),
        ("regions: gait without area -> left out",
         compute(_e("commercial", ("97116", 20, []), ("97110", 20, ["lumbar"])))["regions"], None),
        ("regions: unbilled code's area excluded",
         compute(_e("commercial", ("97124", 30, ["lumbar"]), ("97140", 5, ["cervical"])))["regions"],
         {"lumbar"}),
        ("numbers", {25, 30, 15, 40, 12} <= numbers_in_text(
            "twenty-five min, half an hour, a quarter of an hour, from 2:10 to 2:50, x12"),
         True),
    ]
    for name, got, want in chk:
        ok = got == want
        fails += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {got}")
    print(f"{len(cases) + len(chk) - fails}/{len(cases) + len(chk)} self-tests passed")
    return 1 if fails else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*")
    ap.add_argument("--selftest", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    if a.selftest:
        return selftest()
    if not a.folders:
        ap.error("give folders or --selftest")
    allres = [check_folder(Path(f)) for f in a.folders]
    if a.json:
        print(json.dumps(allres, indent=1))
        return 0
    for r in allres:
        print(f"== {r['folder']}: {r['cases']} cases, {r['checked']} checked against the "
              f"manifest, {len(r['ok'])} lines agree, {len(r['problems'])} problems, "
              f"{len(r['warnings'])} warnings")
        for nm, msg in r["problems"]:
            print(f"  PROBLEM {nm}: {msg}")
        for nm, msg in r["warnings"]:
            print(f"  warn    {nm}: {msg}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
