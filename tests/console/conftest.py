"""Fixtures for the console tests: the sync tests' real receivers, and staff accounts."""

from __future__ import annotations

from tests.sync.conftest import (  # noqa: F401  (fixtures, by name)
    _shared,
    backend,
    deployment,
    make_deployment,
    make_station,
    pg_cluster,
    sqlite_deployment,
)
