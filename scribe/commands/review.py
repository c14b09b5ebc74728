"""scribe review: the local review web page (127.0.0.1 only, per-launch token)."""

from __future__ import annotations

import argparse
import sys

DESCRIPTION = """\
Open the review page: what was said, what Scribe understood, and what it will bill,
with everything editable, then confirm.

The page is served on 127.0.0.1 only and needs the random key in the printed address,
so other users of this computer and other web pages cannot reach it. Stop it with Ctrl+C.
"""


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("review", help="Open the local review page to check, edit and confirm sessions.",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("session", nargs="?", metavar="SESSION", help="open this session directly (id or its unique beginning)")
    p.add_argument("--no-browser", action="store_true", help="print the address but do not open a browser")
    p.add_argument("--port", type=int, default=0, metavar="N", help="port on 127.0.0.1 (default: a free one)")
    return p


def run(args) -> int:
    from scribe.errors import BadInput
    from scribe.store import SessionStore
    from scribe.web.server import bind, make_server, serve

    if not 0 <= args.port <= 65535:
        raise BadInput(f"{args.port} is not a port number; use 1 to 65535.")
    store = SessionStore.open()
    path = "/"
    if args.session:
        path = f"/s/{store.get(args.session).id}"  # refuses an unknown session before starting
    sock = bind(args.port)
    server, guard = make_server(sock, store)
    url = guard.url(path)
    print(url, flush=True)
    print("Review page running on this computer only. Press Ctrl+C to stop.", file=sys.stderr, flush=True)
    if not args.no_browser:
        import webbrowser

        if not webbrowser.open(url):
            print("No browser could be opened here; open the address above in one.", file=sys.stderr, flush=True)
    _warm_up_in_background()
    serve(server, sock)
    return 0


def _warm_up_in_background() -> None:
    """Load the rule data the first edit needs (the ICD-10-CM code set takes seconds) while the
    therapist is still reading the page, so the first change re-bills as fast as the rest."""
    import threading

    def warm() -> None:
        import time

        time.sleep(2.0)  # after the first page, which the browser asks for at once
        from billing.codeset import validate_code
        from scribe.analysis import pair_table, profile_registry

        profile_registry()
        pair_table()
        validate_code("M54.50")

    threading.Thread(target=warm, name="scribe-warm-up", daemon=True).start()
