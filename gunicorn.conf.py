"""gunicorn settings for Nuri: `gunicorn -c gunicorn.conf.py 'web:create_app()'`."""

import os

bind = os.environ.get("NURI_BIND", "127.0.0.1:8000")
# Each worker holds its own copy of the model (about half a gigabyte).
workers = int(os.environ.get("NURI_WORKERS", "2"))
worker_class = "sync"
timeout = 60
# Never preload: TensorFlow is not fork-safe, and a model loaded in the master
# makes every worker hang. Each worker loads the model itself.
preload_app = False
# No access log: it would record client IP addresses and user agents.
accesslog = None
errorlog = "-"
loglevel = "info"
raw_env = ["RASA_TELEMETRY_ENABLED=false", "TF_CPP_MIN_LOG_LEVEL=3"]
