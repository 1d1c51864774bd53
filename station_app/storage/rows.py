"""The type of a result row of any width, for helpers that take or return one.

SQLAlchemy 2.1 types a row by its columns (``Row[int, str]``); a helper that reads a
whole table row by attribute (``row.name``) does not care how many there are.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from sqlalchemy import CursorResult, Row

AnyRow: TypeAlias = Row[*tuple[Any, ...]]


def inserted_id(result: CursorResult[Any]) -> int:
    """The integer primary key of the one row an ``insert()`` just wrote."""
    key = result.inserted_primary_key
    if key is None or not isinstance(key[0], int):
        raise RuntimeError("the insert returned no integer primary key")
    return key[0]
