"""Run the review app on 127.0.0.1: bind first, then print the URL, then serve.

Binding before printing means the printed URL always works and a busy --port fails with one
plain sentence. Only the loopback address is used: the page shows protected health
information and must not be reachable from the network.
"""

from __future__ import annotations

import errno
import socket

from scribe.errors import BadInput
from scribe.web.security import Guard

HOST = "127.0.0.1"


def bind(port: int = 0) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            raise BadInput(f"Port {port} is already in use or not allowed on {HOST}.",
                           "Pick another with --port, or leave --port out to use a free one.") from None
        raise
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def make_server(sock: socket.socket, store=None, by: str = "therapist"):
    """The uvicorn server for a bound socket, and the launch's guard (token, CSRF)."""
    import uvicorn

    from scribe.web.app import create_app

    guard = Guard(port=sock.getsockname()[1])
    app = create_app(guard, store, by=by)
    # No access log: request lines would carry the token and session ids.
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    return uvicorn.Server(config), guard


def serve(server, sock: socket.socket) -> None:
    server.run(sockets=[sock])
