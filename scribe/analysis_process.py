"""Extraction, billing and saving on the second core, in a process of their own, for one recording.

Why a process and not a thread: loading spaCy, building the pipeline and reading the code set
are Python work that holds the interpreter lock, and so does much of faster-whisper around the
model (audio decoding, features, segment bookkeeping). On a thread the two take turns; measured
as whole `scribe process` runs that cost a 10-second dictation about half a second over bare
faster-whisper (issue 15). A process started before the speech model loads does the loading
truly in parallel, then waits for the transcript, runs the same ``analysis.build_session`` the
rest of the app uses, saves it when asked, and hands the session back as JSON through the
pydantic model, so the result is the one an in-process run gives (a test compares them).

Spawned, not forked: a forked child inherits the parent's SQLite file state, which SQLite says
must never be used across fork (a session written there went missing for the parent in a
test), and its locks, threads and unflushed output. A fresh interpreter shares nothing.

Only for ``scribe process`` with one recording, which starts it before anything else so it is
ready when the transcript is: the page, ``scribe dictate`` and folder runs load one pipeline in
their own process instead (while the therapist talks, or once for many).
"""

from __future__ import annotations

import os
import pickle
import sys
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: starting the child must not wait for the models' import
    from models import Session, Transcript


def _serve(conn, payer: str, use_data_dir: bool, save: bool) -> None:
    """The child: load everything, wait for one transcript, answer with a session or an error."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops this process
    from models import Transcript
    from scribe.analysis import build_session, clinic_words, preload

    store, error = None, None
    try:  # a loading error is the answer to the transcript, as WarmUp's is at its join
        preload(payer, use_data_dir, clinic_words(use_data_dir))
        if save:
            from scribe.store import SessionStore

            store = SessionStore.open()
    except BaseException as exc:
        error = exc
    try:
        request = conn.recv()
    except EOFError:  # the parent gave up (bad audio, Ctrl-C): nothing to do
        return
    try:
        if error is not None:
            raise error
        transcript_json, kwargs = request
        session = build_session(Transcript.model_validate_json(transcript_json), **kwargs)
        if store is not None:
            session = store.create(session)
        conn.send((True, session.model_dump_json()))
    except BaseException as exc:  # handed to the parent, raised there as its own
        try:
            pickle.dumps(exc)
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        conn.send((False, exc))
    finally:
        conn.close()
    # Everything is saved and sent: skip tearing down spaCy and the rest, which the parent would
    # otherwise wait for when it joins this process.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


class AnalysisProcess:
    """Start loading now; ``build_session`` later with the transcript. ``close`` if unused.

    ``save``: the child also opens the session store and saves the session it returns, so this
    process never loads the database layer (about 0.17 s of imports) while the therapist waits."""

    def __init__(self, payer: str, use_data_dir: bool = True, save: bool = False) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, payer, use_data_dir, save), name="scribe-analysis",
                                 daemon=True)
        self._proc.start()
        child.close()
        try:
            from scribe.analysis import clinic_words

            clinic_words(use_data_dir)  # a malformed clinic file is the caller's error at once, as WarmUp's
        except BaseException:
            self.close()
            raise

    def build_session(self, transcript: Transcript, *, date_of_service: date | None, **kwargs) -> Session:
        """What ``analysis.build_session`` returns, computed in the child (and stored, with ``save``)."""
        try:
            self._conn.send((transcript.model_dump_json(), {"date_of_service": date_of_service, **kwargs}))
            ok, payload = self._conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError) as exc:
            self._proc.join()
            raise RuntimeError(f"the analysis process ended unexpectedly (exit code {self._proc.exitcode})") from exc
        finally:
            self._conn.close()
        self._proc.join()
        if not ok:
            raise payload
        from models import Session

        return Session.model_validate_json(payload)

    def close(self) -> None:
        """Stop the child if it is still waiting (the recording could not be transcribed): it holds
        nothing to save. Harmless after ``build_session``."""
        self._conn.close()
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join()
