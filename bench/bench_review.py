"""The review server: time to start, to the first page, and to recompute a claim after an edit.

    python bench/bench_review.py [--edits 20] [--json results.json]

Runs the real `scribe review` in a subprocess on a processed note and talks to it over HTTP
on 127.0.0.1, the way the browser does (token, cookie, CSRF header, page revision).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOTE = ("Client reports low back pain seven out of ten. Thirty minutes of Swedish massage to the "
        "low back, then fifteen minutes of myofascial release to the left upper trapezius. "
        "Pain down to three out of ten at the end.")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--read-seconds", type=float, default=5.0,
                    help="pause before the first edit, as a therapist reads the page (0: edit at once)")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    import httpx

    home = tempfile.mkdtemp(prefix="scribe-bench-review-")
    env = {**os.environ, "SCRIBE_HOME": home}
    out = subprocess.run([sys.executable, "-m", "scribe", "process", "-", "--json"], input=NOTE,
                         capture_output=True, text=True, env=env, check=True)
    session = json.loads(out.stdout)
    treatment = next(t for t in session["extraction"]["treatments"] if t["cpt"] == "97124")
    t0 = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "scribe", "review", session["id"], "--no-browser",
                               "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, env=env)
    try:
        url = server.stdout.readline().strip()
        started = time.perf_counter() - t0
        with httpx.Client(follow_redirects=True, timeout=30) as client:
            t1 = time.perf_counter()
            page = client.get(url)
            first_page = time.perf_counter() - t1
            page.raise_for_status()
            csrf = json.loads(html.unescape(re.search(r"hx-headers='([^']+)'", page.text).group(1)))
            base = url.split("?")[0]
            revision = int(re.search(r'name="revision" value="(\d+)"', page.text).group(1))
            time.sleep(args.read_seconds)
            edit_times = []
            for i in range(args.edits):
                minutes = 30 + (i % 2) * 15
                t2 = time.perf_counter()
                r = client.post(f"{base}/edit", headers={**csrf, "HX-Request": "true"},
                                data={"target": f"treatment.{treatment['id']}.minutes", "value": str(minutes),
                                      "revision": str(revision)})
                edit_times.append(time.perf_counter() - t2)
                r.raise_for_status()
                revision += 1
            t3 = time.perf_counter()
            client.get(base)
            reload_page = time.perf_counter() - t3
    finally:
        server.terminate()
        server.wait(10)
    result = {
        "server_ready_s": round(started, 3),
        "first_page_ms": round(first_page * 1000, 1),
        "page_reload_ms": round(reload_page * 1000, 1),
        "read_seconds": args.read_seconds,
        "first_edit_ms": round(edit_times[0] * 1000, 1),
        "edit_recompute_median_ms": round(statistics.median(edit_times) * 1000, 1),
        "edit_recompute_max_ms": round(max(edit_times) * 1000, 1),
        "edits": args.edits,
    }
    for k, v in result.items():
        print(f"{k:<26} {v}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
