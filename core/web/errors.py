"""Error answers: HTML pages in Bahasa Indonesia for people, JSON for the API."""

from __future__ import annotations

import errno
import logging
import os
from urllib.parse import quote

import asyncpg

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, NotFoundException, ValidationException
from litestar.exceptions.http_exceptions import RequestEntityTooLarge
from litestar.exceptions.responses import create_exception_response
from litestar.response import Redirect, Template

from core.web.access import AccountActionRequired, RealmLoginRequired

TITLES = {
    400: "Permintaan tidak sah",
    403: "Akses ditolak",
    404: "Halaman tidak ditemukan",
    405: "Metode tidak diizinkan",
    413: "Kiriman terlalu besar",
    500: "Terjadi kesalahan",
    503: "Layanan sedang tidak tersedia",
    507: "Ruang penyimpanan penuh",
}
log = logging.getLogger("balai.web")
DATABASE_AWAY = ("Basis data sedang tidak dapat dihubungi (mungkin sedang dimulai ulang). Tidak ada yang tersimpan "
                 "dari permintaan ini. Tunggu sebentar lalu coba lagi.")
RETRY_SECONDS = 5
STORAGE_FULL = ("Ruang penyimpanan di komputer server penuh, jadi permintaan ini tidak disimpan. Kosongkan ruang "
                "(atau hubungi pengelola), lalu coba lagi.")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "application/json" in request.headers.get("accept", "")


NOT_SITE = ("/admin", "/api", "/static")  # the office, the API and files keep the kernel's own error answers
PLAIN_500 = ("<!doctype html><html lang=\"id\"><meta charset=\"utf-8\"><title>Terjadi kesalahan</title>"
             "<h1>Terjadi kesalahan</h1><p>Maaf, halaman ini sedang bermasalah. Coba lagi sebentar lagi.</p></html>")


def _site_page(request: Request) -> bool:
    """A page of the public website: a public route's, or an unknown path outside the office, API and files."""
    path = request.url.path
    if any(path == prefix or path.startswith(prefix + "/") for prefix in NOT_SITE):
        return False
    handler = request.scope.get("route_handler")
    if handler is None:  # no route matched the path
        return True
    return bool(handler.opt.get("public")) and not handler.opt.get("bukan_halaman")


def _public_menu(request: Request) -> list:
    """The public menu from what this worker already holds (an error answer is built without awaiting)."""
    balai = request.app.state.balai
    enabled = request.scope.get("state", {}).get("enabled", balai.enabled.names)
    try:
        items = [i for _, i in balai.host.collect("balai_public_menu", only=enabled, request=request)]
        return sorted(items, key=lambda i: (i.order, i.label))
    except Exception:
        log.exception("menu publik gagal disusun untuk halaman galat")
        return []


def theme_error_page(request: Request, status: int) -> Response | None:
    """The active theme's ``tema/404.html`` or ``tema/500.html``; None when even that fails (logged)."""
    balai = request.app.state.balai
    context = {"nagari": balai.profile(), "menu_publik": _public_menu(request), "path": request.url.path,
               "kode": status, "judul": TITLES[status], "request": request}
    try:
        html = request.app.state.jinja.get_template(f"tema/{status}.html").render(context)
    except Exception:
        log.exception("halaman galat %s dari tema gagal ditampilkan", status)
        return None
    return Response(html, status_code=status, media_type=MediaType.HTML)


def not_authorized(request: Request, exc: NotAuthorizedException) -> Response:
    if _wants_json(request):
        return Response({"detail": exc.detail}, status_code=401, media_type=MediaType.JSON)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    login = exc.login_url if isinstance(exc, RealmLoginRequired) else "/masuk"
    return Redirect(f"{login}?next={quote(target)}")


def _log_refusal(request: Request) -> None:
    """A refused page is worth knowing about: queue it with the views (never blocks the answer)."""
    user = request.state.get("user")
    audit = getattr(request.app.state, "audit", None)
    if user and audit is not None:
        audit.enqueue({"pengguna_id": user["id"], "pengguna": user["username"], "aksi": "ditolak",
                       "objek_jenis": "halaman", "objek_id": request.url.path[:64],
                       "ip": request.client.host if request.client else ""})


BAD_REQUEST = "Alamat atau isian tidak sah. Periksa lalu coba lagi."
TOO_LARGE = ("Kiriman terlalu besar atau isiannya terlalu banyak. Kecilkan berkasnya (lihat batas ukuran "
             "di formulir) lalu coba lagi.")


def _path_problem(exc: HTTPException) -> bool:
    """A path parameter out of its bounds (an id past 2^31-1, a negative id): the path names no page."""
    extra = exc.extra if isinstance(exc.extra, list) else []
    return isinstance(exc, ValidationException) and any(
        isinstance(e, dict) and e.get("source") == "path" for e in extra)


