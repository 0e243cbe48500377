"""Serving under load: Nuri against Rasa's own server, and a soak, in one run.

Nuri is served as `make run` serves it (gunicorn, NURI_WORKERS workers) and Rasa's
server as `rasa run --enable-api` on the same model file, one after the other on
the same cores. The load is closed-loop: each client sends its next message as
soon as the last one is answered, rotating eight Korean and English messages,
so requests per second and latency can be compared as ratios from one run.

The soak then holds Nuri at a steady load and compares each worker's resident
memory after warming up with its memory at the end.

Usage: .venv/bin/python benchmarks/serve.py [--seconds 12] [--clients 2 8 16 32]
           [--soak 300] [--skip-rasa]
Writes benchmarks/serve_results.json; docs/benchmarks.md quotes it.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# benchmarks/ is on sys.path when this runs as a script: share run.py's percentile.
from run import percentile

from chatbot.model import ensure_model

REPO = Path(__file__).resolve().parent.parent
MESSAGES = [
    "딥페이크가 뭐야?",
    "someone made a fake nude of me what do i do",
    "단톡방에 내 합성 사진이 돌아요 신고 어떻게 해요",
    "how do i report a deepfake on instagram",
    "돈 안 보내면 영상 뿌린다고 협박받고 있어",
    "is it illegal to just watch deepfake porn",
    "친구한테 말해야 할까요",
    "can the police find out who made it",
]
READY = re.compile(r"Worker (\d+) ready in ([\d.]+) s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, process, what: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            sys.exit(f"{what} did not come up")
        time.sleep(0.5)


def start_nuri(model: Path, workers: int, tmp: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    output = tmp / "nuri.txt"
    env = {
        **os.environ,
        "NURI_BIND": f"127.0.0.1:{port}",
        "NURI_WORKERS": str(workers),
        "NURI_DATABASE": str(tmp / "nuri.db"),
        "NURI_MODEL": str(model),
        # A benchmark is one client sending thousands of messages a minute.
        "NURI_SESSION_LIMIT": "1000000",
        "NURI_CLIENT_LIMIT": "1000000",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "-c",
            "gunicorn.conf.py",
            "--timeout",
            "600",
            "web:create_app()",
        ],
        cwd=REPO,
        env=env,
        stdout=output.open("w"),
        stderr=subprocess.STDOUT,
    )
    wait_until(
        lambda: len(READY.findall(output.read_text())) >= workers, process, "Nuri"
    )
    return process, port


def start_rasa(model: Path, tmp: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    rasa = Path(sys.executable).with_name("rasa")
    process = subprocess.Popen(
        [str(rasa), "run", "--enable-api", "-m", str(model), "-p", str(port)],
        cwd=tmp,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        stdout=(tmp / "rasa.txt").open("w"),
        stderr=subprocess.STDOUT,
    )

    def up() -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/status")
            return connection.getresponse().status == 200
        except OSError:
            return False

    wait_until(up, process, "rasa run")
    return process, port


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=90)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def body_for(server: str, client: int, n: int) -> tuple[str, bytes]:
    text = MESSAGES[(client + n) % len(MESSAGES)]
    if server == "rasa":
        return "/model/parse", json.dumps({"text": text}).encode()
    session = f"bench-{client:04d}-{n // 15:06d}"  # a new chat every 15 messages
    return "/api/chat", json.dumps({"session": session, "message": text}).encode()


def load(server: str, port: int, clients: int, seconds: float) -> dict:
    """Closed-loop load from `clients` keep-alive connections for `seconds`."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = 0
        while time.monotonic() < deadline:
            path, body = body_for(server, number, n)
            n += 1
            started = time.perf_counter()
            try:
                connection.request(
                    "POST", path, body, {"Content-Type": "application/json"}
                )
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    return {
        "clients": clients,
        "requests": len(latencies),
        "errors": errors[0],
        "rps": round(len(latencies) / took, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 1) if latencies else None,
    }


def worker_rss_mb(nuri_output: Path) -> dict[int, float]:
    """Resident memory of each live worker named in gunicorn's ready lines."""
    sizes = {}
    for pid, _ in READY.findall(nuri_output.read_text()):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        kb = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        sizes[int(pid)] = round(kb / 1024, 1)
    return sizes


def soak(port: int, output: Path, seconds: float, clients: int) -> dict:
    load("nuri", port, clients, 30)  # warm up: every worker answers many messages
    before = worker_rss_mb(output)
    result = load("nuri", port, clients, seconds)
    after = worker_rss_mb(output)
    growth = max(
        (after[pid] - before[pid]) / before[pid] for pid in before if pid in after
    )
    return {
        **result,
        "seconds": seconds,
        "rss_mb_before": before,
        "rss_mb_after": after,
        "max_rss_growth": round(growth, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--clients", type=int, nargs="+", default=[2, 8, 16, 32])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--soak", type=float, default=300)
    parser.add_argument("--skip-rasa", action="store_true")
    args = parser.parse_args()
    model, _ = ensure_model()
    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "model": model.name,
        "workers": args.workers,
        "seconds_per_point": args.seconds,
    }
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        nuri, port = start_nuri(model, args.workers, tmp)
        try:
            results["ready_s"] = [
                float(s) for _, s in READY.findall((tmp / "nuri.txt").read_text())
            ]
            load("nuri", port, 4, 10)  # warm TensorFlow's graphs in every worker
            results["nuri"] = [
                load("nuri", port, c, args.seconds) for c in args.clients
            ]
            if args.soak:
                results["soak"] = soak(port, tmp / "nuri.txt", args.soak, 16)
        finally:
            stop(nuri)
        if not args.skip_rasa:
            rasa, port = start_rasa(model, tmp)
            try:
                load("rasa", port, 4, 10)
                results["rasa"] = [
                    load("rasa", port, c, args.seconds) for c in args.clients
                ]
            finally:
                stop(rasa)
    if "rasa" in results:
        results["ratio_rps"] = [
            round(n["rps"] / r["rps"], 2) if r["rps"] else None
            for n, r in zip(results["nuri"], results["rasa"], strict=True)
        ]
    out = REPO / "benchmarks" / "serve_results.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
