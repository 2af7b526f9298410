"""Self-service figures: a resident's pages at 20,000 residents, and a burst of wrong PINs from one address.

Client-side, against the running demo server. The office gives a resident a PIN through
the counter form, the resident logs in, changes it and saves a request, as on a phone.
The burst sends 100 wrong PINs from one address while an officer keeps opening the
dashboard from the same address: the burst must be slowed, the officer must not be.
"""

from __future__ import annotations

import multiprocessing
import re
import statistics
import threading
import time
from urllib.parse import urlencode

from bench.client import CSRF_COOKIE, BenchError, _cookies, login_cookies, request
from bench.report import Figure
from bench.server import Server

RESIDENT_COOKIE = "balai_warga"
NEW_PIN = "480317"
BURST = 100
BURST_THREADS = 4


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 200), (220, 220, 200)).save(out, "PNG")
    return out.getvalue()


def _header(cookies: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _form(port: int, cookies: dict, path: str, fields: dict) -> tuple[int, object, bytes]:
    body = urlencode(fields).encode()
    status, headers, payload, _ = request(port, "POST", path, body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "x-csrftoken": cookies[CSRF_COOKIE],
        "Cookie": _header(cookies)})
    return status, headers, payload


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = "balaibench7f3a"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: image/png\r\n\r\n".encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def resident_session(port: int, office: dict) -> dict:
    """Give the first resident on the list a PIN at the counter; log in and change it. Returns the resident's cookies."""
    status, _, page, _ = request(port, "GET", "/admin/penduduk", headers={"Cookie": _header(office)})
    found = re.search(rb'href="/admin/penduduk/(\d+)"', page)
    if status != 200 or not found:
        raise BenchError(f"/admin/penduduk answered {status}")
    resident_id = int(found.group(1))
    status, _, page, _ = request(port, "GET", f"/admin/penduduk/{resident_id}", headers={"Cookie": _header(office)})
    nik = re.search(rb"NIK (\d{16})", page).group(1).decode()
    status, _, page = _form(port, office, f"/admin/penduduk/{resident_id}/pin", {})
    pin = re.search(rb'id="pin-baru">(\d{6})<', page)
    if status != 200 or not pin:
        raise BenchError(f"issuing a PIN answered {status}")
    phone = {CSRF_COOKIE: office[CSRF_COOKIE]}
    status, headers, _ = _form(port, phone, "/warga/masuk", {"nik": nik, "pin": pin.group(1).decode()})
    phone.update(_cookies(headers))
    status, headers, _ = _form(port, phone, "/warga/pin", {"pin_lama": pin.group(1).decode(), "pin_baru": NEW_PIN,
                                                          "pin_ulang": NEW_PIN})
    phone.update(_cookies(headers))
    if status not in (302, 303) or RESIDENT_COOKIE not in phone:
        raise BenchError(f"the resident's PIN change answered {status}")
    body, kind = _multipart({"_csrf_token": phone[CSRF_COOKIE], "aksi": "simpan", "keperluan": "Pinjaman usaha",
                             "isian_nama_usaha": "Kedai"}, {"syarat_1": ("ktp.png", _png())})
    status, headers, _, _ = request(port, "POST", "/warga/surat/ajukan/usaha", body=body,
                                    headers={"Content-Type": kind, "Cookie": _header(phone)})
    if status not in (302, 303):
        raise BenchError(f"saving a request answered {status}")
    phone["_permohonan"] = headers["Location"]
    return phone


def measure_pages(server: Server, runs: int, progress) -> list[Figure]:
    office = login_cookies(server.port)
    phone = resident_session(server.port, office)
    pages = {"warga_beranda_ms": ("/warga", "resident: home"),
             "warga_surat_ms": ("/warga/surat", "resident: letters and own requests"),
             "warga_form_ms": ("/warga/surat/ajukan/usaha", "resident: request form"),
             "warga_status_ms": (phone.pop("_permohonan"), "resident: one request with files and history")}
    cookie = {"Cookie": _header(phone)}
    figures = []
    for key, (path, label) in pages.items():
        fig = Figure(key, label, "ms", False, target=50, spread_kind="iqr")
        for _ in range(3):
            request(server.port, "GET", path, headers=cookie)
        for _ in range(runs):
            status, _, _, elapsed = request(server.port, "GET", path, headers=cookie)
            if status != 200:
                fig.error = f"{path} answered {status}"
                break
            fig.samples.append(elapsed * 1000)
        progress(f"{label}: median {fig.value or 0:.1f} ms")
        figures.append(fig)
    return figures


