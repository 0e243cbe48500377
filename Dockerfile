# Nuri in one image: the locked dependencies, a model trained at build time,
# gunicorn as a non-root user. Message logs go to /data (mount a volume there).
FROM python:3.10-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=3 \
    NURI_BIND=0.0.0.0:8000 \
    NURI_DATABASE=/data/nuri.db

WORKDIR /app

COPY requirements.lock ./
# Bytecode at build time: the image never writes it (PYTHONDONTWRITEBYTECODE), and
# compiling Rasa and TensorFlow from source would cost every worker about 10 s at start.
RUN pip install --no-cache-dir uv==0.13.9 \
    && uv pip install --system --no-cache --compile-bytecode -r requirements.lock

COPY chatbot ./chatbot
COPY web ./web
COPY training_data ./training_data
COPY gunicorn.conf.py ./

# One training, never repeated in this layer: no training cache (Rasa's or the
# embeddings', chatbot/embedding_cache.py) is left in the image.
RUN python -m chatbot validate \
    && RASA_MAX_CACHE_SIZE=0 python -m chatbot train \
    && useradd --create-home --uid 10001 nuri \
    && mkdir -p /data \
    && chown nuri:nuri /data

USER 10001
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "web:create_app()"]
