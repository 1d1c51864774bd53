"""Shared set-up for benchmarks: a demo station in a temporary folder with a file keyring."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
os.environ.setdefault("STATION_APP_ALLOW_PLAINTEXT_KEYRING", "1")
os.environ["HOME"] = tempfile.mkdtemp(prefix="bench-home-")

from station_app.domain.passwords import DEMO_PASSWORD
from station_app.keystore import KeyStore
from station_app.paths import DataPaths
from station_app.services.demo_station import init_demo
from station_app.services.sessions import OperatorSession, authenticate
from station_app.storage.database import StationDatabase


def demo_station(root: Path) -> tuple[StationDatabase, KeyStore]:
    paths = DataPaths(root).ensure()
    db = StationDatabase.open(paths.database)
    keys = KeyStore("GZ-YX-0012")
    init_demo(db, keys, with_donations=False)
    return db, keys


def coordinator(db: StationDatabase) -> OperatorSession:
    """The demo coordinator, logged in (the demo password)."""
    return authenticate(db, "陈主任", DEMO_PASSWORD)


def summary(samples_s: list[float]) -> tuple[float, float]:
    """(median, p95) in milliseconds."""
    ms = sorted(s * 1000 for s in samples_s)
    return statistics.median(ms), ms[max(0, int(len(ms) * 0.95) - 1)]
