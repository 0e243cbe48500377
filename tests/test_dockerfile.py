"""The Dockerfile passes hadolint (no Docker engine runs here to build it)."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_hadolint_finds_nothing():
    hadolint = Path(sys.executable).with_name("hadolint")
    result = subprocess.run(
        [str(hadolint), "--no-color", str(REPO / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_installs_the_lock_trains_and_runs_gunicorn_unprivileged():
    dockerfile = (REPO / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.10-slim" in dockerfile
    assert "requirements.lock" in dockerfile and "python -m chatbot train" in dockerfile
    assert "USER 10001" in dockerfile and '"gunicorn"' in dockerfile
    # The image never writes bytecode at run time, so it is compiled at build time.
    assert "--compile-bytecode" in dockerfile
