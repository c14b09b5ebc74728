"""Transcription speed and memory, per speech model, on 30 s, 2 min and 10 min dictations.

For each model, in a fresh subprocess (so peak memory is that model's alone): load time,
real-time factor (audio seconds per second of processing), peak resident memory
(ru_maxrss), and the cost of the project's chain (decode + transcribe + extract + bill,
through scribe.analysis) against bare faster-whisper with the same settings on the same audio.
The long dictations are the sample dictations in samples/audio joined end to end.

    python bench/bench_transcription.py                 # table
    python bench/bench_transcription.py --json out.json
    python bench/bench_transcription.py --models tiny.en --lengths 30 120
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "audio"
LENGTHS = (30, 120, 600)


def make_dictation(seconds: int, folder: Path) -> Path:
    """Sample dictations joined (with a short pause) and cut to ``seconds``, as 16 kHz WAV."""
    import numpy as np

    from scribe.audio import SAMPLE_RATE, load_pcm, to_wav_bytes

    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".flac", ".ogg", ".mp3", ".m4a", ".wav"})
    pause = np.zeros(SAMPLE_RATE // 2, np.float32)
    parts, total = [], 0
    while total < seconds * SAMPLE_RATE:
        for f in files:
            pcm = load_pcm(f)
            parts += [pcm, pause]
            total += pcm.size + pause.size
            if total >= seconds * SAMPLE_RATE:
                break
    pcm = np.concatenate(parts)[: seconds * SAMPLE_RATE]
    out = folder / f"dictation_{seconds}s.wav"
    out.write_bytes(to_wav_bytes(pcm))
    return out


def measure(model: str, audio: list[str]) -> dict:
    """Runs inside the per-model subprocess."""
    from scribe.audio import load_pcm
    from scribe.transcribe import DECODE_OPTIONS, Transcriber

    started = time.perf_counter()
    tr = Transcriber(model)
    load_s = time.perf_counter() - started
    from scribe.analysis import analyse

    rows = []
    for path in audio:
        pcm = load_pcm(Path(path))
        seconds = pcm.size / 16000
        # warm both paths' one-off costs (spaCy pipeline, billing tables) outside the timings
        if not rows:
            analyse(tr.transcribe(Path(path)), payer="commercial", date_of_service=None, use_data_dir=False)
        t0 = time.perf_counter()
        segments, _ = tr.model.transcribe(pcm, **{**DECODE_OPTIONS, "hotwords": tr.hotwords})
        list(segments)
        bare = time.perf_counter() - t0
        t0 = time.perf_counter()
        transcript = tr.transcribe(Path(path))
        transcribed = time.perf_counter() - t0
        analyse(transcript, payer="commercial", date_of_service=None, use_data_dir=False)
        chain = time.perf_counter() - t0
        rows.append({
            "audio_s": round(seconds, 1),
            "bare_whisper_s": round(bare, 2),
            "chain_s": round(chain, 2),
            "transcribe_s": round(transcribed, 2),
            "rtf": round(seconds / chain, 1),
            "chain_overhead": round(chain / bare, 3),
        })
    return {
        "model": model,
        "load_s": round(load_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "runs": rows,
    }


def run_model(model: str, audio: list[Path]) -> dict:
    cmd = [sys.executable, __file__, "--child", model, *map(str, audio)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        return {"model": model, "error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    return json.loads(proc.stdout)


def table(results: list[dict]) -> str:
    lines = ["| model | load s | peak RSS MB | audio | bare whisper s | chain s | x real time | chain / bare |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['model']} | error: {r['error']} | | | | | | |")
            continue
        for run in r["runs"]:
            a = run["audio_s"]
            label = f"{a / 60:.0f} min" if a >= 60 else f"{a:.0f} s"
            lines.append(f"| {r['model']} | {r['load_s']} | {r['peak_rss_mb']} | {label} | {run['bare_whisper_s']} "
                         f"| {run['chain_s']} | {run['rtf']} | {run['chain_overhead']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        sys.path.insert(0, str(REPO))
        json.dump(measure(argv[1], argv[2:]), sys.stdout)
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="*", default=None, help="default: every installed model")
    parser.add_argument("--lengths", nargs="*", type=int, default=list(LENGTHS), help="seconds of audio")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from scribe.speech_models import list_models

    models = args.models or [m.name for m in list_models() if m.installed]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("SCRIBE_HOME", str(Path(tmp) / "home"))
        audio = [make_dictation(n, Path(tmp)) for n in args.lengths]
        results = [run_model(m, audio) for m in models]
    machine = {"cpus": os.cpu_count(), "machine": platform.machine(), "python": platform.python_version(),
               "load_avg_1min": round(os.getloadavg()[0], 2)}
    print(table(results))
    print(f"\n{machine['cpus']} CPUs, {machine['machine']}, load average {machine['load_avg_1min']}; "
          "chain = decode + transcribe + extract + bill; chain / bare = overhead over faster-whisper alone.")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
