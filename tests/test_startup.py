"""Start-up never breaks on a new machine, and says why in one line when it can't.

On a first `make run` every gunicorn worker used to create the log database at
the same moment, and one of them could fail with "database is locked". Now the
master creates it before the workers start, and creation waits for any other
process doing the same.
"""

import importlib.util
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from web.db import create_database

REPO = Path(__file__).resolve().parent.parent
PROCESSES = 4
ROUNDS = 50


def create_all_at_once(paths, barrier, failures):
    """In a child process: create each database at the same moment as the others."""
    for path in paths:
        barrier.wait()
        try:
            create_database(path)
        except Exception as error:  # noqa: BLE001 - every failure counts
            failures.put(f"{type(error).__name__}: {error}")


def test_many_processes_creating_one_new_log_never_fail(tmp_path):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES)
    failures = context.Queue()
    paths = [str(tmp_path / f"round-{n}" / "nuri.db") for n in range(ROUNDS)]
    processes = [
        context.Process(target=create_all_at_once, args=(paths, barrier, failures))
        for _ in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * PROCESSES
    found = []
    while not failures.empty():
        found.append(failures.get())
    assert found == [], f"{len(found)} of {PROCESSES * ROUNDS} creations failed"
    for path in paths:
        db = sqlite_utils.Database(path)
        assert {"sessions", "turns"} <= set(db.table_names())
        assert db.journal_mode == "wal"


def test_an_existing_log_keeps_its_rows(tmp_path):
    path = tmp_path / "nuri.db"
    create_database(path)
    sqlite_utils.Database(path)["sessions"].insert({"id": "kept-session-00001"})
    create_database(path)
    assert sqlite_utils.Database(path)["sessions"].count == 1


def gunicorn(env_overrides, timeout=120):
    env = {**os.environ, "NURI_BIND": "127.0.0.1:0", **env_overrides}
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--config",
            "gunicorn.conf.py",
            "web:create_app()",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_one_clear_line(result, words):
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and words in errors[0], result.stderr
    assert "Traceback" not in result.stderr


def test_gunicorn_without_a_model_stops_with_one_line(tmp_path):
    result = gunicorn(
        {
            "NURI_MODEL": str(tmp_path / "missing.tar.gz"),
            "NURI_DATABASE": str(tmp_path / "nuri.db"),
        }
    )
    assert_one_clear_line(result, "No trained model at")


def test_gunicorn_with_a_corrupt_model_stops_with_one_line(tmp_path):
    broken = tmp_path / "nuri-broken.tar.gz"
    broken.write_bytes(b"not a model at all")
    result = gunicorn(
        {"NURI_MODEL": str(broken), "NURI_DATABASE": str(tmp_path / "nuri.db")}
    )
    assert_one_clear_line(result, "cannot be read")


def test_gunicorn_with_an_unwritable_log_stops_with_one_line(model_path, tmp_path):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    result = gunicorn(
        {"NURI_MODEL": str(model_path), "NURI_DATABASE": str(blocked / "nuri.db")}
    )
    assert_one_clear_line(result, "Cannot create the log database")


@pytest.mark.parametrize("journal", ["delete", "wal"], ids=["new-file", "wal-already"])
def test_creating_the_log_switches_it_to_wal(tmp_path, journal):
    path = tmp_path / "nuri.db"
    connection = sqlite3.connect(path)
    connection.execute(f"pragma journal_mode={journal}")
    connection.close()
    create_database(path)
    assert sqlite_utils.Database(path).journal_mode == "wal"


@pytest.mark.parametrize("package", ["rasa", "tensorflow", "sklearn", "kiwipiepy"])
def test_dependencies_are_installed_with_their_bytecode(package):
    """Workers read bytecode instead of compiling the libraries at every start.

    This machine kind and the Docker image set PYTHONDONTWRITEBYTECODE, so Python
    never writes bytecode at import time; `make install` compiles it once. Every
    module file, imported by a test or not, must have it.
    """
    root = Path(importlib.util.find_spec(package).origin).parent
    sources = [p for p in root.rglob("*.py") if "__pycache__" not in p.parts]
    missing = [
        p for p in sources if not Path(importlib.util.cache_from_source(p)).is_file()
    ]
    assert sources and len(missing) <= len(sources) // 100, missing[:5]
