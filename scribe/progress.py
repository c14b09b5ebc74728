"""A small progress display on standard error, quiet when stderr is not a terminal."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, total: int = 1, stream=None) -> None:
        self.label = label
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self._last = -1.0

    def update(self, done: float, detail: str = "") -> None:
        """``done`` counts items (fractions allowed, e.g. 2.4 of 5 files)."""
        frac = min(max(done / self.total, 0.0), 1.0)
        if not self.tty:
            return
        if frac - self._last < 0.01 and frac < 1.0:
            return
        self._last = frac
        width = 28
        bar = "#" * int(frac * width) + "-" * (width - int(frac * width))
        elapsed = time.monotonic() - self.started
        self.stream.write(f"\r{self.label} [{bar}] {frac * 100:5.1f}%  {elapsed:5.1f}s {detail[:30]:<30}")
        self.stream.flush()

    def done(self, message: str = "") -> None:
        if self.tty:
            self.stream.write("\r" + " " * 100 + "\r")
        if message:
            self.stream.write(message + "\n")
        self.stream.flush()


def say(message: str) -> None:
    """Messages go to standard error so --json output stays one document on stdout."""
    print(message, file=sys.stderr, flush=True)
