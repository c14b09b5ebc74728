"""Bare faster-whisper: load the model, transcribe one file, print the text. Nothing of Scribe.

The reference a therapist's wait is compared against in bench/bench_process.py: the smallest
script anyone would write with the library, with its default settings, on the same model folder.

    python bench/bare_whisper.py FILE [--model-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--model-dir", required=True, help="a CTranslate2 Whisper folder")
    args = parser.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"
    from faster_whisper import WhisperModel

    model = WhisperModel(args.model_dir, device="cpu", compute_type="int8", local_files_only=True)
    segments, _info = model.transcribe(args.file, language="en")
    sys.stdout.write(" ".join(s.text.strip() for s in segments) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
