"""Named points where tests stop a real `scribe` process, to prove a crash there loses nothing.

Does nothing unless SCRIBE_CRASH_AT or SCRIBE_PAUSE_AT names the point being passed:
- SCRIBE_CRASH_AT=NAME: the process kills itself with SIGKILL there, like a power cut: no
  cleanup, no ``finally``, no flush.
- SCRIBE_PAUSE_AT=NAME with SCRIBE_PAUSE_FILE=PATH: the process creates PATH + ".ready" and
  waits (at most a minute) until PATH exists, so a test can act at exactly that moment.

Points: ``after_audio_saved`` (scribe process, audio kept, nothing transcribed yet),
``before_save`` (store, a changed session about to be written), ``before_session_saved``
(store, inside the write transaction just before commit), ``mid_write`` (an atomic file
write with the temporary file complete but not yet renamed into place).
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

PAUSE_LIMIT_S = 60.0


def fault(point: str) -> None:
    if os.environ.get("SCRIBE_CRASH_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get("SCRIBE_PAUSE_AT") == point and os.environ.get("SCRIBE_PAUSE_FILE"):
        go = Path(os.environ["SCRIBE_PAUSE_FILE"])
        Path(f"{go}.ready").touch()
        deadline = time.monotonic() + PAUSE_LIMIT_S
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