def http_error(request: Request, exc: HTTPException) -> Response:
    if _path_problem(exc):
        exc = NotFoundException()
    elif exc.status_code == 400 and exc.detail == RequestEntityTooLarge.detail:  # too many multipart parts
        exc = RequestEntityTooLarge()
    status = exc.status_code
    if status == 403:
        _log_refusal(request)
    if status in (404, 500) and not _wants_json(request) and _site_page(request):
        if (themed := theme_error_page(request, status)) is not None:
            return themed
    if _wants_json(request) or status not in TITLES:
        return Response({"status_code": status, "detail": exc.detail, **({"extra": exc.extra} if exc.extra else {})},
                        status_code=status, media_type=MediaType.JSON)
    detail = exc.detail if status == 403 else {400: BAD_REQUEST, 413: TOO_LARGE}.get(status, "")
    if "CSRF" in detail:
        detail = "Formulir ini kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi."
    return Template("core/galat.html", status_code=status,
                    context={"kode": status, "judul": TITLES[status], "detail": detail})


def account_action_required(request: Request, exc: AccountActionRequired) -> Response:
    if _wants_json(request):
        return Response({"detail": exc.detail}, status_code=403, media_type=MediaType.JSON)
    return Redirect(exc.target)


def _from_database_driver(exc: BaseException) -> bool:
    """Whether an OS-level error came up through asyncpg (a socket to PostgreSQL), not from Balai's own files."""
    tb = exc.__traceback__
    while tb is not None:
        if f"{os.sep}asyncpg{os.sep}" in tb.tb_frame.f_code.co_filename:
            return True
        tb = tb.tb_next
    return False


def os_error(request: Request, exc: OSError) -> Response:
    """A socket error on the way to PostgreSQL is the database away (503); a full disk says so (507)."""
    if _from_database_driver(exc):
        return database_away(request, exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        log.error("ruang penyimpanan penuh: %s", exc)
        status, detail = 507, STORAGE_FULL
    else:
        log.error("kesalahan di server", exc_info=exc)
        status, detail = 500, ""
    if _wants_json(request):
        return Response({"status_code": status, "detail": detail or TITLES[status]}, status_code=status,
                        media_type=MediaType.JSON)
    if status == 500 and _site_page(request) and (themed := theme_error_page(request, 500)) is not None:
        return themed
    return Template("core/galat.html", status_code=status,
                    context={"kode": status, "judul": TITLES[status], "detail": detail})


def database_away(request: Request, exc: Exception) -> Response:
    """PostgreSQL restarting or unreachable: a plain 503 page (the request's transaction rolled back), not a 500.

    The connection pool replaces broken connections by itself, so the next request after the database is back
    works without restarting Balai."""
    # InternalClientError ("cannot switch to state ...") is a pooled connection that got the server's "terminating
    # connection" while idle and was used before its end was seen; an InterfaceError that names no closed or
    # released connection is a bug, not an outage.
    if isinstance(exc, asyncpg.InterfaceError) and not any(
            sign in str(exc) for sign in ("closed", "released back to the pool")):
        log.error("kesalahan di server", exc_info=exc)
        status, detail = 500, ""
    else:
        log.warning("basis data tidak dapat dihubungi: %s: %s", type(exc).__name__, exc)
        status, detail = 503, DATABASE_AWAY
    headers = {"Retry-After": str(RETRY_SECONDS)} if status == 503 else {}
    if _wants_json(request):
        return Response({"status_code": status, "detail": detail or TITLES[status]}, status_code=status,
                        media_type=MediaType.JSON, headers=headers)
    return Template("core/galat.html", status_code=status, headers=headers,
                    context={"kode": status, "judul": TITLES[status], "detail": detail})


def server_error(request: Request, exc: Exception) -> Response:
    """Any other failure: logged; a public page answers the theme's 500 page (no trace), the rest as before."""
    log.error("kesalahan di server: %s %s", request.method, request.url.path, exc_info=exc)
    if not _wants_json(request) and _site_page(request):
        return theme_error_page(request, 500) or Response(PLAIN_500, status_code=500, media_type=MediaType.HTML)
    return create_exception_response(request, exc)


HANDLERS = {NotAuthorizedException: not_authorized, AccountActionRequired: account_action_required, HTTPException: http_error,
            asyncpg.PostgresConnectionError: database_away, asyncpg.exceptions.OperatorInterventionError: database_away,
            asyncpg.InterfaceError: database_away, asyncpg.exceptions.InternalClientError: database_away,
            OSError: os_error, Exception: server_error}
