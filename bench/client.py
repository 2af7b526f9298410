"""Plain HTTP from the benchmark process: logging in, and single timed requests like `curl -w %{time_total}`."""

from __future__ import annotations

import http.client
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench.server import HOST

SESSION_COOKIE = "balai_sesi"
CSRF_COOKIE = "balai_csrf"
DEMO_LOGIN = ("admin", "demo-balai")


class BenchError(RuntimeError):
    """A measurement could not be taken (login failed, a page did not answer 200, ...)."""


def request(port: int, method: str, path: str, headers: dict | None = None,
            body: bytes | None = None) -> tuple[int, http.client.HTTPMessage, bytes, float]:
    """One request on a fresh connection, timed from connect until the last body byte (as curl's time_total)."""
    began = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        payload = response.read()
        elapsed = time.perf_counter() - began
        return response.status, response.headers, payload, elapsed
    finally:
        conn.close()


def _cookies(headers: http.client.HTTPMessage) -> dict[str, str]:
    jar = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def login(port: int, username: str = DEMO_LOGIN[0], password: str = DEMO_LOGIN[1]) -> str:
    """Log in through the real form (CSRF cookie + header) and return the session cookie's value."""
    return login_cookies(port, username, password)[SESSION_COOKIE]


def login_cookies(port: int, username: str = DEMO_LOGIN[0], password: str = DEMO_LOGIN[1]) -> dict[str, str]:
    """Log in and return every cookie (session and CSRF), for clients that also post forms."""
    status, headers, _, _ = request(port, "GET", "/masuk")
    cookies = _cookies(headers)
    if status != 200 or CSRF_COOKIE not in cookies:
        raise BenchError(f"GET /masuk answered {status} without a {CSRF_COOKIE} cookie")
    body = urlencode({"username": username, "password": password}).encode()
    status, headers, _, _ = request(port, "POST", "/masuk", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "x-csrftoken": cookies[CSRF_COOKIE],
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
    })
    cookies.update(_cookies(headers))
    if status not in (301, 302, 303) or SESSION_COOKIE not in cookies:
        raise BenchError(f"POST /masuk answered {status} (expected a redirect and a {SESSION_COOKIE} cookie)")
    status, _, _, _ = request(port, "GET", "/admin", headers=session_header(cookies[SESSION_COOKIE]))
    if status != 200:
        raise BenchError(f"GET /admin after logging in answered {status}, not 200")
    return cookies


def session_header(session: str | None) -> dict[str, str]:
    return {"Cookie": f"{SESSION_COOKIE}={session}"} if session else {}


def timed_get(port: int, path: str, session: str | None = None) -> float:
    status, _, _, elapsed = request(port, "GET", path, headers=session_header(session))
    if status != 200:
        raise BenchError(f"GET {path} answered {status}, not 200")
    return elapsed
