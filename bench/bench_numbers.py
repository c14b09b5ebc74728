"""How often minute counts come out right, with and without the second listen (scribe/relisten.py).

    python bench/make_number_set.py            # once: voices the held-out set into bench/numbers/
    python bench/bench_numbers.py [--model tiny.en] [--hotwords on|off] [--folder bench/numbers]

Also prints the word error rate of the first decode against the texts (the same scoring as
`scribe eval`), which is how hotwords were chosen per model on data the samples never saw.
Each dictation is decoded once; the second listen then runs on a copy of the same segments, so
the two columns differ only by it. Counts are per minute count said ("N minutes"); a dictation
whose heard counts do not line up one to one with the said ones is reported as unaligned.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scribe.audio import decode  # noqa: E402
from scribe.evaluate import normalise_words, word_errors  # noqa: E402
from scribe.relisten import relisten_segments  # noqa: E402
from scribe.transcribe import Transcriber  # noqa: E402


def minute_counts(segments: list) -> list[int]:
    words = [w for s in segments for w in (s.words or [])]
    out = []
    for i, w in enumerate(words[:-1]):
        norm = normalise_words(w.word)
        if len(norm) == 1 and norm[0].isdigit() and re.sub(r"\W", "", words[i + 1].word.lower()).startswith("min"):
            out.append(int(norm[0]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None)
    ap.add_argument("--folder", type=Path, default=REPO / "bench" / "numbers")
    ap.add_argument("--hotwords", choices=["on", "off"], help="default: as set for the model")
    args = ap.parse_args()
    truth_file = args.folder / "truth.json"
    if not truth_file.exists():
        sys.exit(f"{truth_file} is missing: run python bench/make_number_set.py first")
    truth = json.loads(truth_file.read_text())
    hotwords = None if args.hotwords is None else args.hotwords == "on"
    transcriber = Transcriber(args.model, relisten=False, hotwords=hotwords)
    table: dict[str, Counter] = defaultdict(Counter)
    seconds = 0.0
    errors = words = 0
    for item in truth:
        pcm, _ = decode(args.folder / f"{item['name']}.flac")
        first, _ = transcriber.transcribe_pcm(pcm, item["name"])
        ref = normalise_words(item["text"])
        errors += word_errors(ref, normalise_words(" ".join(seg.text for seg in first)))
        words += len(ref)
        second = copy.deepcopy(first)
        t0 = time.perf_counter()
        relisten_segments(transcriber.model, pcm, second)
        seconds += time.perf_counter() - t0
        voice = item["recipe"]["voice"] + (" + noise" if item["recipe"].get("noise") else "")
        said = item["minutes"]
        for label, segs in (("first", first), ("relisten", second)):
            heard = minute_counts(segs)
            if len(heard) != len(said):
                table[voice][f"{label} unaligned"] += 1
                continue
            for h, s in zip(heard, said):
                table[voice][f"{label} right" if h == s else f"{label} wrong"] += 1
        a, b = minute_counts(first), minute_counts(second)
        if len(a) == len(b) == len(said):
            for x, y, s in zip(a, b, said):
                if x != y:
                    table[voice]["fixed" if y == s else "broken" if x == s else "changed, still wrong"] += 1
    keys = ["first right", "first wrong", "relisten right", "relisten wrong", "fixed", "broken", "first unaligned"]
    print("| voice | " + " | ".join(keys) + " |")
    print("|---|" + "---|" * len(keys))
    total: Counter = Counter()
    for voice in sorted(table):
        total.update(table[voice])
        print(f"| {voice} | " + " | ".join(str(table[voice][k]) for k in keys) + " |")
    print("| **all** | " + " | ".join(f"**{total[k]}**" for k in keys) + " |")
    print(f"\nsecond listen: {seconds:.1f} s over {len(truth)} dictations ({transcriber.name}, "
          f"hotwords {'on' if transcriber.hotwords else 'off'}); first decode WER {errors / words:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
