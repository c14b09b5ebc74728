"""Voice a seeded sample of the blind dev cases: a blind AUDIO evaluation set.

The blind typed corpus (samples/blind/dev) was written by people who never saw this project's
speech side, so spoken versions of it measure speech-side choices on dictations nobody here
wrote. This script, driven entirely by audio_plan.toml beside it:

1. picks `cases` dev cases with a fixed seed, spread evenly over the writers w1..w5 (by name
   prefix), leaving out the cases listed under [skip];
2. turns each typed note into the words a clinician would say (the [[rule]] list, in order) and
   writes them as audio/NAME.ref.txt; copies NAME.json unchanged;
3. voices the words: the first `piper_share` cases of a seeded order with piper's neural joe
   voice (the [[piper]] variants in turn), the rest with one espeak-ng voice each ([[espeak]]),
   through samples/audio/make_samples.py's finish() for noise, phone band and encoding.

Selection and spoken text are deterministic; piper samples its voice, so audio differs slightly
run to run. Never touches samples/blind/exam.

    python samples/blind/make_audio.py             # pick, write text, voice everything
    python samples/blind/make_audio.py --text-only # pick and write NAME.ref.txt / NAME.json only
    python samples/blind/make_audio.py --list      # print the plan (case, voice, format)
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE / "dev"
OUT = HERE / "audio"
PLAN = HERE / "audio_plan.toml"
WRITERS = ("w1", "w2", "w3", "w4", "w5")
AUDIO_EXT = {".wav", ".flac", ".mp3", ".m4a", ".ogg"}


def load_plan() -> dict:
    return tomllib.loads(PLAN.read_text(encoding="utf-8"))


def pick(plan: dict) -> list[str]:
    """`cases` dev names, as even as possible per writer; extra cases go to seeded writers."""
    rng = random.Random(plan["seed"])
    names = sorted(p.stem for p in DEV.glob("*.txt"))
    skip = plan.get("skip", {})
    per = {w: plan["cases"] // len(WRITERS) for w in WRITERS}
    for w in rng.sample(WRITERS, plan["cases"] % len(WRITERS)):
        per[w] += 1
    chosen = []
    for w in WRITERS:
        pool = [n for n in names if n.startswith(w + "_")]
        rng.shuffle(pool)
        usable = [n for n in pool if n not in skip]
        if len(usable) < per[w]:
            sys.exit(f"{w}: only {len(usable)} usable cases for {per[w]}")
        chosen += usable[: per[w]]
    return sorted(chosen)


def assign(plan: dict, names: list[str]) -> dict[str, dict]:
    """Seeded order: the first `piper_share` get piper variants in turn, the rest espeak voices."""
    order = list(names)
    random.Random(plan["seed"] + 1).shuffle(order)
    piper, espeak = order[: plan["piper_share"]], order[plan["piper_share"]:]
    if len(espeak) > len(plan["espeak"]):
        sys.exit(f"{len(espeak)} espeak cases but only {len(plan['espeak'])} espeak voices")
    recipes = {n: {"voice": "piper", **plan["piper"][i % len(plan["piper"])]} for i, n in enumerate(piper)}
    recipes |= {n: dict(plan["espeak"][i]) for i, n in enumerate(espeak)}
    return recipes


def spoken(plan: dict, name: str, typed: str) -> str:
    """The words a clinician would say for a typed note (the [[rule]] list, then tidy spaces)."""
    text = typed.strip()
    for old, new in plan.get("override", {}).get(name, []):
        if old not in text:
            sys.exit(f"{name}: override {old!r} no longer matches the note")
        text = text.replace(old, new)
    for rule in plan["rule"]:
        text = re.sub(rule["pattern"], rule["replace"], text)
    text = re.sub(r"\s+", " ", text).strip()
    # A sentence that now starts with an expanded word ("R knee" -> "right knee") is capitalised.
    return re.sub(r"(^|[.!?] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def voiced(plan: dict, said: str) -> str:
    """What the synthesiser is given: letters spelled out where a voice would read a word."""
    for word, say in plan.get("pronounce", {}).items():
        said = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", say, said)
    return said


def _samples_module():
    """samples/audio/make_samples.py: one home for synthesis, noise, phone band and encoding."""
    path = HERE.parent / "audio" / "make_samples.py"
    spec = importlib.util.spec_from_file_location("make_samples", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def synthesize(ms, name: str, text: str, recipe: dict) -> Path:
    out = OUT / f"{name}.{recipe['format']}"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        raw = work / "raw.wav"
        if recipe["voice"] == "piper":
            ms.piper_wav(text, raw, recipe.get("speed"))
        else:
            ms.espeak_wav(text, raw, recipe["voice"], recipe.get("speed"))
        for old in OUT.glob(f"{name}.*"):
            if old.suffix.lower() in AUDIO_EXT:
                old.unlink()
        ms.finish(raw, out, recipe, work)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text-only", action="store_true", help="write NAME.ref.txt and NAME.json, no audio")
    parser.add_argument("--list", action="store_true", help="print the plan and stop")
    parser.add_argument("names", nargs="*", help="voice only these picked cases (default: all)")
    args = parser.parse_args(argv)
    plan = load_plan()
    names = pick(plan)
    recipes = assign(plan, names)
    if args.list:
        for n in names:
            r = recipes[n]
            extras = " ".join(f"{k}={r[k]}" for k in ("speed", "noise", "phone") if r.get(k))
            print(f"{n:50} {r['voice']:20} {r['format']:5} {extras}")
        return 0
    unknown = set(args.names) - set(names)
    if unknown:
        sys.exit(f"not in the picked cases: {', '.join(sorted(unknown))}")
    OUT.mkdir(exist_ok=True)
    # Files of cases no longer picked would silently stay in the set: remove them.
    for old in OUT.iterdir():
        stem = old.name.split(".")[0]
        if old.suffix.lower() in AUDIO_EXT | {".json", ".txt"} and stem not in names:
            old.unlink()
    ms = None
    if not args.text_only:
        for tool in ("espeak-ng", "sox", "soxi"):
            if shutil.which(tool) is None:
                sys.exit(f"{tool} is missing: apt-get install espeak-ng sox libsox-fmt-all")
        ms = _samples_module()
    for name in args.names or names:
        said = spoken(plan, name, (DEV / f"{name}.txt").read_text(encoding="utf-8"))
        (OUT / f"{name}.ref.txt").write_text(said + "\n", encoding="utf-8")
        shutil.copyfile(DEV / f"{name}.json", OUT / f"{name}.json")
        if ms is not None:
            out = synthesize(ms, name, voiced(plan, said), recipes[name])
            print(f"{out.name}: {out.stat().st_size // 1024} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
