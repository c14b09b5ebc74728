"""scribe process: dictations (text, standard input, audio, folders) to stored draft sessions."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

HELP = "Turn dictations into draft sessions: SOAP note, claim lines and findings."
DESCRIPTION = """\
Process one or more dictations and store each as a draft session for review.

INPUT is a typed text file, '-' for text on standard input, an audio file
(wav, flac, mp3, m4a, ogg), or a folder of them. Audio is transcribed on this
computer; nothing is sent anywhere. The audio is saved in the data folder
before anything else happens, so nothing is lost if processing fails.

Examples:
  scribe process visit.m4a
  scribe process notes/ --payer commercial-cms
  echo "30 min Swedish massage to the back, pain 6/10 to 3/10" | scribe process -
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("process", help=HELP, description=DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="text file, '-', audio file or folder")
    p.add_argument("--payer", default="commercial",
                   help="payer profile to bill under (default: commercial)")
    p.add_argument("--model", default=None,
                   help="speech model: tiny.en (default), base, or a model folder")
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                   help="date of service (default: the recording's own date, else today)")
    p.add_argument("--client", default=None, metavar="ID", help="client reference for the claim")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="process N files at once (each loads its own speech model; 2 suits a 2-core laptop)")
    p.add_argument("--json", action="store_true", help="print the session(s) as JSON on standard output")
    return p


def _parse_date(value: str | None) -> date | None:
    from scribe.errors import BadInput

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadInput(f"'{value}' is not a date; use YYYY-MM-DD.") from None


def process_text(text: str, *, payer: str, day: date | None, client: str | None, store, progress=None,
                 keep: bool = False):
    """Typed text to a stored session. ``keep``: the text exists nowhere else (standard input), so
    it is saved in the data folder first, as a recording is, and a failure says where it is."""
    from models import Transcript
    from scribe import paths
    from scribe.errors import ScribeError
    from scribe.crypto import write_text
    from scribe.pipeline import build_session, new_session_id

    session_id = new_session_id(day)
    rel = None
    if keep:
        dest = write_text(paths.audio_dir() / f"{session_id}.txt", text)
        rel = dest.relative_to(paths.data_dir()).as_posix()
    try:
        session = build_session(Transcript.from_text(text), payer=payer, date_of_service=day, client=client,
                                input_kind="text", input_path=rel, session_id=session_id)
    except ScribeError as exc:
        if keep:
            exc.hint = (exc.hint + " " if exc.hint else "") + f"Your text is kept at {dest}."
        raise
    return store.create(session)


def process_audio_file(path: Path, *, payer: str = "commercial", model: str | None = None,
                       day: date | None = None, client: str | None = None, store=None,
                       progress=None, stored: Path | None = None, original_name: str | None = None,
                       transcribe=None):
    """Save the audio first, then transcribe, extract and bill; return the stored session.

    ``stored`` is an audio file already written to the data folder (the microphone path).
    ``original_name`` is the name the therapist knows the file by (an upload's own name).
    ``transcribe(path, source=, progress=)`` replaces the speech model's whole-file pass: the
    page's dictation has transcribed most of the recording while it was being spoken.
    """
    from scribe import paths
    from scribe.audio import import_audio
    from scribe.errors import AudioError, ScribeError
    from scribe.faults import fault
    from scribe.pipeline import build_session, new_session_id, warm_up
    from scribe.store import SessionStore
    from scribe.transcribe import get_transcriber

    store = store or SessionStore.open()
    path = Path(path)
    if stored is None and path.resolve().parent == paths.audio_dir().resolve():
        stored = path  # a recording the data folder already keeps (listed after a crash): no second copy
    session_id = new_session_id(day)
    dest = stored or (paths.audio_dir() / f"{session_id}{path.suffix.lower()}")
    source = import_audio(path, dest)  # validates and saves before any processing
    fault("after_audio_saved")
    rel = dest.relative_to(paths.data_dir()).as_posix() if dest.is_relative_to(paths.data_dir()) else str(dest)
    source = source.model_copy(update={"path": rel, "original_name": original_name or path.name})
    warming = warm_up(payer)
    try:
        transcript = (transcribe or get_transcriber(model).transcribe)(dest, source=source, progress=progress)
    except ScribeError as exc:
        kept = dest
        if isinstance(exc, AudioError) and stored is None:
            # unusable (e.g. silent): keep it, out of the way of the unprocessed-recordings notice
            kept = dest.parent / "unusable" / dest.name
            kept.parent.mkdir(exist_ok=True, mode=0o700)
            dest.replace(kept)
        exc.hint = (exc.hint + " " if exc.hint else "") + f"The recording is kept at {kept}."
        raise
    if day is None and source.recorded_at is not None:
        day = source.recorded_at.date()
    warming.join()
    session = build_session(transcript, payer=payer, date_of_service=day, client=client,
                            input_kind="audio", input_path=rel, session_id=session_id)
    return store.create(session)