def _office_times(port: int, cookies: dict, until: threading.Event | None, count: int) -> list[tuple[float, float]]:
    """(finished at, milliseconds) of dashboard requests, until `until` is set or `count` are done."""
    times = []
    while (until is not None and not until.is_set()) or (until is None and len(times) < count):
        status, _, _, elapsed = request(port, "GET", "/admin", headers={"Cookie": _header(cookies)})
        if status != 200:
            raise BenchError(f"/admin answered {status}")
        times.append((time.perf_counter(), elapsed * 1000))
    return times


def _attack(port: int, csrf: str, count: int) -> tuple[list[int], float | None]:
    """Send `count` wrong PINs one after another; (statuses, seconds until the first 'wait' answer)."""
    began, first_refusal, answers = time.perf_counter(), None, []
    stranger = {CSRF_COOKIE: csrf}
    for n in range(count):
        status, _, _ = _form(port, stranger, "/warga/masuk", {"nik": "1307052001990001", "pin": f"{n:06d}"})
        answers.append(status)
        if status == 429 and first_refusal is None:
            first_refusal = time.perf_counter() - began
    return answers, first_refusal


def measure_pin_burst(server: Server, progress) -> list[Figure]:
    """100 wrong PINs from one address while an officer on that address keeps opening the dashboard.

    The first attempts are real argon2 checks (as any login); the rest are refused with a wait.
    The officer's times are split at the moment the refusals began.
    """
    office = login_cookies(server.port)
    rest = [ms for _, ms in _office_times(server.port, office, None, 60)]
    done = threading.Event()
    during: list[tuple[float, float]] = []
    watcher = threading.Thread(target=lambda: during.extend(_office_times(server.port, office, done, 0)))
    watcher.start()
    # The attacker is another process: in this one it would hold the GIL and delay the officer's timer, not the server.
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        began = time.perf_counter()
        answers, refused_after = pool.apply(_attack, (server.port, office[CSRF_COOKIE], BURST))
        burst_seconds = time.perf_counter() - began
    done.set()
    watcher.join()
    refusing_since = [began + refused_after] if refused_after is not None else []
    slowed = Figure("pin_burst_throttled", f"{BURST} wrong PINs from one address: answered 'wait' without a PIN check",
                    "%", True, target=95)
    slowed.samples.append(100 * answers.count(429) / len(answers))
    slowed.details.update(answers={str(s): answers.count(s) for s in set(answers)}, seconds=round(burst_seconds, 2))
    cut = refusing_since[0] if refusing_since else float("inf")
    checking = [ms for at, ms in during if at < cut]
    refusing = [ms for at, ms in during if at >= cut]
    office_fig = Figure("pin_burst_office_ms", "office dashboard, same address, while the burst is refused", "ms",
                        False, target=30, spread_kind="iqr")  # the dashboard's own target (BENCHMARKS.md)
    office_fig.samples.extend(refusing)
    at_rest = statistics.median(rest)
    office_fig.details.update(at_rest_median_ms=round(at_rest, 2), requests=len(refusing))
    first = Figure("pin_burst_office_check_ms", "office dashboard during the 3 real PIN checks (argon2)", "ms", False,
                   target=None, spread_kind="iqr")
    first.samples.extend(checking)
    progress(f"PIN burst: {slowed.value:.0f} % answered 'wait' in {burst_seconds:.2f} s; office at rest "
             f"{at_rest:.1f} ms, during the checks {first.value or 0:.1f} ms, while refused {office_fig.value or 0:.1f} ms")
    return [slowed, first, office_fig]
