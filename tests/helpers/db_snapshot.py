"""Counting every table's rows, to prove that a refused action wrote nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def row_counts(database: Path) -> dict[str, int]:
    con = sqlite3.connect(database)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def table_dump(database: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(database)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        con.close()


#: Working state that a check or a login may rewrite; not records.
_WORKING_STATE = frozenset({"verified_point", "login_throttle", "alembic_version"})


def assert_holds_everything_of(database: Path, before: dict[str, list[tuple]]) -> None:
    """Every record row of ``before`` is in ``database`` unchanged (more may follow)."""
    now = table_dump(database)
    for table, rows in before.items():
        if table in _WORKING_STATE:
            continue
        missing = sorted(set(rows) - set(now.get(table, [])))
        assert not missing, f"{table} lost or changed {len(missing)} row(s): {missing[:3]}"
