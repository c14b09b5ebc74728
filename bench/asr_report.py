"""Speech models side by side on the sample dictations: pass rate and word error rate per voice.

    python bench/asr_report.py [--models tiny.en base] [--json out.json]

Runs `scribe eval samples/audio --json --model M` for each model (one run each, the same
cases) and groups the cases by the voice that spoke them (samples/audio/recipes.toml).
Models that are not installed are reported as such, not skipped silently.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "audio"


def voice_of(recipes: dict, name: str) -> str:
    r = recipes.get(name, {})
    voice = r.get("voice", "?")
    kind = "piper (neural)" if voice == "piper" else f"espeak {voice}"
    extras = [k for k in ("noise", "phone") if r.get(k)]
    return kind + (f" + {'/'.join(extras)}" if extras else "")


def run_model(model: str) -> dict | None:
    env = {**os.environ, "SCRIBE_HOME": tempfile.mkdtemp(prefix="scribe-asr-")}
    proc = subprocess.run([sys.executable, "-m", "scribe", "eval", str(SAMPLES), "--json", "--model", model],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0 or not proc.stdout.strip():
        print(f"{model}: could not run ({proc.stderr.strip().splitlines()[-1] if proc.stderr else 'no output'})",
              file=sys.stderr)
        return None
    return json.loads(proc.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", nargs="+", default=["tiny.en", "base"])
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    recipes = tomllib.loads((SAMPLES / "recipes.toml").read_text())
    table: dict[str, dict[str, dict]] = defaultdict(dict)
    summaries = {}
    for model in args.models:
        result = run_model(model)
        if result is None:
            continue
        summaries[model] = result["summary"]
        groups: dict[str, list[dict]] = defaultdict(list)
        for case in result["cases"]:
            groups[voice_of(recipes, case["name"].split("/")[-1])].append(case)
        for voice, cases in groups.items():
            words = sum(c.get("wer_words") or 0 for c in cases)
            errors = sum(c.get("wer_errors") or 0 for c in cases)
            table[voice][model] = {"passed": sum(c["passed"] for c in cases), "total": len(cases),
                                   "wer": round(errors / words, 3) if words else None}
    models = list(summaries)
    print("| voice | " + " | ".join(f"{m} passed | {m} WER" for m in models) + " |")
    print("|---|" + "---|---|" * len(models))
    for voice in sorted(table):
        cells = []
        for m in models:
            r = table[voice].get(m)
            cells += [f"{r['passed']}/{r['total']}", f"{r['wer']:.3f}" if r and r["wer"] is not None else "-"] \
                if r else ["-", "-"]
        print(f"| {voice} | " + " | ".join(cells) + " |")
    cells = []
    for m in models:
        s = summaries[m]
        cells += [f"{s['passed']}/{s['total']}", f"{s.get('wer', 0):.3f}"]
    print("| **all** | " + " | ".join(cells) + " |")
    for m in models:
        s = summaries[m]
        print(f"{m}: line precision {s['line_precision']:.3f}, line recall {s['line_recall']:.3f}, "
              f"pain accuracy {s['pain_accuracy']:.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"by_voice": table, "summary": summaries}, indent=2))


if __name__ == "__main__":
    main()
