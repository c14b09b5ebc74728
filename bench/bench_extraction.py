"""Extraction speed: notes per second and latency for 1, 100 and 10,000 notes, and peak memory.

    python bench/bench_extraction.py [--json] [--notes 10000]

Notes are built from dictation-like sentences (about 100 and 300 words), so the figures do
not depend on the sample folder. The pipeline is loaded first and timed on its own.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time

SENTENCES = [
    "So this is for Maria, she came in with low back pain, about seven out of ten on arrival.",
    "She has been sitting a lot at work and the right side is worse than the left.",
    "I started with twenty minutes of Swedish massage to the back, long effleurage strokes and some petrissage.",
    "Then myofascial release to the right QL and the lumbar paraspinals for fifteen minutes.",
    "Trigger point work on the left upper trap and the levator, ten minutes.",
    "Then another ten minutes on the right glutes and the piriformis.",
    "Applied a hot pack to the low back for ten minutes while we talked.",
    "She tolerated the pressure well and said the low back felt looser.",
    "Tender to palpation along the right QL, a lot of guarding at first.",
    "No cupping today, she bruises easily.",
    "Her husband has neck pain too, she might book him in.",
    "History of a lumbar strain two years ago, fully resolved.",
    "At the end she said her pain was down to three out of ten.",
    "Recommend heat at home and gentle stretching, drink plenty of water.",
    "Next visit in one week, we will try some cupping on the upper back.",
    "Pt c/o R shoulder pain 6/10, STM R infraspinatus x 12 min, pain 710 before and 310 after.",
]


def make_note(rng: random.Random, words: int) -> str:
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(rng.choice(SENTENCES))
    return " ".join(out)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def time_notes(extract, transcripts) -> list[float]:
    times = []
    for t in transcripts:
        start = time.perf_counter()
        extract(t)
        times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "notes": len(times),
        "notes_per_second": round(len(times) / sum(times), 1),
        "mean_ms": round(statistics.fmean(times) * 1000, 3),
        "p50_ms": round(ordered[len(ordered) // 2] * 1000, 3),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 3),
        "max_ms": round(ordered[-1] * 1000, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--notes", type=int, default=10000, help="size of the large run (default 10000)")
    args = parser.parse_args(argv)

    rss_start = peak_mb()
    start = time.perf_counter()
    from extraction import extract, load_pipeline
    from models import Transcript

    load_pipeline()
    load_s = time.perf_counter() - start

    rng = random.Random(7)
    short = [Transcript.from_text(make_note(rng, 100)) for _ in range(max(args.notes, 100))]
    long = [Transcript.from_text(make_note(rng, 300)) for _ in range(100)]
    first = time_notes(extract, short[:1])
    time_notes(extract, short[1:21])  # warm caches as a running app would
    results = {
        "load_s": round(load_s, 3),
        "first_note_ms": round(first[0] * 1000, 3),
        "words_100": {"1": summary(time_notes(extract, short[:1])), "100": summary(time_notes(extract, short[:100])),
                      str(args.notes): summary(time_notes(extract, short[: args.notes]))},
        "words_300": {"100": summary(time_notes(extract, long))},
        "peak_rss_mb": round(peak_mb(), 1),
        "rss_before_import_mb": round(rss_start, 1),
        "python": sys.version.split()[0],
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"pipeline load: {results['load_s']} s; first note: {results['first_note_ms']} ms")
    for label, runs in (("~100 words", results["words_100"]), ("~300 words", results["words_300"])):
        for n, s in runs.items():
            print(f"{label:>10} x {n:>6}: {s['notes_per_second']:>8} notes/s  mean {s['mean_ms']} ms  "
                  f"p50 {s['p50_ms']} ms  p95 {s['p95_ms']} ms  max {s['max_ms']} ms")
    print(f"peak memory (RSS): {results['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
