#!/usr/bin/env python3
"""WebSocket fan-out of the embedded system (issue 3, "Benchmarks").

Starts `aitrader run` on a temporary data directory and a free loopback port (or uses --url),
connects --clients WebSocket clients to /ws spread over --processes client processes, subscribes
each to `signal` events only ({"subscribe":["signal"]}, acknowledged before measuring), and records
for --duration seconds the wall time (CLOCK_REALTIME, the clock the server stamps with) at which
each client's receive loop got each signal.

What it reports, per signal published inside the window and per client:
  * delivery = client receive time - the signal's `published_at` (the server's wall-clock time when
    it built the event, just before handing it to the EventHub). It covers JSON encoding of the
    event, the hub fan-out, each connection's filter and WebSocket write, the kernel's loopback,
    and the client's own queueing: a client process serves its share of the clients one message
    at a time, so with 1,000 clients on 2 cores the client side is part of the figure. Run with
    --clients 1 for the floor of the path.
  * last-client delivery: per signal, the delivery to the slowest client (when all had it).
  * skew = receive time - the first client's receive time of the same signal (needs no server
    stamp; used alone if the server sends no `published_at`).
Deliveries that never arrive (a client closed as too slow, 1008) are counted, not hidden.

  python3 scripts/bench_ws_fanout.py                      # 1,000 clients, 20 s, --tick-rate 50
  python3 scripts/bench_ws_fanout.py --clients 1 --processes 1

`websockets` (PyPI) is installed into .venv-bench on first use; the script re-executes itself there.
"""
import argparse
import calendar
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

WEBSOCKETS_REQUIREMENT = "websockets==17.4"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv-bench")


def ensure_websockets():
    try:
        import websockets  # noqa: F401
    except ImportError:
        python = os.path.join(VENV, "bin", "python")
        if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
            raise
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", WEBSOCKETS_REQUIREMENT], check=True)
        os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])


def iso_to_ns(text):
    """'2026-01-05T14:00:00.0000015Z' -> nanoseconds since the epoch."""
    whole, _, fraction = text.rstrip("Z").partition(".")
    seconds = calendar.timegm(time.strptime(whole, "%Y-%m-%dT%H:%M:%S"))
    return seconds * 1_000_000_000 + int((fraction + "000000000")[:9])


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[rank]


def summary(label, values_ns):
    values = sorted(values_ns)
    if not values:
        return f"{label}: no samples"
    ms = lambda ns: f"{ns / 1e6:.3f}"
    return (f"{label} (ms, n={len(values)}): p50 {ms(percentile(values, 50))}  p90 {ms(percentile(values, 90))}  "
            f"p99 {ms(percentile(values, 99))}  p99.9 {ms(percentile(values, 99.9))}  max {ms(values[-1])}")


# ---------------------------------------------------------------- client processes

def client_process(index, url, clients, ready, deadline_queue, results):
    import asyncio
    asyncio.run(run_clients(index, url, clients, ready, deadline_queue, results))


async def run_clients(index, url, clients, ready, deadline_queue, results):
    import asyncio
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    records = []  # (client, receive ns, raw message)
    closes = {}
    opening = asyncio.Semaphore(32)

    async def open_client():
        async with opening:
            ws = await connect(url, compression=None, ping_interval=None, open_timeout=30, max_queue=None)
            await ws.send('{"subscribe":["signal"]}')
            async with asyncio.timeout(30):
                while '"subscribed"' not in await ws.recv():
                    pass
            return ws

    async def read(client, ws):
        try:
            while True:
                message = await ws.recv()
                records.append((client, time.time_ns(), message))
        except ConnectionClosed as closed:
            closes[client] = closed.rcvd.code if closed.rcvd else None

    sockets = await asyncio.gather(*(open_client() for _ in range(clients)))
    readers = [asyncio.create_task(read(client, ws)) for client, ws in enumerate(sockets)]
    ready.put(index)
    cpu_start = time.process_time()
    deadline = await asyncio.get_running_loop().run_in_executor(None, deadline_queue.get)
    await asyncio.sleep(max(0.0, deadline - time.time()))
    cpu_seconds = time.process_time() - cpu_start
    for reader in readers:
        reader.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    try:
        async with asyncio.timeout(10):
            await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    except TimeoutError:
        pass
    deliveries = []
    for client, received, message in records:
        event = json.loads(message)
        if event.get("type") != "signal":
            continue
        payload = event["payload"]
        published = payload.get("published_at")
        deliveries.append((index * 1_000_000 + client, received, payload["id"],
                           iso_to_ns(published) if published else None))
    results.put((index, deliveries, closes, cpu_seconds))


# ---------------------------------------------------------------- server

