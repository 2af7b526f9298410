"""Fallback load generator when wrk is missing: N keep-alive connections on one event loop, run as its own process.

    python -m bench.pyload --url http://127.0.0.1:8000/ --connections 8 --seconds 10 [--header 'Cookie: a=b']

Prints one JSON object. It speaks just enough HTTP/1.1 (Content-Length and chunked bodies) and reuses one
prepared request, so that it stays well below the request rate of the single Python worker it measures; the
suite prints its CPU use beside each figure so you can see whether it was the bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from urllib.parse import urlsplit


async def _read_body(reader: asyncio.StreamReader, head: bytes) -> bool:
    """Consume the body; return True when the server will close the connection."""
    length, chunked, close = None, False, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"connection":
            close = b"close" in value.lower()
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        close = True
    return close


async def _connection(host: str, port: int, request: bytes, deadline: float, stats: dict) -> None:
    reader = writer = None
    latencies = stats["latencies"]
    while time.perf_counter() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            began = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            close = await _read_body(reader, head)
            latencies.append(time.perf_counter() - began)
            stats["requests"] += 1
            if not 200 <= status <= 299:
                stats["non2xx"] += 1
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            stats["socket_errors"] += 1
            close = True
        if close and writer is not None:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _main(url: str, connections: int, seconds: float, headers: list[str]) -> dict:
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    lines = [f"GET {target} HTTP/1.1", f"Host: {parts.netloc}", "Connection: keep-alive", *headers]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode()
    stats = {"requests": 0, "non2xx": 0, "socket_errors": 0, "latencies": []}
    began = time.perf_counter()
    deadline = began + seconds
    await asyncio.gather(*(_connection(parts.hostname, parts.port or 80, request, deadline, stats)
                           for _ in range(connections)))
    elapsed = time.perf_counter() - began
    latencies = sorted(stats.pop("latencies")) or [0.0]
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return {**stats, "seconds": elapsed, "p50_ms": pick(0.5), "p99_ms": pick(0.99)}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.pyload")
    parser.add_argument("--url", required=True)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--header", action="append", default=[])
    args = parser.parse_args()
    try:
        import uvloop
        loop_name, runner = "uvloop", uvloop.run
    except ImportError:
        loop_name, runner = "asyncio", asyncio.run
    result = runner(_main(args.url, args.connections, args.seconds, args.header))
    print(json.dumps({**result, "event_loop": loop_name}))


if __name__ == "__main__":
    main()
