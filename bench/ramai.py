"""The crowd: operators and anonymous visitors at once, as its own process (the server keeps the other core).

    python -m bench.ramai --port P --seconds 120 --visitors 200 --operators operators.json

`operators.json` holds one {"cookies": {...}, "residents": [ids]} per logged-in operator. Each operator
walks the resident list, opens a resident, searches, and now and then issues a letter (a write that must
survive: its id is reported so the caller can find it in the database afterwards). Each visitor reads
the public pages. Both pause between steps like a person does (jittered think time), so 250 users are 250
users and not 250 request loops. Prints one JSON object: per class the requests, failures and latency
percentiles, the ids of the letters the server said it issued, and this process's own CPU use.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import time
from urllib.parse import urlencode

PUBLIC = ("/", "/health", "/surat/kunci-publik", "/masuk")
LETTER = "/admin/surat/buat/domisili"


class Connection:
    """One keep-alive HTTP/1.1 connection that answers (status, headers, body)."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def send(self, method: str, path: str, headers: dict, body: bytes = b"") -> tuple[int, dict, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "Connection: keep-alive",
                 *(f"{k}: {v}" for k, v in headers.items())]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        fields = {}
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        if fields.get("transfer-encoding", "").lower() == "chunked":
            payload = bytearray()
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                payload += (await self.reader.readexactly(size + 2))[:-2]
                if size == 0:
                    break
            data = bytes(payload)
        else:
            data = await self.reader.readexactly(int(fields.get("content-length", 0)))
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, fields, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Tally:
    def __init__(self):
        self.latencies: list[float] = []
        self.failures: list[str] = []

    async def timed(self, conn: Connection, method: str, path: str, headers: dict, body: bytes = b"",
                    ok=(200,)) -> tuple[int, dict, bytes] | None:
        began = time.perf_counter()
        try:
            status, fields, data = await conn.send(method, path, headers, body)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            conn.close()
            self.failures.append(f"{method} {path}: {type(exc).__name__}")
            return None
        self.latencies.append(time.perf_counter() - began)
        if status not in ok:
            self.failures.append(f"{method} {path}: HTTP {status}")
            return None
        return status, fields, data

    def summary(self) -> dict:
        ordered = sorted(self.latencies) or [0.0]
        pick = lambda q: round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)  # noqa: E731
        return {"requests": len(self.latencies) + sum("HTTP" not in f for f in self.failures),
                "failures": len(self.failures), "examples": sorted(set(self.failures))[:5],
                "p50_ms": pick(0.5), "p95_ms": pick(0.95), "p99_ms": pick(0.99)}


async def think(mean: float) -> None:
    await asyncio.sleep(random.uniform(0.5 * mean, 1.5 * mean))


async def visitor(port: int, deadline: float, tally: Tally, pause: float) -> None:
    conn = Connection(port)
    await think(pause)  # arrive spread out, not as one wave
    while time.monotonic() < deadline:
        await tally.timed(conn, "GET", random.choice(PUBLIC), {})
        await think(pause)
    conn.close()


async def operator(port: int, deadline: float, me: dict, tally: Tally, letters: list[int], pause: float,
                   letter_every: int) -> None:
    conn = Connection(port)
    cookie = "; ".join(f"{k}={v}" for k, v in me["cookies"].items())
    headers = {"Cookie": cookie}
    form = {**headers, "Content-Type": "application/x-www-form-urlencoded", "x-csrftoken": me["cookies"]["balai_csrf"]}
    step = 0
    await think(pause)
    while time.monotonic() < deadline:
        resident = random.choice(me["residents"])
        step += 1
        if step % letter_every == 0:
            body = urlencode({"penduduk_id": resident, "keperluan": "Uji beban", "penandatangan": 1,
                              "isian_sejak": "tahun 2015"}).encode()
            answer = await tally.timed(conn, "POST", LETTER, form, body, ok=(302, 303))
            if answer is not None:
                letters.append(int(answer[1]["location"].rstrip("/").rsplit("/", 1)[-1]))
        else:
            path = random.choice(("/admin/penduduk", f"/admin/penduduk/{resident}", "/admin/penduduk?q=siti",
                                  "/admin", "/admin/surat"))
            await tally.timed(conn, "GET", path, headers)
        await think(pause)
    conn.close()


async def crowd(port: int, seconds: float, visitors: int, operators: list[dict], pause: float,
                letter_every: int) -> dict:
    deadline = time.monotonic() + seconds
    anonymous, staff, letters = Tally(), Tally(), []
    await asyncio.gather(*(visitor(port, deadline, anonymous, pause) for _ in range(visitors)),
                         *(operator(port, deadline, me, staff, letters, pause, letter_every) for me in operators))
    return {"anonim": anonymous.summary(), "operator": staff.summary(), "surat": letters}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ramai")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--visitors", type=int, default=200)
    parser.add_argument("--operators", required=True, help="JSON file: [{cookies, residents}, ...]")
    parser.add_argument("--pause", type=float, default=1.0, help="mean think time between a user's steps (s)")
    parser.add_argument("--letter-every", type=int, default=8, help="an operator issues a letter every N steps")
    args = parser.parse_args()
    with open(args.operators) as handle:
        operators = json.load(handle)
    began_cpu = resource.getrusage(resource.RUSAGE_SELF)
    began = time.perf_counter()
    result = asyncio.run(crowd(args.port, args.seconds, args.visitors, operators, args.pause, args.letter_every))
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (used.ru_utime - began_cpu.ru_utime) + (used.ru_stime - began_cpu.ru_stime)
    result["generator_cpu_pct"] = round(100 * cpu / (time.perf_counter() - began), 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
