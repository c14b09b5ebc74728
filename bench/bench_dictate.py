"""Time from Stop to claim lines on the page, for a dictation made on the home page.

A real headless chromium (Debian's /usr/bin/chromium) plays a dictation through its fake
microphone into the home page's Dictate button; the page sends the audio to the local server
while "speaking", the server transcribes it at pauses (tiny.en, the default), and the clock
runs from the Stop click until the new session's page shows its claim lines. The dictation is
the sample dictations joined (bench_transcription.make_dictation) followed by silence, and Stop
is pressed STOP_AFTER_LAST_WORD seconds after the last word, as a therapist would.

    python bench/bench_dictate.py                 # one 60-second dictation, 3 runs
    python bench/bench_dictate.py --seconds 60 --runs 3 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]
CHROMIUM = os.environ.get("SCRIBE_CHROMIUM", "/usr/bin/chromium")
STOP_AFTER_LAST_WORD = 1.0
SILENCE_AFTER = 3.0


def padded_dictation(seconds: int, folder: Path) -> Path:
    import numpy as np

    from bench_transcription import make_dictation
    from scribe.audio import load_pcm, to_wav_bytes

    pcm = load_pcm(make_dictation(seconds, folder))
    pcm = np.concatenate([pcm, np.zeros(int(16000 * SILENCE_AFTER), np.float32)])
    out = folder / f"mic_{seconds}s.wav"
    out.write_bytes(to_wav_bytes(pcm))
    return out


def one_run(server, wav: Path, seconds: int) -> dict:
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={wav}"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
        page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
        page.goto(server.guard.url("/"))
        page.get_by_role("button", name="Dictate").click()
        stop = page.get_by_role("button", name="Stop")
        stop.wait_for(timeout=30_000)
        started = time.perf_counter()
        page.wait_for_timeout(int((seconds + STOP_AFTER_LAST_WORD) * 1000))
        live_words = len(page.inner_text("#live-transcript").split())
        clicked = time.perf_counter()
        stop.click()
        page.wait_for_selector(".line[data-cpt]", timeout=120_000)
        shown = time.perf_counter()
        lines = page.locator(".line[data-cpt]").count()
        browser.close()
    return {"stop_to_claim_s": round(shown - clicked, 2), "recorded_s": round(clicked - started, 1),
            "words_on_page_before_stop": live_words, "claim_lines": lines}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="scribe-bench-dictate-")
    os.environ["SCRIBE_HOME"] = home
    from scribe.store import SessionStore
    from tests.test_web_support import RunningServer

    wav = padded_dictation(args.seconds, Path(home))
    store = SessionStore.open()
    runs = []
    with RunningServer(store) as server:
        for i in range(args.runs):
            runs.append(one_run(server, wav, args.seconds))
            print(f"run {i + 1}: {runs[-1]}", file=sys.stderr, flush=True)
    figures = [r["stop_to_claim_s"] for r in runs]
    result = {"dictation_s": args.seconds, "model": "tiny.en", "cores": os.cpu_count(), "machine": platform.machine(),
              "runs": runs, "median_stop_to_claim_s": statistics.median(figures), "max_stop_to_claim_s": max(figures)}
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
