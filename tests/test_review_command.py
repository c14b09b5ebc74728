"""`scribe review`: prints its tokened 127.0.0.1 URL first, refuses bad sessions and busy ports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from scribe.store import SessionStore
from tests.test_web_support import make_session


def test_help_says_where_it_listens(cli):
    r = cli("review", "--help")
    assert r.code == 0
    assert "127.0.0.1" in r.out and "--no-browser" in r.out and "--port" in r.out


def test_unknown_session_is_refused_before_starting(cli):
    r = cli("review", "20990101-nope", "--no-browser")
    assert r.code == 2
    assert "There is no session" in r.err
    assert r.out == ""


def test_busy_port_is_one_plain_sentence(cli):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        r = cli("review", "--no-browser", "--port", str(port))
    assert r.code == 2
    assert f"Port {port} is already in use" in r.err and "Traceback" not in r.err


@pytest.mark.slow
def test_review_prints_its_url_first_and_serves_only_with_the_token(scribe_home):
    session = make_session(SessionStore.open())
    proc = subprocess.Popen(
        [sys.executable, "-m", "scribe", "review", session.id[:12], "--no-browser"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ},
    )
    try:
        first = proc.stdout.readline().strip()
        url = urlsplit(first)
        assert url.scheme == "http" and url.hostname == "127.0.0.1" and url.path == f"/s/{session.id}"
        token = parse_qs(url.query)["token"][0]
        assert len(token) >= 32
        base = f"http://127.0.0.1:{url.port}"
        assert httpx.get(f"{base}/s/{session.id}").status_code == 403
        with httpx.Client(follow_redirects=True) as browser:
            page = browser.get(first)
            assert page.status_code == 200 and str(page.url) == f"{base}/s/{session.id}"
            assert session.client in page.text
        # only the loopback address: the port is not open on any other local address
        other = _non_loopback_ip()
        if other:
            with pytest.raises(OSError):
                socket.create_connection((other, url.port), timeout=1).close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert token not in proc.stderr.read()  # no access log carrying the token


def _non_loopback_ip() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))  # no packet is sent for UDP connect
            ip = s.getsockname()[0]
        except OSError:
            return None
    return None if ip.startswith("127.") else ip
