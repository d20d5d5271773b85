"""Load generators: wrk (C, pinned to the client core) for throughput and latency sweeps, and a
raw keep-alive HTTP/1.1 client on asyncio/uvloop for what wrk cannot do (batch loading at max
speed, read-after-write probes, a paced background writer).

The asyncio client speaks just enough HTTP/1.1 for these servers (Content-Length bodies,
keep-alive), so its own cost per request is a few microseconds, not httpx's ~100.

    python -m bench.load write URL --rate 5000 --batch 50 --seconds 10 --prefix bg
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench import services, workload

LUA = Path(__file__).with_name("wrk_post.lua")
_WRKJSON = re.compile(r"^WRKJSON (\{.*\})$", re.M)


# -- wrk -----------------------------------------------------------------------------------
def wrk(url: str, *, mode: str, lines: list[str], prefix: str, workdir: Path, connections: int,
        seconds: float, batch: int = 1, threads: int = 1, core: str | None = services.CLIENT_CORE) -> dict:
    """Run wrk against `url`; → {requests, rps, latency percentiles in ms, errors}."""
    data = workdir / f"wrk-{mode}-{prefix}.txt"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = ["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
            "--latency", "--timeout", "10s", "-s", str(LUA), url, "--", mode, str(data), prefix, str(batch)]
    out = subprocess.run(services.pinned(argv, core), capture_output=True, text=True, check=True).stdout
    match = _WRKJSON.search(out)
    if match is None:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    raw = json.loads(match.group(1))
    secs = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    return {"connections": connections, "requests": raw["requests"], "seconds": round(secs, 2),
            "rps": raw["requests"] / secs, "errors": errors, "status_errors": raw["status_errors"],
            "p50_ms": raw["percentiles_us"]["50"] / 1000, "p90_ms": raw["percentiles_us"]["90"] / 1000,
            "p99_ms": raw["percentiles_us"]["99"] / 1000, "p999_ms": raw["percentiles_us"]["99.9"] / 1000,
            "max_ms": raw["latency_max_us"] / 1000}


# -- the raw asyncio client ---------------------------------------------------------------
class HttpConn:
    """One keep-alive HTTP/1.1 connection; `request()` → (status, body)."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self._r: asyncio.StreamReader | None = None
        self._w: asyncio.StreamWriter | None = None

    async def connect(self) -> HttpConn:
        self._r, self._w = await asyncio.open_connection(self.host, self.port)
        return self

    async def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self._w.write(head.encode() + b"\r\n" + (body or b""))
        raw = await self._r.readuntil(b"\r\n\r\n")
        status = int(raw[9:12])
        length = 0
        for line in raw.split(b"\r\n")[1:]:
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        return status, await self._r.readexactly(length) if length else b""

    async def close(self) -> None:
        if self._w is not None:
            self._w.close()
            try:
                await self._w.wait_closed()
            except OSError:
                pass


def run(coro):
    """Run on uvloop (as the services do) when it is installed."""
    try:
        import uvloop

        return uvloop.run(coro)
    except ImportError:
        return asyncio.run(coro)


async def post_batches(url: str, filler: workload.Filler, total: int, batch: int, connections: int) -> dict:
    """POST `total` events in batches over `connections` keep-alive connections, at max speed."""
    todo = [min(batch, total - i) for i in range(0, total, batch)]
    latencies: list[float] = []

    async def worker() -> None:
        conn = await HttpConn(url).connect()
        try:
            while todo:
                body = filler.batch(todo.pop())
                t0 = time.perf_counter()
                status, out = await conn.request("POST", "/v1/events/batch", body)
                latencies.append(time.perf_counter() - t0)
                if status != 201:
                    raise RuntimeError(f"batch POST answered {status}: {out[:300]!r}")
        finally:
            await conn.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    secs = time.perf_counter() - t0
    return {"events": total, "seconds": round(secs, 2), "events_per_second": total / secs,
            "requests": len(latencies), "latencies_s": latencies}


async def visibility(ingest_url: str, query_url: str, filler: workload.Filler, samples: int) -> dict:
    """Append one event, then read it from the query service with min_position = its position.

    `visible_s`: from the 201 arriving to the query service answering 200 (what a client waits
    for read-your-writes); `roundtrip_s`: POST sent → read answered.
    """
    w, r = await HttpConn(ingest_url).connect(), await HttpConn(query_url).connect()
    visible, roundtrip = [], []
    try:
        for _ in range(samples):
            body = filler.one()
            t0 = time.perf_counter()
            status, out = await w.request("POST", "/v1/events", body)
            t1 = time.perf_counter()
            if status != 201:
                raise RuntimeError(f"POST answered {status}: {out[:300]!r}")
            receipt = json.loads(out)
            status, out = await r.request("GET", f"/v1/events/{receipt['id']}?min_position={receipt['position']}")
            t2 = time.perf_counter()
            if status != 200:
                raise RuntimeError(f"read-after-write answered {status}: {out[:300]!r}")
            visible.append(t2 - t1)
            roundtrip.append(t2 - t0)
            await asyncio.sleep(0.002)  # a client's think time: do not measure a closed loop only
    finally:
        await w.close()
        await r.close()
    return {"visible_s": visible, "roundtrip_s": roundtrip}


async def paced_writer(url: str, rate: float, batch: int, seconds: float, prefix: str) -> dict:
    """Write `rate` events/s as batches of `batch` on one connection, on a fixed schedule."""
    filler = workload.Filler(prefix)
    conn = await HttpConn(url).connect()
    interval, sent, late = batch / rate, 0, 0
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        while (now := loop.time()) - start < seconds:
            due = start + (sent // batch) * interval
            if due > now:
                await asyncio.sleep(due - now)
            elif now - due > interval:
                late += 1
            status, out = await conn.request("POST", "/v1/events/batch", filler.batch(batch))
            if status != 201:
                raise RuntimeError(f"background batch answered {status}: {out[:300]!r}")
            sent += batch
    finally:
        await conn.close()
    elapsed = loop.time() - start
    return {"events": sent, "seconds": round(elapsed, 2), "events_per_second": sent / elapsed, "late_batches": late}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.load")
    sub = p.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write", help="a paced background writer (batches)")
    w.add_argument("url")
    w.add_argument("--rate", type=float, default=5000)
    w.add_argument("--batch", type=int, default=50)
    w.add_argument("--seconds", type=float, default=10)
    w.add_argument("--prefix", default="bg")
    args = p.parse_args(argv)
    print(json.dumps(run(paced_writer(args.url, args.rate, args.batch, args.seconds, args.prefix))), flush=True)


if __name__ == "__main__":
    main()
