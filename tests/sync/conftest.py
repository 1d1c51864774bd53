"""Fixtures for the sync tests: real receivers (SQLite, and PostgreSQL when installed)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.sync.harness import (
    PostgresCluster,
    Receiver,
    SyncStation,
    enrol,
    new_station,
    prepare_database,
)
from tests.sync.tls_files import TlsFiles

BACKENDS = ["sqlite", "postgresql"]


@dataclass
class Deployment:
    """A receiver database and the process(es) serving it."""

    engine: Engine
    db_url: str
    receiver: Receiver

    @property
    def url(self) -> str:
        return self.receiver.url


class _LazyCluster:
    """Started on first use, so SQLite-only runs never pay for PostgreSQL."""

    def __init__(self) -> None:
        self.cluster: PostgresCluster | None = None
        self.root: Path | None = None

    def get(self) -> PostgresCluster:
        if not PostgresCluster.available():
            message = "PostgreSQL (apt: postgresql) or psycopg is not installed"
            if os.environ.get("CI"):  # CI installs it (make test): missing is a failure
                pytest.fail(message)
            pytest.skip(message)
        if self.cluster is None:
            # Not under pytest's tmp folder: the "postgres" account must be able to enter it.
            self.root = Path(tempfile.mkdtemp(prefix="sync-pg-"))
            self.cluster = PostgresCluster(self.root / "cluster").start()
        return self.cluster

    def stop(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[_LazyCluster]:
    lazy = _LazyCluster()
    yield lazy
    lazy.stop()


def _database_url(backend: str, root: Path, pg: _LazyCluster) -> str:
    if backend == "postgresql":
        return pg.get().new_database()
    return f"sqlite:///{root / 'association.sqlite3'}"


@pytest.fixture(scope="session")
def _shared(
    tmp_path_factory: pytest.TempPathFactory, pg_cluster: _LazyCluster
) -> Iterator[dict[str, Deployment]]:
    made: dict[str, Deployment] = {}
    root = tmp_path_factory.mktemp("shared-receivers")

    def get(backend: str) -> Deployment:
        if backend not in made:
            folder = root / backend
            folder.mkdir()
            url = _database_url(backend, folder, pg_cluster)
            engine = prepare_database(url)
            made[backend] = Deployment(engine, url, Receiver(url, folder).start())
        return made[backend]

    yield get  # type: ignore[misc]
    for d in made.values():
        d.receiver.stop()
        d.engine.dispose()


@pytest.fixture(params=BACKENDS)
def deployment(request: pytest.FixtureRequest, _shared) -> Deployment:  # type: ignore[no-untyped-def]
    """A running receiver shared by the tests of one backend (each test has its own station)."""
    return _shared(request.param)


@pytest.fixture
def sqlite_deployment(_shared) -> Deployment:  # type: ignore[no-untyped-def]
    return _shared("sqlite")


@pytest.fixture
def make_deployment(
    tmp_path: Path, pg_cluster: _LazyCluster
) -> Iterator[Callable[..., Deployment]]:
    """A fresh receiver database and process, e.g. with faults switched on."""
    made: list[Deployment] = []

    def make(
        *,
        faults: str = "",
        backend: str = "sqlite",
        tls: TlsFiles | None = None,
        args: tuple[str, ...] = (),
    ) -> Deployment:
        folder = tmp_path / f"receiver-{len(made)}"
        folder.mkdir()
        url = _database_url(backend, folder, pg_cluster)
        engine = prepare_database(url)
        receiver = Receiver(url, folder, faults=faults, tls=tls, args=args).start()
        d = Deployment(engine, url, receiver)
        made.append(d)
        return d

    yield make
    for d in made:
        d.receiver.stop()
        d.engine.dispose()


@pytest.fixture
def make_station(tmp_path: Path) -> Iterator[Callable[..., SyncStation]]:
    made: list[SyncStation] = []

    def make(deployment: Deployment | None = None, *, code: str | None = None) -> SyncStation:
        st = new_station(tmp_path / "stations", code=code)
        if deployment is not None:
            enrol(st, deployment.engine, deployment.url)
        made.append(st)
        return st

    yield make
    for st in made:
        st.db.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param
