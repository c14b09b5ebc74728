"""scribe process: dictations (text, standard input, audio, folders) to stored draft sessions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scribe.commands import add_client_option, add_model_option, add_payer_option, saved_as_draft

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
    add_payer_option(p)
    add_model_option(p)
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                   help="date of service (default: the recording's own date, else today)")
    add_client_option(p)
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="process N files at once (each loads its own speech model; 2 suits a 2-core laptop)")
    p.add_argument("--json", action="store_true", help="print the session(s) as JSON on standard output")
    return p


_worker_store = None


def _worker(job: tuple[str, dict]) -> tuple[str, str | None, str | None]:
    """Runs in a worker process: its own store connection, its own model loaded once."""
    global _worker_store
    from scribe.errors import as_user_error
    from scribe.ingest import process_one
    from scribe.store import SessionStore

    spec, opts = job
    if _worker_store is None:
        _worker_store = SessionStore.open()
    try:
        return spec, process_one(spec, opts, _worker_store).id, None
    except Exception as exc:
        err = as_user_error(exc)
        if err is None:
            raise
        return spec, None, str(err)


def run(args) -> int:
    from scribe.dates import parse_day
    from scribe.errors import BadInput, as_user_error
    from scribe.inputs import expand_inputs, is_audio

    day = parse_day(args.date) if args.date is not None else None
    if args.jobs < 1:
        raise BadInput("--jobs must be 1 or more.")
    inputs = expand_inputs(args.inputs)
    many = len(inputs) > 1
    analysis = None
    if not many and inputs[0] != "-" and is_audio(Path(inputs[0])):
        # One recording: extraction loads, runs and saves in a second process on the second core,
        # started before anything else is imported here so it is ready when this one has
        # transcribed (scribe/analysis_process.py); the checks below stop it if they refuse.
        from scribe.analysis_process import AnalysisProcess

        analysis = AnalysisProcess(args.payer, save=True)
    try:
        if args.client:
            from scribe.clients import check_client_id

            check_client_id(args.client)
        from scribe.analysis import get_profile

        get_profile(args.payer)  # an unknown payer stops before any work
    except BaseException:
        if analysis is not None:
            analysis.close()
        raise
    from scribe.ingest import process_one
    from scribe.progress import Progress, say
    from scribe.render import session_summary

    opts = {"payer": args.payer, "model": args.model, "day": day, "client": args.client}
    store = None
    if analysis is not None:
        opts["analysis"] = analysis
    else:
        from scribe.store import SessionStore  # the database layer, only where this process uses it

        store = SessionStore.open()
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
                done.append(process_one(spec, opts, store, prog))
            except Exception as exc:
                err = as_user_error(exc)
                if err is None or not many:
                    raise
                failed.append((spec, str(err)))
            finally:
                if one:
                    one.done()
                if "analysis" in opts:
                    opts["analysis"].close()  # unused if the recording was refused before transcription
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
        say(saved_as_draft(done[0].id))
    else:
        for s in done:
            lines = ", ".join(f"{ln.cpt}x{ln.units}" for ln in s.claim.lines) or "nothing billable"
            blocking = sum(1 for f in s.rule_findings if f.blocking)
            print(f"{s.id}  {lines}  ({len(s.rule_findings)} findings, {blocking} blocking)")
    if many:
        say(f"Processed {len(done)} of {len(inputs)} dictations." + (f" {len(failed)} failed:" if failed else ""))
        for spec, msg in failed:
            say(f"  {spec}: {msg}")
    # the analysis process saved the session and has ended; this one holds only the speech model
    args._exit_at_once = analysis is not None
    return 2 if failed else 0
