"""Extraction and billing on the second core, in a forked process, for one-shot commands.

Why a process and not a thread: loading spaCy, building the pipeline and reading the code set
are Python work that holds the interpreter lock, and so does much of faster-whisper around the
model (audio decoding, features, segment bookkeeping). On a thread the two take turns; measured
as whole `scribe process` runs that cost a 10-second dictation about half a second over bare
faster-whisper (issue 15). A process forked before the speech model loads does the loading truly
in parallel, then waits for the transcript, runs the same ``analysis.build_session`` the rest
of the app uses, and hands the session back as JSON through the pydantic model, so the result
is the one an in-process run gives (a test compares them).

Only for a command that analyses one recording and exits (``scribe process FILE``, ``scribe
dictate``): the page and folder runs keep one warm pipeline in their own process instead.
"""

from __future__ import annotations

import pickle
from datetime import date

from models import Session, Transcript


def _serve(conn, parent_end, payer: str, use_data_dir: bool) -> None:
    """The child: load everything, wait for one transcript, answer with a session or an error."""
    from scribe.analysis import WarmUp, build_session

    parent_end.close()  # else the parent closing its end would never reach this process as EOF
    warm = WarmUp(payer, use_data_dir)
    warm.run()  # in this process's own thread: nothing else runs here
    try:
        request = conn.recv()
    except EOFError:  # the parent gave up (bad audio, Ctrl-C): nothing to do
        return
    try:
        if warm.error is not None:
            raise warm.error
        transcript_json, kwargs = request
        session = build_session(Transcript.model_validate_json(transcript_json), **kwargs)
        conn.send((True, session.model_dump_json()))
    except BaseException as exc:  # handed to the parent, raised there as its own
        try:
            pickle.dumps(exc)
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        conn.send((False, exc))
    finally:
        conn.close()


class ForkedAnalysis:
    """Start loading now; ``build_session`` later with the transcript. ``close`` if unused."""

    def __init__(self, payer: str, use_data_dir: bool = True) -> None:
        import multiprocessing

        from scribe.analysis import clinic_words

        clinic_words(use_data_dir)  # a malformed clinic file is the caller's error at once, as WarmUp's
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, self._conn, payer, use_data_dir), name="scribe-analysis",
                                 daemon=True)
        self._proc.start()
        child.close()

    def build_session(self, transcript: Transcript, *, date_of_service: date | None, **kwargs) -> Session:
        """What ``analysis.build_session`` returns, computed in the child."""
        try:
            self._conn.send((transcript.model_dump_json(), {"date_of_service": date_of_service, **kwargs}))
            ok, payload = self._conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError) as exc:
            raise RuntimeError(f"the analysis process ended unexpectedly (exit code {self._proc.exitcode})") from exc
        finally:
            self._conn.close()
            self._proc.join()
        if not ok:
            raise payload
        return Session.model_validate_json(payload)

    def close(self) -> None:
        """Stop the child unused (the recording could not be transcribed): it holds nothing to save."""
        self._conn.close()
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()
