"""gunicorn settings for Nuri: `gunicorn -c gunicorn.conf.py 'web:create_app()'`."""

import os
import time

bind = os.environ.get("NURI_BIND", "127.0.0.1:8000")
# Each worker holds its own copy of the model (just under 1 GB: docs/benchmarks.md).
workers = int(os.environ.get("NURI_WORKERS", "2"))
worker_class = "sync"
# A worker loads the model before it answers; allow for a slow, busy machine.
timeout = 120
# Never preload: TensorFlow is not fork-safe, and a model loaded in the master
# makes every worker hang. Each worker loads the model itself.
preload_app = False
# No access log: it would record client IP addresses and user agents.
accesslog = None
errorlog = "-"
loglevel = "info"
# One OpenMP thread per worker for the sentence encoder: workers already fill the
# cores, and two workers each spinning two OpenMP threads on two cores answered
# four times slower (docs/benchmarks.md).
raw_env = [
    "RASA_TELEMETRY_ENABLED=false",
    "TF_CPP_MIN_LOG_LEVEL=3",
    "OMP_NUM_THREADS=" + os.environ.get("OMP_NUM_THREADS", "1"),
]


def on_starting(server):
    """Before any worker starts: check the model and create the log, once.

    Workers that each created a new database at the same moment used to race
    (`database is locked`). A problem found here stops gunicorn with one line,
    "Error: …", instead of a traceback from every worker.
    """
    from web.bot import check_model, find_model
    from web.config import read_config
    from web.db import create_database
    from web.errors import StartupError

    config = read_config()
    try:
        if config.get("NLU_URL"):  # a Rasa server parses; no model here
            model = config["NLU_URL"]
        else:
            model = find_model(config)
            check_model(model)
            model = model.name
        create_database(config["DATABASE"])
    except StartupError as error:
        raise RuntimeError(str(error)) from None
    server.log.info("Serving %s; log in %s", model, config["DATABASE"])


def post_fork(server, worker):
    """Note when the worker started, to say how long it took to be ready."""
    worker.nuri_forked_at = time.monotonic()


def post_worker_init(worker):
    """Load the model before the worker takes a request; say when it is ready."""
    worker.wsgi.extensions["nuri_bot"].get()
    seconds = time.monotonic() - worker.nuri_forked_at
    worker.log.info("Worker %s ready in %.1f s", worker.pid, seconds)
