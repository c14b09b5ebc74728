"""scribe dictate: record from the microphone, save, then process like `scribe process`."""

from __future__ import annotations

import argparse
from datetime import datetime

from scribe.commands import add_client_option, add_model_option, add_payer_option, saved_as_draft

HELP = "Record a dictation from the microphone and turn it into a draft session."
DESCRIPTION = """\
Record your session note from the computer's microphone, then transcribe it and
draft the SOAP note and claim lines, all on this computer.

Speak after the timer starts. Recording stops when you press Enter, after a long
pause once you have spoken, or at the time limit. The recording is saved in the
data folder before anything else happens, so it is never lost.

Needs the microphone extra: pip install 'scribe-soap[mic]' (on Linux also the
system package libportaudio2).

Examples:
  scribe dictate
  scribe dictate --payer medicare --max-seconds 300
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("dictate", help=HELP, description=DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_payer_option(p)
    add_model_option(p)
    p.add_argument("--max-seconds", type=float, default=15 * 60, metavar="N",
                   help="stop recording after N seconds (default: 900, at most 1800)")
    p.add_argument("--silence-seconds", type=float, default=8.0, metavar="N",
                   help="stop after N seconds of quiet once you have spoken (default: 8)")
    add_client_option(p)
    return p


def run(args) -> int:
    from scribe import paths
    from scribe.audio import MAX_SECONDS
    from scribe.capture import record
    from scribe.ingest import process_audio_file
    from scribe.errors import BadInput
    from scribe.analysis import get_profile, warm_up
    from scribe.progress import Progress, say
    from scribe.render import session_summary
    from scribe.speech_models import resolve_model

    if not 1 <= args.max_seconds <= MAX_SECONDS:
        raise BadInput(f"--max-seconds must be between 1 and {MAX_SECONDS}.")
    get_profile(args.payer)  # an unknown payer or missing model stops before recording
    resolve_model(args.model)
    dest = paths.audio_dir() / f"dictation-{datetime.now():%Y%m%d-%H%M%S}.wav"
    warm_up(args.payer)  # spaCy, the code set and the payer's rules load while the therapist talks
    say("Recording. Speak now; press Enter when you are done.")
    rec = record(dest, max_seconds=args.max_seconds, silence_seconds=args.silence_seconds)
    say(f"Saved {rec.seconds:.0f} s of audio to {rec.path} (stopped by {rec.stopped_by}).")
    bar = Progress("Transcribing")
    session = process_audio_file(rec.path, payer=args.payer, model=args.model, client=args.client,
                                 progress=bar.update, stored=rec.path)
    bar.done()
    print(session_summary(session))
    say(saved_as_draft(session.id))
    return 0
