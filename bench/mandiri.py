"""Self-service figures: a resident's pages at 20,000 residents, and a burst of wrong PINs from one address.

Client-side, against the running demo server. The office gives a resident a PIN through
the counter form, the resident logs in, changes it and saves a request, as on a phone.
The burst sends 100 wrong PINs from one address while an officer keeps opening the
dashboard from the same address: the burst must be slowed, the officer must not be.
"""

from __future__ import annotations

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


def _office_times(port: int, cookies: dict, until: threading.Event | None, count: int) -> list[float]:
    times = []
    while (until is not None and not until.is_set()) or (until is None and len(times) < count):
        status, _, _, elapsed = request(port, "GET", "/admin", headers={"Cookie": _header(cookies)})
        if status != 200:
            raise BenchError(f"/admin answered {status}")
        times.append(elapsed * 1000)
    return times


def measure_pin_burst(server: Server, progress) -> list[Figure]:
    office = login_cookies(server.port)
    rest = _office_times(server.port, office, None, 60)
    answers, lock, done = [], threading.Lock(), threading.Event()

    def attacker(share: int):
        stranger = {CSRF_COOKIE: office[CSRF_COOKIE]}
        for n in range(share):
            status, _, _ = _form(server.port, stranger, "/warga/masuk", {"nik": "1307052001990001",
                                                                           "pin": f"{n:06d}"})
            with lock:
                answers.append(status)

    during: list[float] = []
    watcher = threading.Thread(target=lambda: during.extend(_office_times(server.port, office, done, 0)))
    watcher.start()
    began = time.perf_counter()
    threads = [threading.Thread(target=attacker, args=(BURST // BURST_THREADS,)) for _ in range(BURST_THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    burst_seconds = time.perf_counter() - began
    done.set()
    watcher.join()
    slowed = Figure("pin_burst_throttled", f"{BURST} wrong PINs from one address: answered 'wait' without a PIN check",
                    "%", True, target=95)
    slowed.samples.append(100 * answers.count(429) / len(answers))
    slowed.details.update(answers={str(s): answers.count(s) for s in set(answers)}, seconds=round(burst_seconds, 2))
    office_fig = Figure("pin_burst_office_ms", "office dashboard from the same address during the burst", "ms", False,
                        target=30, spread_kind="iqr")  # the dashboard's own target (BENCHMARKS.md)
    office_fig.samples.extend(during)
    office_fig.details.update(at_rest_median_ms=round(statistics.median(rest), 2), requests_during=len(during))
    ratio = Figure("pin_burst_office_ratio", "office dashboard during the burst / at rest (medians)", "x", False,
                   target=None)
    ratio.samples.append(statistics.median(during) / statistics.median(rest) if during else float("nan"))
    progress(f"PIN burst: {slowed.value:.0f} % answered 'wait'; office {statistics.median(during):.1f} ms during, "
             f"{statistics.median(rest):.1f} ms at rest")
    return [slowed, office_fig, ratio]
