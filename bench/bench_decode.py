"""Decoder settings against each other: time and word error rate over a folder of dictations.

Every variant runs the loaded tiny.en (or --model) on the same decoded audio, keeps the segments
Scribe keeps (scribe.transcribe.keep_segment) and is scored against each file's NAME.ref.txt
with the eval's WER convention. What it compares is faster-whisper itself: the sequential
decoder with Scribe's earlier settings, the same with fewer temperature fallbacks, and the
chunked decoder (BatchedInferencePipeline) with and without hotwords and at two batch sizes.

    python bench/bench_decode.py                       # samples/audio
    python bench/bench_decode.py samples/blind/audio --variants chunked chunked-bs1
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
AUDIO = {".wav", ".flac", ".mp3", ".m4a", ".ogg"}


def variants(tr) -> dict:
    from faster_whisper import BatchedInferencePipeline

    from scribe.transcribe import BATCH_SIZE, DECODE_OPTIONS

    chunked = BatchedInferencePipeline(tr.model)
    sequential = {k: v for k, v in DECODE_OPTIONS.items() if k != "without_timestamps"}

    def seq(**extra):
        return lambda pcm: tr.model.transcribe(pcm, **{**sequential, "vad_parameters": dict(sequential["vad_parameters"]),
                                                       "hotwords": tr.hotwords, **extra})

    def chk(batch: int, **extra):
        return lambda pcm: chunked.transcribe(pcm, batch_size=batch, **{
            **DECODE_OPTIONS, "vad_parameters": dict(DECODE_OPTIONS["vad_parameters"]), "hotwords": tr.hotwords, **extra})

    return {
        "sequential": seq(),
        "sequential-best_of1": seq(best_of=1),
        "sequential-temps3": seq(temperature=[0.0, 0.4, 0.8]),
        "sequential-nohotwords": seq(hotwords=None),
        "chunked": chk(BATCH_SIZE),
        "chunked-bs1": chk(1),
        "chunked-nohotwords": chk(BATCH_SIZE, hotwords=None),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(REPO / "samples" / "audio"))
    parser.add_argument("--model", default=None)
    parser.add_argument("--variants", nargs="*", default=None)
    args = parser.parse_args(argv)
    os.environ.setdefault("SCRIBE_HOME", str(Path("/tmp") / "scribe-bench-decode"))
    from scribe.audio import load_pcm
    from scribe.evaluate import normalise_words, word_errors
    from scribe.transcribe import Transcriber, keep_segment

    tr = Transcriber(args.model, relisten=False)
    files = sorted(p for p in Path(args.folder).rglob("*") if p.suffix.lower() in AUDIO
                   and p.with_name(p.stem + ".ref.txt").exists())
    data = [(load_pcm(f), normalise_words(f.with_name(f.stem + ".ref.txt").read_text())) for f in files]
    table = variants(tr)
    print(f"{len(files)} dictations, {sum(p.size for p, _ in data) / 16000:.0f} s of audio, model {tr.name}")
    print("| variant | decode s | WER |\n|---|---|---|")
    for name in args.variants or table:
        run, seconds, errors, words = table[name], 0.0, 0, 0
        for pcm, ref in data:
            started = time.perf_counter()
            segments, _ = run(pcm)
            kept = [s for s in segments if keep_segment(s)]
            seconds += time.perf_counter() - started
            errors += word_errors(ref, normalise_words(" ".join(s.text for s in kept)))
            words += len(ref)
        print(f"| {name} | {seconds:.1f} | {errors / max(words, 1):.3f} |", flush=True)
    print(f"\nload average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
