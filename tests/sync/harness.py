"""Test harness for sync: the real receiver in a subprocess, a throwaway PostgreSQL, a
flaky TCP proxy, and stations with their own codes.

Everything listens on 127.0.0.1 only, on ports the OS hands out.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, select

from association_server import admin
from association_server.db import make_engine
from association_server.migrate import upgrade_to_head
from station_app.domain.donations import DonationKind, ValidDonation
from station_app.domain.ledger import LedgerEntry
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.domain.station_time import utc_now
from station_app.keystore import KeyStore
from station_app.paths import DataPaths
from station_app.services.donation_recording import write_donation
from station_app.services.enrolment import enrol_station
from station_app.services.ledger_writer import iter_entries
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.sessions import OperatorSession, authenticate
from station_app.services.station_setup import DesignationSpec, StationSetup, create_station
from station_app.storage.database import StationDatabase
from station_app.storage.models import LedgerEntryRow
from tests.sync.tls_files import TlsFiles

REPO = Path(__file__).resolve().parents[2]
_codes = itertools.count(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- the receiver process -----------------------------------------------------------------


class Receiver:
    """``python -m association_server serve`` on 127.0.0.1; kill -9 and restart at will."""

    def __init__(
        self,
        db_url: str,
        log_dir: Path,
        *,
        faults: str = "",
        port: int = 0,
        tls: TlsFiles | None = None,
        args: tuple[str, ...] = (),
    ) -> None:
        self.db_url = db_url
        self.args = args
        self.port = port or free_port()
        self.faults = faults
        self.tls = tls
        self.log_path = log_dir / f"receiver-{self.port}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> Receiver:
        env = dict(os.environ, PYTHONPATH=str(REPO), ASSOCIATION_FAULTS=self.faults)
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "association_server",
                "serve",
                "--db",
                self.db_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--no-migrate",
                *(
                    ["--tls-cert", str(self.tls.cert), "--tls-key", str(self.tls.key)]
                    if self.tls
                    else []
                ),
                *self.args,
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"receiver exited: {self.log_path.read_text()[-2000:]}")
            try:
                # Only "is it up?": a test may serve a certificate meant not to verify.
                if httpx.get(self.url + "/healthz", timeout=0.5, verify=False).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError("receiver did not start in time")

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, no flushing — a crash."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def prepare_database(url: str) -> Engine:
    engine = make_engine(url)
    upgrade_to_head(engine)
    return engine


# -- PostgreSQL -----------------------------------------------------------------------------


def _pg_bin() -> Path | None:
    for version in ("17", "16", "15", "14", "13"):
        path = Path(f"/usr/lib/postgresql/{version}/bin")
        if (path / "initdb").exists() and (path / "postgres").exists():
            return path
    return None


def _pg_driver_available() -> bool:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return False
    return True


class PostgresCluster:
    """A throwaway cluster in a temporary folder, on 127.0.0.1 and a free port."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self._names = itertools.count(1)

    @staticmethod
    def available() -> bool:
        return _pg_bin() is not None and _pg_driver_available()

    def _run_as(self) -> dict[str, object]:
        # PostgreSQL refuses to run as root; use the packaged "postgres" account then.
        if os.geteuid() == 0:
            import pwd

            pw = pwd.getpwnam("postgres")
            return {"user": pw.pw_uid, "group": pw.pw_gid}
        return {}

    def start(self) -> PostgresCluster:
        pg = _pg_bin()
        assert pg is not None
        data = self.root / "data"
        self.root.mkdir(parents=True, exist_ok=True)
        as_user = self._run_as()
        if as_user:
            os.chmod(self.root.parent, 0o755)
            shutil.chown(self.root, user=as_user["user"], group=as_user["group"])  # type: ignore[arg-type]
        subprocess.run(
            [
                str(pg / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
            check=True,
            capture_output=True,
            **as_user,  # type: ignore[arg-type]
        )
        log = open(self.root / "postgres.log", "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                str(pg / "postgres"),
                "-D",
                str(data),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-k",
                str(self.root),
                "-c",
                "fsync=off",
                "-c",
                "max_connections=200",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            **as_user,  # type: ignore[arg-type]
        )
        log.close()
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(self._dsn("postgres")).close()
                return self
            except psycopg.OperationalError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise
                time.sleep(0.1)

    def _dsn(self, db: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={db}"

    def new_database(self) -> str:
        import psycopg

        name = f"t{next(self._names)}"
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(20)


# -- a flaky network --------------------------------------------------------------------------


class FlakyProxy:
    """A TCP proxy that can drop connections at the worst moments.

    ``drop_response(data)`` is asked each time the receiver sends bytes back: answering
    True closes both sides without relaying them — the receiver has already committed,
    the station never hears it.  ``drop_request(data)`` is asked for bytes going to it.
    """

    def __init__(
        self,
        upstream_port: int,
        *,
        drop_response: Callable[[bytes], bool] = lambda _data: False,
        drop_request: Callable[[bytes], bool] = lambda _data: False,
    ) -> None:
        self.upstream_port = upstream_port
        self.drop_response = drop_response
        self.drop_request = drop_request
        self.drops = 0
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._stopped = False
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._stopped:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            pair = (client, upstream)
            threading.Thread(
                target=self._pump, args=(client, upstream, self.drop_request, pair), daemon=True
            ).start()
            threading.Thread(
                target=self._pump, args=(upstream, client, self.drop_response, pair), daemon=True
            ).start()

    def _pump(
        self,
        src: socket.socket,
        dst: socket.socket,
        drop: Callable[[bytes], bool],
        pair: tuple[socket.socket, socket.socket],
    ) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                with self._lock:
                    dropping = drop(data)
                    if dropping:
                        self.drops += 1
                if dropping:
                    break
                dst.sendall(data)
        except OSError:
            pass
        for s in pair:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def close(self) -> None:
        self._stopped = True
        self._server.close()


def first_n(n: int, marker: bytes = b"") -> Callable[[bytes], bool]:
    """True for the first ``n`` chunks containing ``marker``, then False."""
    left = [n]

    def decide(data: bytes) -> bool:
        if marker in data and left[0] > 0:
            left[0] -= 1
            return True
        return False

    return decide


def randomly(p: float, seed: int) -> Callable[[bytes], bool]:
    rng = random.Random(seed)
    return lambda _data: rng.random() < p


# -- stations -------------------------------------------------------------------------------


@dataclass
class SyncStation:
    code: str
    paths: DataPaths
    db: StationDatabase
    keys: KeyStore
    signer: ReceiptSigner
    coordinator: OperatorSession  # 陈主任, logged in with the demo password

    def entries(self) -> list[LedgerEntry]:
        with self.db.read() as conn:
            return list(iter_entries(conn))

    def receipts(self) -> list[dict[str, Any]]:
        """The receipt data of every ``donation.recorded`` entry, in ledger order."""
        return [
            json.loads(e.payload)["data"] for e in self.entries() if e.type == "donation.recorded"
        ]

    def unsynced(self) -> int:
        t = LedgerEntryRow.__table__
        with self.db.read() as conn:
            return len(conn.execute(select(t.c.seq).where(t.c.synced_batch.is_(None))).all())

    def record(self, n: int, *, amount_fen: int = 10_000) -> None:
        """``n`` cash donations, in one transaction (fast), each signed and ledgered."""
        with self.db.write() as conn:
            for i in range(n):
                write_donation(
                    conn,
                    station_code=self.code,
                    signer=self.signer,
                    operator=self.coordinator.info,
                    valid=ValidDonation(
                        DonationKind.CASH, amount_fen + i, "张三", None, "undesignated", None
                    ),
                    now=utc_now(),
                )


def new_station(
    root: Path, association_url: str = "https://cishan.example.org", *, code: str | None = None
) -> SyncStation:
    """A set-up station; ``code`` e.g. to make another's second terminal (``…-A``)."""
    code = code or f"GZ-T{next(_codes):03d}-{os.getpid() % 10000:04d}"
    paths = DataPaths(root / code).ensure()
    db = StationDatabase.open(paths.database, backup_dir=paths.backups)
    keys = KeyStore(code)
    create_station(
        db,
        StationSetup(code, "测试捐赠站", "越秀区", association_url, "陈主任", DEMO_PASSWORD),
        keys,
        [DesignationSpec("BJJ-FUND", "北京街社区慈善基金", "fund")],
        demo=True,
    )
    coordinator = authenticate(db, "陈主任", DEMO_PASSWORD)
    return SyncStation(code, paths, db, keys, ReceiptSigner.from_keystore(keys), coordinator)


def enrol(station: SyncStation, engine: Engine, url: str) -> None:
    """Register at the association (admin) and enrol from the station (HTTP)."""
    code = admin.create_station(engine, station.code, "测试捐赠站")
    enrol_station(station.db, station.keys, station.coordinator, code, association_url=url)


def point_at(station: SyncStation, url: str) -> None:
    """As if the association's address were ``url`` (a loopback test server), keeping the
    token: done by hand on the file, the way only a test may."""
    import sqlite3

    station.db.engine.dispose()
    con = sqlite3.connect(station.paths.database)
    try:
        con.execute("DROP TRIGGER station_address_ledgered")
        con.execute("UPDATE station SET association_url = ?", (url,))
        con.commit()
    finally:
        con.close()


def closed_port_url() -> str:
    """A loopback address where nothing listens (connections are refused at once)."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"
