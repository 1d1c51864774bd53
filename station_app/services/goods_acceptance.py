"""The acceptance rules applied to goods coming in, with the people they call for.

Food and medicine close to expiry are refused unless the coordinator overrides with a
password and a reason; goods worth more than the configured value need a second person's
name and password, as the day close does.  The passwords are checked (slow hash) before
the write lock; inside the transaction the rules in force are read again and checked
once more, with the confirming people's sessions and roles, so a rule changed meanwhile
or an account switched off in between is still held to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from station_app.domain.confirmation import Confirmation
from station_app.domain.donations import clean_text
from station_app.domain.errors import PermissionDenied, ValidationError
from station_app.domain.goods.acceptance import GoodsRules, needs_second_person, too_close_to_expiry
from station_app.domain.goods.lots import ValidLot
from station_app.domain.money import format_fen_plain
from station_app.domain.roles import Role
from station_app.services.records import OperatorInfo
from station_app.services.second_person import (
    SecondPersonRule,
    prove_second_person,
    require_other_person,
)
from station_app.services.sessions import OperatorSession, authenticate, require_session
from station_app.storage.database import StationDatabase


@dataclass(frozen=True, slots=True)
class Confirmers:
    """The people a rule called for, proved by their passwords (None: not needed)."""

    overrider: OperatorSession | None = None
    confirmer: OperatorSession | None = None


@dataclass(frozen=True, slots=True)
class Accepted:
    """What the ``goods.received`` entry says about the rules: who overrode and why, and
    who confirmed."""

    override: tuple[str, str] | None
    confirmed_by: str | None


def check_rules(
    lots: tuple[ValidLot, ...],
    today: date,
    rules: GoodsRules,
    override: Confirmation | None,
    second: Confirmation | None,
) -> None:
    """Refuse what the rules hold back unless the person they call for is named."""
    short = too_close_to_expiry(lots, today, rules)
    if short and override is None:
        first = lots[short[0]]
        raise ValidationError(
            "goods.expiry_too_close",
            f"第 {short[0] + 1} 项物资（{first.item}）保质期至 {first.expiry}，"
            f"不足 {rules.min_months_to_expiry} 个月，按规定不能接收。"
            "如确需接收，请站点负责人输入密码并写明原因",
            f"Item {short[0] + 1} ({first.item}) expires on {first.expiry}, less than "
            f"{rules.min_months_to_expiry} months away: it cannot be accepted unless the "
            "coordinator overrides with their password and a reason.",
            field=f"lots.{short[0]}",
        )
    if short and override is not None and not clean_text(override.reason):
        raise ValidationError(
            "goods.override_no_reason",
            "负责人同意接收临期物资时需写明原因",
            "The coordinator's override needs a reason.",
            field="override",
        )
    if needs_second_person(lots, rules) and second is None:
        raise ValidationError(
            "goods.second_person",
            f"物资估值超过 {format_fen_plain(rules.second_person_above_fen)} 元，"
            "需要第二位工作人员输入姓名和密码共同清点确认",
            f"Goods worth more than {format_fen_plain(rules.second_person_above_fen)} yuan "
            "need a second person to count and confirm with their name and password.",
            field="second_person",
        )


#: Goods worth more than the rules' value are counted and confirmed by a second person.
CONFIRMER = SecondPersonRule(
    "second_person",
    "goods.confirmation_incomplete",
    "请确认人选择自己的姓名并输入密码",
    "The confirming person must choose their name and enter their password.",
    "goods.same_person",
    "需要另一位工作人员用自己的密码确认",
    "A second person must confirm with their own password.",
)


def _confirm(db: StationDatabase, who: Confirmation) -> OperatorSession:
    """The coordinator's override of the expiry rule, proven by their own password."""
    if not clean_text(who.name) or not who.password:
        rule = CONFIRMER  # the same words: a name and a password are missing
        raise ValidationError(rule.missing_code, rule.missing_zh, rule.missing_en, field="override")
    return authenticate(db, who.name, who.password)


def confirm_people(
    db: StationDatabase,
    lots: tuple[ValidLot, ...],
    today: date,
    rules: GoodsRules,
    override: Confirmation | None,
    second: Confirmation | None,
) -> Confirmers:
    """Check the rules, then the passwords of the people they call for (outside the lock)."""
    check_rules(lots, today, rules, override, second)
    short = bool(too_close_to_expiry(lots, today, rules))
    return Confirmers(
        _confirm(db, override) if short and override is not None else None,
        prove_second_person(db, second.name, second.password, CONFIRMER)
        if needs_second_person(lots, rules) and second
        else None,
    )


def accept_in(
    conn: Connection,
    operator: OperatorInfo,
    lots: tuple[ValidLot, ...],
    today: date,
    rules: GoodsRules,
    override: Confirmation | None,
    people: Confirmers,
) -> Accepted:
    """Inside the write transaction, with the rules in force: the people proved, their
    accounts still good, the override the coordinator's, the confirmer someone else."""
    check_rules(
        lots,
        today,
        rules,
        override if people.overrider is not None else None,
        Confirmation("", "") if people.confirmer is not None else None,
    )
    accepted_override = None
    if too_close_to_expiry(lots, today, rules) and people.overrider is not None:
        over = require_session(conn, people.overrider)
        if over.role is not Role.COORDINATOR:
            raise PermissionDenied(
                "goods.override_coordinator_only",
                "只有站点负责人可以同意接收临期物资",
                "Only the coordinator can accept goods close to expiry.",
                field="override",
            )
        assert override is not None
        accepted_override = (over.name, clean_text(override.reason)[:200])
    confirmed_by = None
    if needs_second_person(lots, rules) and people.confirmer is not None:
        confirmed_by = require_other_person(conn, operator.id, people.confirmer, CONFIRMER).name
    return Accepted(accepted_override, confirmed_by)
