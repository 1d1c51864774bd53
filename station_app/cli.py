"""``station-app``: the GUI by default, and subcommands for work without a screen.

Headless commands exist for the station's IT helper, for the packaged bundle's smoke
test and for the tests: set up a demo, import a paper receipt book, check the ledger.
A refusal is printed as one sentence and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from station_app import __version__
from station_app.domain.errors import DomainError
from station_app.paths import ENV_DATA_DIR, data_paths


def _language() -> str:
    lang = os.environ.get("STATION_APP_LANG") or os.environ.get("LANG", "zh")
    return "en" if lang.lower().startswith("en") else "zh"


def _say(zh: str, en: str) -> None:
    print(en if _language() == "en" else zh)


def _require_station(ctx):  # type: ignore[no-untyped-def]
    if ctx.station is None:
        raise DomainError(
            "station.none",
            "这台电脑还没有设置站点,请先运行 init-demo 或启动程序完成设置",
            "No station is set up here yet; run init-demo or start the program.",
        )
    return ctx.station


def cmd_init_demo(args: argparse.Namespace) -> int:
    from station_app.services.demo_station import DEMO_SETUP, init_demo
    from station_app.station_context import open_station

    ctx = open_station(data_paths(args.data_dir))
    try:
        if ctx.station is not None:
            _say(
                f"站点 {ctx.station.code} 已存在,未作改动",
                f"Station {ctx.station.code} already exists; nothing changed.",
            )
            return 0
        result = init_demo(ctx.db, ctx.keystore(DEMO_SETUP.code), with_donations=not args.empty)
        _say(
            f"已创建演示站点 {result.station.code}({result.station.name})\n"
            f"账号:{'、'.join(result.operators)};密码均为 {result.password}",
            f"Demo station {result.station.code} created.\n"
            f"Accounts: {', '.join(result.operators)}; password {result.password}",
        )
        return 0
    finally:
        ctx.close()


def cmd_ledger_verify(args: argparse.Namespace) -> int:
    from station_app.services.ledger_check import verify_ledger
    from station_app.station_context import open_station

    ctx = open_station(data_paths(args.data_dir))
    try:
        _require_station(ctx)
        report = verify_ledger(ctx.db)
    finally:
        ctx.close()
    if report.ok:
        _say(
            f"账本完好:共 {report.entries} 条,末条哈希 {report.head_hash}",
            f"Ledger intact: {report.entries} entries, head hash {report.head_hash}",
        )
        return 0
    assert report.broken is not None
    _say(
        f"账本在第 {report.broken.seq} 条处断开:{report.broken.reason}",
        f"Ledger broken at entry {report.broken.seq}: {report.broken.reason}",
    )
    return 1


def cmd_import(args: argparse.Namespace) -> int:
    from station_app.services.csv_import import import_csv
    from station_app.services.receipt_signing import ReceiptSigner
    from station_app.station_context import open_station

    ctx = open_station(data_paths(args.data_dir))
    try:
        _require_station(ctx)
        signer = ReceiptSigner.from_keystore(ctx.keystore())
        report = import_csv(ctx.db, signer, Path(args.file), args.operator)
    finally:
        ctx.close()
    if report.ok:
        _say(
            f"已导入 {report.imported} 条记录,收据号 {report.first_receipt} 至 "
            f"{report.last_receipt}",
            f"Imported {report.imported} records, receipts {report.first_receipt} to "
            f"{report.last_receipt}",
        )
        return 0
    for p in report.problems:
        _say(f"第 {p.line} 行:{p.message_zh}", f"line {p.line}: {p.message_en}")
    _say(
        f"共 {len(report.problems)} 处问题,未导入任何记录",
        f"{len(report.problems)} problem(s); nothing was imported.",
    )
    return 2


def cmd_verify(args: argparse.Namespace) -> int:
    from station_app.domain.money import format_fen
    from station_app.domain.station_time import local_text
    from station_app.services.receipt_verification import Verdict, verify_reference
    from station_app.station_context import open_station

    ctx = open_station(data_paths(args.data_dir))
    try:
        station = _require_station(ctx)
        result = verify_reference(ctx.db, station, args.reference)
    finally:
        ctx.close()
    words = {
        Verdict.GENUINE: ("真实", "genuine"),
        Verdict.FORGED: ("伪造", "forged"),
        Verdict.ALTERED: ("被改动", "altered"),
    }[result.verdict]
    _say(
        f"{words[0]}({result.verdict.value}):{result.number}。{result.reason_zh}",
        f"{words[1]}: {result.number}. {result.reason_en}",
    )
    if result.detail is not None:
        row = result.detail.row
        status_zh = "已作废" if row.voided else "有效"
        status_en = "VOID" if row.voided else "valid"
        _say(
            f"金额 {format_fen(row.amount_fen)},开具时间 {local_text(result.detail.issued_at)},"
            f"状态:{status_zh}",
            f"amount {format_fen(row.amount_fen)}, issued "
            f"{local_text(result.detail.issued_at)} (Beijing time), status: {status_en}",
        )
    return 0 if result.verdict is Verdict.GENUINE else 1


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help=f"station data folder (default: ${ENV_DATA_DIR} or the user data directory)",
    )
    parser = argparse.ArgumentParser(
        prog="station-app", parents=[common], description="Donation Station Desk"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("gui", parents=[common], help="start the desktop program (default)")
    p.set_defaults(func=cmd_gui)
    p = sub.add_parser("init-demo", parents=[common], help="set up a demo station")
    p.add_argument("--empty", action="store_true", help="no sample donations")
    p.set_defaults(func=cmd_init_demo)
    p = sub.add_parser(
        "import", parents=[common], help="import a paper receipt book from CSV (all rows or none)"
    )
    p.add_argument("file")
    p.add_argument("--operator", required=True, help="the account the rows are recorded by")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser(
        "verify",
        parents=[common],
        help="check a receipt's QR link or number against this station's key",
    )
    p.add_argument("reference", help="the URL in the QR code, or a receipt number")
    p.set_defaults(func=cmd_verify)
    ledger = sub.add_parser("ledger", parents=[common], help="ledger tools")
    lsub = ledger.add_subparsers(dest="ledger_command", required=True)
    p = lsub.add_parser("verify", parents=[common], help="check the hash chain")
    p.set_defaults(func=cmd_ledger_verify)
    return parser


def cmd_gui(args: argparse.Namespace) -> int:
    from station_app.ui.app import run_gui

    return run_gui(data_paths(args.data_dir))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    func = getattr(args, "func", cmd_gui)
    try:
        return int(func(args) or 0)
    except DomainError as err:
        print(err.message(_language()), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
