"""Public disclosure： per designation （fund or project） and month， what was received，
with private donors masked （王*） and organisations named， as on the station's sheet，
and the goods received and handed on （:mod:`~association_server.console.disclosure_goods`）.

The public sees only what an officer published.  A published version is immutable （the
table refuses updates）； publishing the month again makes a new， dated version， which
needs a reason and must differ from the last， and every version stays readable.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, func, insert, select

from association_server.clock import now_iso
from association_server.console import audit
from association_server.console.accounts import ConsoleUser
from association_server.console.disclosure_goods import goods_lines
from association_server.console.errors import ConsoleError
from association_server.console.tables import DisclosureVersionRow
from association_server.db import read_transaction, write_transaction
from association_server.models import DesignationRow, LedgerRow, ReceiptRow

_R, _L, _D, _V = (
    ReceiptRow.__table__,
    LedgerRow.__table__,
    DesignationRow.__table__,
    DisclosureVersionRow.__table__,
)
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$", re.ASCII)


def check_month(month: str) -> str:
    if not MONTH.fullmatch(month.strip()):
        raise ConsoleError("月份应为 YYYY-MM。", "A month looks like YYYY-MM.", status=404)
    return month.strip()


def _donor(payload: str, masked: str | None) -> tuple[str, bool]:
    """(what the public sees, is it an organisation named in full?)."""
    try:
        data = json.loads(payload)["data"]
    except (TypeError, ValueError, KeyError):
        return masked or "匿名", False
    if data.get("donor_is_organisation") is True and isinstance(data.get("donor"), str):
        return data["donor"], True
    return masked or "匿名", False


def live_lines(engine: Engine, designation: str, month: str) -> list[dict[str, Any]]:
    """The month's donations to ``designation`` as the public would see them now."""
    month = check_month(month)
    query = (
        select(
            _R.c.number,
            _R.c.station_code,
            _R.c.business_day,
            _R.c.kind,
            _R.c.amount_fen,
            _R.c.donor_masked,
            _L.c.payload,
        )
        .select_from(
            _R.outerjoin(_L, and_(_L.c.station_code == _R.c.station_code, _L.c.seq == _R.c.seq))
        )
        .where(
            and_(
                _R.c.designation == designation,
                _R.c.voided_at.is_(None),
                _R.c.business_day >= f"{month}-01",
                _R.c.business_day <= f"{month}-31",
            )
        )
        .order_by(_R.c.business_day, _R.c.number)
    )
    with read_transaction(engine) as conn:
        rows = conn.execute(query).all()
    lines = []
    for r in rows:
        donor, organisation = _donor(r.payload or "", r.donor_masked)
        lines.append(
            {
                "day": r.business_day,
                "receipt": r.number,
                "station": r.station_code,
                "kind": r.kind or "",
                "amount_fen": r.amount_fen,
                "donor": donor,
                "organisation": organisation,
            }
        )
    return lines


@dataclass(frozen=True, slots=True)
class Version:
    designation: str
    month: str
    version: int
    published_at: str
    published_by: str
    total_fen: int
    donations: int
    lines: list[dict[str, Any]]
    reason: str
    goods: list[dict[str, Any]] | None  # None: published before goods were part of it


def _version(r: Any) -> Version:
    return Version(
        r.designation,
        r.month,
        r.version,
        r.published_at,
        r.published_by,
        r.total_fen,
        r.donations,
        json.loads(r.lines),
        r.reason,
        json.loads(r.goods) if r.goods is not None else None,
    )


def versions(engine: Engine, designation: str, month: str) -> list[Version]:
    """Every published version of the month, oldest first."""
    with read_transaction(engine) as conn:
        rows = conn.execute(
            select(_V)
            .where(and_(_V.c.designation == designation, _V.c.month == check_month(month)))
            .order_by(_V.c.version)
        ).all()
    return [_version(r) for r in rows]


def designation_name(engine: Engine, code: str) -> str | None:
    with read_transaction(engine) as conn:
        return conn.execute(select(_D.c.name).where(_D.c.code == code)).scalar()


def publish(
    engine: Engine, user: ConsoleUser, designation: str, month: str, reason: str, client: str
) -> int:
    """Publish the month as it is now; returns the new version number."""
    user.require_officer()
    month, reason = check_month(month), reason.strip()[:1000]
    if designation_name(engine, designation) is None:
        raise ConsoleError("没有这个捐赠意向。", "No such designation.")
    lines = live_lines(engine, designation, month)
    goods = goods_lines(engine, designation, month)
    with write_transaction(engine) as conn:
        last = conn.execute(
            select(_V)
            .where(and_(_V.c.designation == designation, _V.c.month == month))
            .order_by(_V.c.version.desc())
            .limit(1)
        ).first()
        if last is not None and _version(last).lines == lines and _version(last).goods == goods:
            raise ConsoleError(
                "与上一版相同，无需再次公示。",
                "Nothing changed since the last published version.",
                status=409,
            )
        if last is not None and not reason:
            raise ConsoleError(
                "更正须写明原因。", "A correction of a published month needs a reason."
            )
        number = (last.version if last else 0) + 1
        conn.execute(
            insert(_V).values(
                designation=designation,
                month=month,
                version=number,
                published_at=now_iso(),
                published_by=user.name,
                total_fen=sum(x["amount_fen"] for x in lines),
                donations=len(lines),
                lines=json.dumps(lines, ensure_ascii=False, sort_keys=True),
                reason=reason,
                goods=json.dumps(goods, ensure_ascii=False, sort_keys=True),
            )
        )
        audit.record(
            conn,
            user.name,
            "disclosure.publish",
            f"{designation} {month} v{number}",
            reason,
            client,
        )
    return number


def published(engine: Engine) -> list[dict[str, Any]]:
    """Each published (designation, month) with its latest version, newest month first."""
    latest = (
        select(_V.c.designation, _V.c.month, func.max(_V.c.version).label("version"))
        .group_by(_V.c.designation, _V.c.month)
        .subquery()
    )
    query = (
        select(_V, _D.c.name)
        .select_from(
            _V.join(
                latest,
                and_(
                    latest.c.designation == _V.c.designation,
                    latest.c.month == _V.c.month,
                    latest.c.version == _V.c.version,
                ),
            ).outerjoin(_D, _D.c.code == _V.c.designation)
        )
        .order_by(_V.c.month.desc(), _V.c.designation)
    )
    with read_transaction(engine) as conn:
        return [dict(r._mapping) for r in conn.execute(query)]