class Server:
    def __init__(self, binary, tick_rate):
        self.data = tempfile.mkdtemp(prefix="aitrader-wsbench-")
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.log = open(os.path.join(self.data, "server.log"), "w")
        env = dict(os.environ, AITRADER_LOG_LEVEL=os.environ.get("AITRADER_LOG_LEVEL", "warning"))
        self.process = subprocess.Popen(
            [binary, "run", "--host", "127.0.0.1", "--port", str(self.port), "--data-dir", self.data,
             "--tick-rate", str(tick_rate)], stdout=self.log, stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{self.port}/api/signals?limit=1"
        for _ in range(600):  # at most 60 s until the first signal is served
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited early; see {self.data}/server.log")
            try:
                with urllib.request.urlopen(url, timeout=1) as response:
                    if b'"items":[{' in response.read():
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("no signal served within 60 s")

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        subprocess.run(["rm", "-rf", self.data], check=False)


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=4, help="client processes sharing the clients")
    parser.add_argument("--duration", type=float, default=20.0, help="measurement window, seconds")
    parser.add_argument("--grace", type=float, default=3.0, help="seconds to keep receiving after the window")
    parser.add_argument("--tick-rate", type=float, default=50.0, help="aitrader run --tick-rate")
    parser.add_argument("--url", help="use this running server (ws://127.0.0.1:PORT/ws) instead of starting one")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "aitrader"))
    parser.add_argument("--no-build", action="store_true", help="skip `swift build -c release`")
    args = parser.parse_args()
    ensure_websockets()
    import multiprocessing

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.clients * 2 + 1024  # the server (a child) inherits it too
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, wanted) if hard != resource.RLIM_INFINITY else wanted, hard))

    server = None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workers = []
    try:
        if args.url:
            url = args.url
        else:
            if not args.no_build and os.environ.get("BENCH_SKIP_BUILD") != "1":
                subprocess.run(["swift", "build", "-c", "release", "--product", "aitrader"], cwd=ROOT, check=True,
                               stdout=subprocess.DEVNULL)
            server = Server(args.binary, args.tick_rate)
            url = f"ws://127.0.0.1:{server.port}/ws"
        print(f"load before: {os.getloadavg()}  server: {url}  tick rate {args.tick_rate}/s")
        processes = max(1, min(args.processes, args.clients))
        shares = [args.clients // processes + (1 if i < args.clients % processes else 0) for i in range(processes)]
        ready, results = multiprocessing.Queue(), multiprocessing.Queue()
        deadlines = [multiprocessing.Queue() for _ in shares]
        workers = [multiprocessing.Process(target=client_process, args=(i, url, n, ready, deadlines[i], results),
                                           daemon=True) for i, n in enumerate(shares)]
        connect_started = time.time()
        for worker in workers:
            worker.start()
        for _ in workers:
            ready.get(timeout=120)
        print(f"{args.clients} clients connected and subscribed in {time.time() - connect_started:.1f} s "
              f"({processes} client processes)")
        cpu_before = server.cpu_seconds() if server else None
        window_start = time.time_ns()
        window_end = window_start + int(args.duration * 1e9)
        for queue in deadlines:
            queue.put(window_end / 1e9 + args.grace)
        time.sleep(args.duration)
        cpu_after = server.cpu_seconds() if server else None
        collected = [results.get(timeout=args.grace + 120) for _ in workers]
        for worker in workers:
            worker.join(timeout=10)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        if server:
            server.stop()

    events = {}  # id -> (published ns or None, [receive ns])
    closes = {}
    client_cpu = sum(item[3] for item in collected)
    for _, deliveries, worker_closes, _ in collected:
        closes.update(worker_closes)
        for client, received, event_id, published in deliveries:
            events.setdefault(event_id, (published, []))[1].append(received)
    stamped = any(published is not None for published, _ in events.values())

    def in_window(item):
        published, received = item
        moment = published if published is not None else min(received)
        return window_start <= moment <= window_end

    measured = [item for item in events.values() if in_window(item)]
    delivered = sum(len(received) for _, received in measured)
    expected = len(measured) * args.clients
    print(f"signals in the {args.duration:.0f} s window: {len(measured)} ({len(measured) / args.duration:.1f}/s); "
          f"deliveries {delivered} of {expected} ({expected - delivered} missing); "
          f"clients closed by the server: {len(closes)} {sorted(set(closes.values()), key=str) if closes else ''}")
    if cpu_before is not None:
        print(f"server CPU in the window: {cpu_after - cpu_before:.1f} s = "
              f"{100 * (cpu_after - cpu_before) / args.duration:.0f}% of one core")
    print(f"client processes' CPU in the window and grace: {client_cpu:.1f} s "
          f"(= {100 * client_cpu / (args.duration + args.grace):.0f}% of one core)")
    if stamped:
        print(summary("delivery (receive - published_at)",
                      [r - p for p, received in measured if p is not None for r in received]))
        print(summary("last-client delivery per signal",
                      [max(received) - p for p, received in measured
                       if p is not None and len(received) == args.clients]))
    else:
        print("the server's signal events carry no published_at: only the skew is measured")
    print(summary("skew (receive - first client's receive)",
                  [r - min(received) for _, received in measured for r in received]))
    print(summary("spread per signal (last - first client)",
                  [max(received) - min(received) for _, received in measured if len(received) == args.clients]))
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
