"""Extraction + SOAP + billing: notes per second and per-note latency on 1, 100 and 10,000
typical (~100-word) notes, on one core, and peak memory.

    python bench/bench_notes.py [--notes 10000] [--json results.json]

This is the chain `scribe process` runs after transcription (scribe.analysis.analyse), minus
the database write, so it measures the rules, not the disk.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_extraction import make_note  # noqa: E402  (same dictation-like sentences)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=10_000)
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    os.environ.setdefault("SCRIBE_HOME", "/tmp/scribe-bench-home")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from models import Transcript
    from scribe.analysis import analyse

    t0 = time.perf_counter()
    analyse(Transcript.from_text("Low back pain 6/10. Thirty minutes of Swedish massage to the back."),
            payer="commercial",
            date_of_service=None, use_data_dir=False)
    load_s = time.perf_counter() - t0
    rng = random.Random(7)
    rows = []
    for n in (1, 100, args.notes):
        notes = [Transcript.from_text(make_note(rng, 100)) for _ in range(n)]
        lat = []
        start = time.perf_counter()
        for t in notes:
            a = time.perf_counter()
            analyse(t, payer="commercial", date_of_service=None, use_data_dir=False)
            lat.append(time.perf_counter() - a)
        wall = time.perf_counter() - start
        lat.sort()
        rows.append({
            "notes": n,
            "words_per_note": round(statistics.mean(len(t.text.split()) for t in notes)),
            "notes_per_s": round(n / wall, 1),
            "median_ms": round(statistics.median(lat) * 1000, 2),
            "p95_ms": round(lat[int(0.95 * (n - 1))] * 1000, 2),
        })
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"first call (loads spaCy pipeline, ICD code set): {load_s:.2f} s; peak memory {peak:.0f} MB")
    print(f"{'notes':>7} {'words':>6} {'notes/s':>9} {'median ms':>10} {'p95 ms':>8}")
    for r in rows:
        print(f"{r['notes']:>7} {r['words_per_note']:>6} {r['notes_per_s']:>9} {r['median_ms']:>10} {r['p95_ms']:>8}")
    if args.json:
        Path(args.json).write_text(json.dumps({"load_s": round(load_s, 2), "peak_mb": round(peak),
                                               "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
