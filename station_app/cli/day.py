"""Closing and reopening a business day from the command line (the coordinator's)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from station_app.cli.common import (
    add_login_options,
    login,
    opened_station,
    refusal,
    say,
    secret,
)

if TYPE_CHECKING:  # the desk starts through this package: nothing slow at import time
    from station_app.storage.database import StationDatabase


def _fen(text: str | None, field: str) -> int:
    """Counted money: ``0`` is a real count here, so only the sign and the form are checked."""
    from station_app.domain.money import parse_amount

    if text is None or text.strip() in ("0", "0.0", "0.00"):
        return 0
    return parse_amount(text, field=field)


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise refusal(
            "day.bad_date", "日期应写成 2026-03-08", "Dates look like 2026-03-08."
        ) from None


def _explanations(db: StationDatabase, day: date, text: str | None) -> dict[str, str]:
    """``--explain``: the one explanation given to every unmatched statement line and
    every mobile or bank donation without a line (the desk lets each have its own)."""
    from station_app.services.reconciliation import reconcile_day

    if not text:
        return {}
    return {
        key: text for recon in reconcile_day(db, day).values() for key in recon.unmatched_keys()
    }


def _goods(
    db: StationDatabase, day: date, counts: list[str], reasons: list[str]
) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], str]]:
    """``--goods 大米=29`` (or ``大米/袋=29`` where a name has two units) and
    ``--goods-reason 大米=…``: the day's goods counted per item, keyed as the service wants."""
    from station_app.domain.goods.lots import parse_quantity
    from station_app.services.day_goods import day_goods

    items = day_goods(db, day).items

    def key(text: str) -> tuple[str, str]:
        name, _, unit = text.strip().partition("/")
        found = [k for k in items if k[0] == name and (not unit or k[1] == unit)]
        if len(found) != 1:
            listed = "、".join(f"{i}/{u}" for i, u in items) or "—"
            raise refusal(
                "day.goods_item",
                f"“{text}”不是当日唯一对应的物资；当日需清点：{listed}",
                f"{text!r} is not one item of the day; to count: {listed}",
            )
        return found[0]

    counted: dict[tuple[str, str], int] = {}
    for spec in counts:
        name, _, qty = spec.rpartition("=")
        milli = 0 if qty.strip() in ("0", "0.0") else parse_quantity(qty)
        if not name or milli is None:
            raise refusal(
                "day.goods_count", "清点写成 物品=数量", "A count looks like ITEM=QUANTITY."
            )
        counted[key(name)] = milli
    why = {key(k): v for k, _, v in (r.partition("=") for r in reasons)}
    return counted, why


def cmd_day_close(args: argparse.Namespace) -> int:
    from station_app.domain.station_time import local_date, utc_now
    from station_app.services.day_close import CloseRequest, close_day, day_to_close

    with opened_station(args) as ctx:
        session = login(ctx, args)
        day = _day(args.day) or day_to_close(ctx.db, local_date(utc_now())).day
        witness_password = secret(
            args.witness_password_env,
            f"{args.witness} 的密码 / password: ",
            what_zh=f"{args.witness} 的密码",
            what_en=f"password of {args.witness}",
        )
        counted, reasons = _goods(ctx.db, day, args.goods or [], args.goods_reason or [])
        request = CloseRequest(
            day=day,
            denominations=None,
            counted_cash_fen=_fen(args.cash, "cash"),
            goods_counted=counted,
            goods_reasons=reasons,
            reason=args.reason or "",
            explanations=_explanations(ctx.db, day, args.explain),
        )
        result = close_day(ctx.db, session, args.witness, witness_password, request)
    say(
        f"{result.day} 已日结(负责人 {result.coordinator},见证人 {result.witness})",
        f"{result.day} is closed (coordinator {result.coordinator}, witness {result.witness}).",
    )
    return 0


def cmd_day_reopen(args: argparse.Namespace) -> int:
    from station_app.services.day_close import reopen_day

    day = _day(args.day)
    assert day is not None
    with opened_station(args) as ctx:
        session = login(ctx, args)
        reopen_day(ctx.db, session, day, args.reason)
    say(f"{day} 已重新开启", f"{day} is open again.")
    return 0


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    day = sub.add_parser("day", parents=[common], help="close or reopen a business day")
    dsub = day.add_subparsers(dest="day_command", required=True)
    p = dsub.add_parser("close", parents=[common], help="close a day (coordinator and a witness)")
    p.add_argument("--day", metavar="YYYY-MM-DD", help="default: the next day to close")
    p.add_argument("--cash", required=True, help="cash counted in the box, yuan")
    p.add_argument(
        "--explain",
        metavar="TEXT",
        help="explanation for every payment-statement line and mobile or bank donation "
        "that did not match (the mobile and bank totals are the imported statements')",
    )
    p.add_argument(
        "--goods",
        action="append",
        metavar="ITEM=QTY",
        help="the count of an item that came in or went out that day (ITEM/UNIT=QTY where "
        "the name has two units); every such item must be counted",
    )
    p.add_argument(
        "--goods-reason", action="append", metavar="ITEM=TEXT", help="why an item's count differs"
    )
    p.add_argument("--reason", help="why the count differs from the records")
    p.add_argument("--witness", required=True, metavar="NAME", help="the second person")
    p.add_argument("--witness-password-env", metavar="VAR", help="the witness's password")
    add_login_options(p)
    p.set_defaults(func=cmd_day_close)
    p = dsub.add_parser("reopen", parents=[common], help="reopen a closed day (coordinator)")
    p.add_argument("day", metavar="YYYY-MM-DD")
    p.add_argument("--reason", required=True)
    add_login_options(p)
    p.set_defaults(func=cmd_day_reopen)
