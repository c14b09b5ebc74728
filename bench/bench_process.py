"""What a therapist waits for: the whole `scribe process FILE` against bare faster-whisper.

Each run is a fresh process timed from launch to exit (interpreter start, imports, model load,
transcription, extraction, billing, saving the session, printing), paired with a bare
faster-whisper script (bench/bare_whisper.py: load + transcribe, the library's defaults) on the
same file and model, alternated so drift on the machine hits both sides alike. Peak memory is
the larger of the biggest process (wait4) and the process tree sampled. The 10-second dictation is a sample as recorded;
the 90-second one is sample dictations joined end to end.

    python bench/bench_process.py                  # 5 pairs on ~10 s and ~90 s, tiny.en
    python bench/bench_process.py --pairs 9 --model base --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHORT = REPO / "samples" / "audio" / "headache_jaw.ogg"  # 11.6 s


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants now (Linux /proc), in MB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return total / 2**20


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process, which must succeed. `scribe process`
    runs extraction in a second process (scribe/analysis_process.py), so the peak is the larger of the
    biggest single process (wait4) and the whole process tree's sum, sampled every 20 ms."""
    import threading

    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree_peak, done = [0.0], threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            tree_peak[0] = max(tree_peak[0], _tree_rss_mb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return wall, max(usage.ru_maxrss / 1024, tree_peak[0])


def pairs(audio: Path, model: str, n: int, home: Path) -> dict:
    from scribe.speech_models import resolve_model

    # An installed scribe keeps compiled bytecode after its first run, as the bare library's
    # site-packages do; a shell that sets PYTHONDONTWRITEBYTECODE would make every timed run
    # recompile the project's source, a cost no therapist pays. The warm-up runs compile it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update({"SCRIBE_HOME": str(home), "PYTHONPATH": str(REPO)})
    scribe_cmd = [sys.executable, "-m", "scribe", "process", str(audio), "--json", "--model", model]
    bare_cmd = [sys.executable, str(REPO / "bench" / "bare_whisper.py"), str(audio),
                "--model-dir", str(resolve_model(model))]
    timed(bare_cmd, env)  # warm the page cache for both (model file, libraries) and compile bytecode
    timed(scribe_cmd, env)
    rows = []
    for i in range(n):
        order = [("scribe", scribe_cmd), ("bare", bare_cmd)]
        if i % 2:
            order.reverse()
        row = {}
        for name, cmd in order:
            row[name], row[f"{name}_rss"] = timed(cmd, env)
        rows.append(row)
    med = {k: statistics.median(r[k] for r in rows) for k in ("scribe", "bare", "scribe_rss", "bare_rss")}
    return {"audio": audio.name, "model": model, "pairs": n,
            "scribe_s": round(med["scribe"], 2), "bare_s": round(med["bare"], 2),
            "ratio": round(med["scribe"] / med["bare"], 2),
            "ratios": [round(r["scribe"] / r["bare"], 2) for r in rows],
            "scribe_peak_mb": round(max(r["scribe_rss"] for r in rows)),
            "bare_peak_mb": round(max(r["bare_rss"] for r in rows))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--model", default="tiny.en")
    parser.add_argument("--lengths", nargs="*", default=["10", "90"], help="10 and/or 90 (seconds)")
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)
    from bench.bench_transcription import make_dictation
    from scribe.audio import load_pcm

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        files = {"10": SHORT, "90": make_dictation(90, Path(tmp))}
        for length in args.lengths:
            audio = files[length]
            r = pairs(audio, args.model, args.pairs, Path(tmp) / "home")
            r["audio_s"] = round(load_pcm(audio).size / 16000, 1)
            results.append(r)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(),
               "load_avg_1min": round(os.getloadavg()[0], 2)}
    print("| audio | model | `scribe process FILE --json` s | bare faster-whisper s | ratio | peak MB scribe / bare |")
    print("|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['audio_s']} s | {r['model']} | {r['scribe_s']} | {r['bare_s']} | {r['ratio']} "
              f"| {r['scribe_peak_mb']} / {r['bare_peak_mb']} |")
    print(f"\nmedians of {args.pairs} alternated pairs; per-pair ratios: "
          + "; ".join(f"{r['audio_s']} s: {r['ratios']}" for r in results)
          + f"\n{machine['cpus']} CPUs, Python {machine['python']}, load average {machine['load_avg_1min']}")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
