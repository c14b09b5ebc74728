"""Who may talk to the review server, and the headers every answer carries.

The server listens on 127.0.0.1 only, but other local users and any web page open in the
browser can still reach 127.0.0.1. So, like a notebook server:
- every request needs this launch's random token: in the opened URL once, then an HttpOnly,
  SameSite=Strict cookie (the URL is then cleaned so the token does not linger in history);
- the Host header must name this server (a DNS-rebinding page cannot pose as it);
- any request from another origin or site is refused (Origin and Sec-Fetch-Site);
- every change also needs the CSRF token the page carries, checked server-side;
- every answer has a strict Content-Security-Policy: scripts, styles and media from this
  server only, no inline script, no framing, nothing external.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode

from fastapi import HTTPException, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}

NO_TOKEN = (
    "This review page needs the address 'scribe review' printed when it started; "
    "that address carries this launch's key."
)
OTHER_ORIGIN = "Changes are accepted only from the review page itself."
BAD_CSRF = "This change did not come from the review page; reload the page and try again."
BAD_HOST = "This is not the address the review server was started on."


@dataclass(frozen=True)
class Guard:
    """The per-launch secrets and the addresses this server answers to."""

    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def cookie_name(self) -> str:
        # Cookies ignore ports: a per-port name keeps two review servers apart.
        return f"scribe_review_{self.port}"

    @property
    def hosts(self) -> frozenset[str]:
        return frozenset({f"127.0.0.1:{self.port}", f"localhost:{self.port}"})

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(f"http://{h}" for h in self.hosts)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}?{urlencode({'token': self.token})}"


def _same(given: str | None, expected: str) -> bool:
    return bool(given) and secrets.compare_digest(given.encode(), expected.encode())


def deny(message: str, status: int = 403) -> Response:
    body = f"<!doctype html><title>Not allowed</title><p>{message}</p>"
    return with_headers(HTMLResponse(body, status_code=status))


def with_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


async def guard_requests(request: Request, call_next) -> Response:
    """HTTP middleware: host, token, origin; then the security headers on the answer."""
    guard: Guard = request.app.state.guard
    if request.headers.get("host", "") not in guard.hosts:
        return deny(BAD_HOST)
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in {"same-origin", "none"}:
        return deny(OTHER_ORIGIN)
    origin = request.headers.get("origin")
    if origin is not None and origin not in guard.origins:
        return deny(OTHER_ORIGIN)
    given = request.query_params.get("token")
    if given is not None:
        if not _same(given, guard.token):
            return deny(NO_TOKEN)
        if request.method == "GET":
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(
                guard.cookie_name, guard.token, httponly=True, samesite="strict", path="/"
            )
            return with_headers(response)
    elif not _same(request.cookies.get(guard.cookie_name), guard.token):
        return deny(NO_TOKEN)
    return with_headers(await call_next(request))


async def require_csrf(request: Request) -> None:
    """Dependency for every change: the page's CSRF token, as a header (htmx) or a form field."""
    if request.method in SAFE_METHODS:
        return
    guard: Guard = request.app.state.guard
    given = request.headers.get(CSRF_HEADER)
    if given is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not _same(given, guard.csrf):
        raise HTTPException(status_code=403, detail=BAD_CSRF)
