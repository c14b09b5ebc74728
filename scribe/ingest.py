"""Ingest: a dictation (typed text or a recording) to a stored draft session.

``scribe process``, ``scribe dictate`` and the review page's Dictate, Upload and Type all call
these, so a session is made the same way whichever door it came in by. The recording (or typed
text from standard input) is saved in the data folder before anything else happens.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path


def process_text(text: str, *, payer: str, day: date | None, client: str | None, store, progress=None,
                 keep: bool = False):
    """Typed text to a stored session. ``keep``: the text exists nowhere else (standard input), so
    it is saved in the data folder first, as a recording is, and a failure says where it is."""
    from models import Transcript
    from scribe import paths
    from scribe.errors import ScribeError
    from scribe.crypto import write_text
    from scribe.analysis import build_session, new_session_id

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
                       transcribe=None, analysis=None):
    """Save the audio first, then transcribe, extract and bill; return the stored session.

    ``stored`` is an audio file already written to the data folder (the microphone path).
    ``original_name`` is the name the therapist knows the file by (an upload's own name).
    ``transcribe(path, source=, progress=)`` replaces the speech model's whole-file pass: the
    page's dictation has transcribed most of the recording while it was being spoken.
    ``analysis``: a started ``AnalysisProcess`` (scribe/analysis_process.py) that builds the session
    on the second core, and saves it when there is no ``store``: for a command that handles this one
    recording and exits, started as early as it can be. Else extraction and billing load on a
    thread of this process.
    """
    from scribe import paths
    from scribe.audio import import_recording
    from scribe.errors import AudioError, ScribeError
    from scribe.faults import fault
    from scribe.analysis import build_session, new_session_id, warm_up
    from scribe.transcribe import get_transcriber

    if analysis is None and store is None:
        from scribe.store import SessionStore

        store = SessionStore.open()
    path = Path(path)
    if stored is None and path.resolve().parent == paths.audio_dir().resolve():
        stored = path  # a recording the data folder already keeps (listed after a crash): no second copy
    session_id = new_session_id(day)
    dest = stored or (paths.audio_dir() / f"{session_id}{path.suffix.lower()}")
    source, pcm = import_recording(path, dest)  # validates and saves before any processing
    fault("after_audio_saved")
    rel = dest.relative_to(paths.data_dir()).as_posix() if dest.is_relative_to(paths.data_dir()) else str(dest)
    source = source.model_copy(update={"path": rel, "original_name": original_name or path.name})
    transcript = None
    warming = warm_up(payer) if analysis is None else None  # else loading is the analysis process's
    try:
        if transcribe is None:
            transcript = get_transcriber(model).transcribe(dest, source=source, progress=progress, pcm=pcm)
        else:
            transcript = transcribe(dest, source=source, progress=progress)
        del pcm  # a long recording's samples need not outlive its transcription
    except ScribeError as exc:
        kept = dest
        if isinstance(exc, AudioError) and stored is None:
            # unusable (e.g. silent): keep it, out of the way of the unprocessed-recordings notice
            kept = dest.parent / "unusable" / dest.name
            kept.parent.mkdir(exist_ok=True, mode=0o700)
            dest.replace(kept)
        exc.hint = (exc.hint + " " if exc.hint else "") + f"The recording is kept at {kept}."
        raise
    finally:
        if analysis is not None and transcript is None:
            analysis.close()
    if day is None and source.recorded_at is not None:
        day = source.recorded_at.date()
    if warming is not None:
        warming.join()
    make = build_session if analysis is None else analysis.build_session
    session = make(transcript, payer=payer, date_of_service=day, client=client,
                   input_kind="audio", input_path=rel, session_id=session_id)
    return session if store is None else store.create(session)


def process_one(spec: str, opts: dict, store, progress=None):
    """One input to a stored session: the same path whether run alone or in a worker."""
    from scribe.errors import NotFound
    from scribe.inputs import is_audio, read_text_input

    if spec != "-" and is_audio(Path(spec)):
        if not Path(spec).exists():
            raise NotFound(f"{spec} does not exist.")
        return process_audio_file(Path(spec), store=store, progress=progress, **opts)
    text, _name = read_text_input(spec)
    return process_text(text, store=store, keep=spec == "-",
                        **{k: v for k, v in opts.items() if k not in ("model", "analysis")})