def _process_one(spec: str, opts: dict, store, progress=None):
    """One input to a stored session: the same path whether run alone or in a worker."""
    from scribe.errors import NotFound
    from scribe.inputs import is_audio, read_text_input

    if spec != "-" and is_audio(Path(spec)):
        if not Path(spec).exists():
            raise NotFound(f"{spec} does not exist.")
        return process_audio_file(Path(spec), store=store, progress=progress, **opts)
    text, _name = read_text_input(spec)
    return process_text(text, store=store, keep=spec == "-", **{k: v for k, v in opts.items() if k != "model"})


_worker_store = None


def _worker(job: tuple[str, dict]) -> tuple[str, str | None, str | None]:
    """Runs in a worker process: its own store connection, its own model loaded once."""
    global _worker_store
    from scribe.errors import as_user_error
    from scribe.store import SessionStore

    spec, opts = job
    if _worker_store is None:
        _worker_store = SessionStore.open()
    try:
        return spec, _process_one(spec, opts, _worker_store).id, None
    except Exception as exc:
        err = as_user_error(exc)
        if err is None:
            raise
        return spec, None, str(err)


def run(args) -> int:
    from scribe.errors import BadInput, as_user_error
    from scribe.inputs import expand_inputs
    from scribe.pipeline import get_profile
    from scribe.progress import Progress, say
    from scribe.render import session_summary
    from scribe.store import SessionStore

    day = _parse_date(args.date)
    if args.client:
        from scribe.settings import check_client_id

        check_client_id(args.client)
    if args.jobs < 1:
        raise BadInput("--jobs must be 1 or more.")
    get_profile(args.payer)  # an unknown payer stops before any work
    inputs = expand_inputs(args.inputs)
    opts = {"payer": args.payer, "model": args.model, "day": day, "client": args.client}
    store = SessionStore.open()
    many = len(inputs) > 1
    bar = Progress("Processing", total=len(inputs)) if many else None
    done, failed = [], []
    if many and args.jobs > 1 and "-" not in inputs:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # no inherited model or database handles
        with ctx.Pool(min(args.jobs, len(inputs))) as pool:
            for i, (spec, sid, err) in enumerate(pool.imap(_worker, [(s, opts) for s in inputs])):
                if sid:
                    done.append(store.get(sid))
                else:
                    failed.append((spec, err))
                bar.update(i + 1, Path(spec).name)
    else:
        for i, spec in enumerate(inputs):
            one = None if many else Progress(f"Working on {Path(spec).name}")

            def prog(frac: float, i=i, one=one, spec=spec) -> None:
                (bar.update(i + frac, Path(spec).name) if bar else one.update(frac))

            try:
                done.append(_process_one(spec, opts, store, prog))
            except Exception as exc:
                err = as_user_error(exc)
                if err is None or not many:
                    raise
                failed.append((spec, str(err)))
            finally:
                if one:
                    one.done()
            if bar:
                bar.update(i + 1, Path(spec).name)
    if bar:
        bar.done()
    if args.json:
        payload = [s.to_json_dict() for s in done] if many else done[0].to_json_dict()
        json.dump(payload, sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif not many:
        print(session_summary(done[0]))
        say(f"\nSaved as draft session {done[0].id}. Review it with: scribe review {done[0].id}")
    else:
        for s in done:
            lines = ", ".join(f"{ln.cpt}x{ln.units}" for ln in s.claim.lines) or "nothing billable"
            blocking = sum(1 for f in s.rule_findings if f.blocking)
            print(f"{s.id}  {lines}  ({len(s.rule_findings)} findings, {blocking} blocking)")
    if many:
        say(f"Processed {len(done)} of {len(inputs)} dictations." + (f" {len(failed)} failed:" if failed else ""))
        for spec, msg in failed:
            say(f"  {spec}: {msg}")
    return 2 if failed else 0
