"""A second person's confirmation: the day close's witness, the stock-take's second
counter, the confirmer of a valuable goods intake.

Each of these is a four-eyes rule, so the second person is proven in the service call,
never by the UI: their password is checked with the slow hash before the write lock is
taken (:func:`prove_second_person`). Inside the write transaction they must still be an
active account with that password, and be someone other than the person acting
(:func:`require_other_person`). Each rule keeps its own words (:class:`SecondPersonRule`),
because the person at the desk reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from station_app.domain.donations import clean_text
from station_app.domain.errors import PermissionDenied, ValidationError
from station_app.services.records import OperatorInfo
from station_app.services.sessions import OperatorSession, authenticate, require_session
from station_app.storage.database import StationDatabase

__all__ = ["SecondPersonRule", "prove_second_person", "require_other_person"]


@dataclass(frozen=True, slots=True)
class SecondPersonRule:
    """What one four-eyes rule says when its second person is missing or the same."""

    field: str
    missing_code: str
    missing_zh: str
    missing_en: str
    same_code: str
    same_zh: str
    same_en: str


def prove_second_person(
    db: StationDatabase, name: str, password: str, rule: SecondPersonRule
) -> OperatorSession:
    """The second person's session, once their password is checked (outside the lock)."""
    if not clean_text(name) or not password:
        raise ValidationError(rule.missing_code, rule.missing_zh, rule.missing_en, field=rule.field)
    return authenticate(db, name, password)


def require_other_person(
    conn: Connection, acting_id: int, second: OperatorSession, rule: SecondPersonRule
) -> OperatorInfo:
    """Inside the write transaction: still active, same password, and not ``acting_id``."""
    person = require_session(conn, second)
    if person.id == acting_id:
        raise PermissionDenied(rule.same_code, rule.same_zh, rule.same_en, field=rule.field)
    return person
