"""A held-out set for the -teen/-ty check: short dictations full of minute counts, voiced.

    python bench/make_number_set.py [--count 48] [--out bench/numbers]

Whisper tiny.en writes "fifteen minutes" as "50 minutes" often enough to change a claim, and
the sample dictations hold too few such numbers to tune a check on without fitting them.
These texts are generated from templates with a fixed seed (never from samples/audio), voiced
by the same recipes as the samples (piper and espeak-ng, some with room noise), and written
with a truth file listing each dictation's minute counts in order. bench/bench_numbers.py
measures on them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = {13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen",
         19: "nineteen", 20: "twenty", 25: "twenty five", 30: "thirty", 40: "forty", 45: "forty five",
         50: "fifty", 60: "sixty", 8: "eight", 10: "ten", 12: "twelve"}
PAIN = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TWINS = [13, 14, 15, 16, 17, 18, 19, 30, 40, 50, 60]
OTHERS = [8, 10, 12, 20, 25, 45]
TECHNIQUES = ["deep tissue massage", "myofascial release", "Swedish massage", "trigger point therapy",
              "therapeutic exercise", "neuromuscular re-education", "soft tissue mobilization",
              "therapeutic activities", "manual therapy", "gait training", "cross fiber friction"]
AREAS = ["the low back", "the right shoulder", "the left hip", "the neck", "both calves", "the upper back",
         "the left knee", "the right forearm", "the hamstrings", "the upper trapezius"]
OPENERS = ["Client came in with {area} pain, {p} out of ten.", "Patient reports pain in {area}, {p} out of ten.",
           "Follow up for {area}, pain {p} out of ten today.", "She says {area} has been stiff all week."]
BLOCKS = ["I did {n} minutes of {tech} to {area}.", "Then {n} minutes of {tech} on {area}.",
          "We spent {n} minutes on {tech} for {area}.", "After that, {n} minutes of {tech}.",
          "{N} minutes of {tech} to {area}.", "Then {tech} to {area} for {n} minutes."]
CLOSERS = ["Pain {p} out of ten afterward.", "She felt looser at the end.", "Plan is to continue weekly.", ""]
RECIPES = [{"voice": "piper"}, {"voice": "piper", "speed": 1.1}, {"voice": "piper", "speed": 0.9},
           {"voice": "piper", "noise": 0.04}, {"voice": "en-us+m3", "speed": 160},
           {"voice": "en-us+f3", "speed": 150}, {"voice": "en-gb-x-rp", "speed": 165},
           {"voice": "en-us+m7", "speed": 170, "noise": 0.05}]


def dictation(rng: random.Random) -> tuple[str, list[int]]:
    minutes: list[int] = []
    parts = [rng.choice(OPENERS).format(area=rng.choice(AREAS),
                                        p=rng.choice(PAIN))]
    for _ in range(rng.choice([2, 3])):
        n = rng.choice(TWINS) if rng.random() < 0.75 else rng.choice(OTHERS)
        minutes.append(n)
        block = rng.choice(BLOCKS)
        parts.append(block.format(n=WORDS[n], N=WORDS[n].capitalize(), tech=rng.choice(TECHNIQUES),
                                  area=rng.choice(AREAS)))
    parts.append(rng.choice(CLOSERS).format(p=rng.choice(PAIN)))
    return " ".join(p for p in parts if p), minutes


def _samples_module():
    spec = importlib.util.spec_from_file_location("make_samples", REPO / "samples" / "audio" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=48)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "numbers")
    args = ap.parse_args()
    ms = _samples_module()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    truth = []
    for i in range(args.count):
        text, minutes = dictation(rng)
        recipe = {**RECIPES[i % len(RECIPES)], "format": "flac"}
        name = f"n{i:03d}"
        out = args.out / f"{name}.flac"
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "raw.wav"
            if recipe["voice"] == "piper":
                ms.piper_wav(text, raw, recipe.get("speed"))
            else:
                ms.espeak_wav(text, raw, recipe["voice"], recipe.get("speed"))
            ms.finish(raw, out, recipe, Path(tmp))
        truth.append({"name": name, "text": text, "minutes": minutes, "recipe": recipe})
        print(f"{name}: {text}", file=sys.stderr)
    (args.out / "truth.json").write_text(json.dumps(truth, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
