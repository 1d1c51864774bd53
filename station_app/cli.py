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

    ctx = open_station(data_paths(args.data_dir), check=False)
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


def cmd_record(args: argparse.Namespace) -> int:
    from station_app.domain.donations import DonationDraft
    from station_app.services.donation_recording import DonationRecorder
    from station_app.services.operators import find_operator
    from station_app.services.receipt_signing import ReceiptSigner
    from station_app.station_context import open_station

    ctx = open_station(data_paths(args.data_dir))
    try:
        _require_station(ctx)
        operator = find_operator(ctx.db, args.operator)
        if operator is None or not operator.active:
            raise DomainError(
                "record.no_operator",
                f"找不到账号“{args.operator}”",
                f"No active account named “{args.operator}”.",
            )
        signer = ReceiptSigner.from_keystore(ctx.keystore())
        draft = DonationDraft(
            kind=args.kind,
            amount=args.amount,
            donor_name=args.donor or "",
            anonymous=args.anonymous,
            designation_code=args.designation,
        )
        recorded = DonationRecorder(ctx.db, signer).record(operator.id, draft)
    finally:
        ctx.close()
    print(recorded.receipt_number)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from station_app.services.backups import list_backups, make_backup

    paths = data_paths(args.data_dir)
    if args.list:
        for b in list_backups(paths):
            entries = "?" if b.entries is None else str(b.entries)
            when = b.created_at.strftime("%Y-%m-%d %H:%M:%S UTC")
            print(f"{b.path}\t{b.station_code or '?'}\t{when}\t{b.size}\t{entries}")
        return 0
    info = make_backup(paths, "manual")
    print(info.path)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from station_app.services.backups import restore

    result = restore(data_paths(args.data_dir), Path(args.file))
    kept = result.kept_copy or result.quarantined
    _say(
        f"已从 {result.restored_from} 恢复站点 {result.station_code}(账本 {result.entries} 条)"
        + (f";原数据库已保存为 {kept}" if kept else ""),
        f"Restored station {result.station_code} ({result.entries} ledger entries) from "
        f"{result.restored_from}" + (f"; the previous database was kept as {kept}" if kept else ""),
    )
    if result.entries_dropped:
        call = result.needs_association
        _say(
            f"注意:原数据库比备份多 {result.entries_dropped} 条账本记录"
            f"(其中 {result.synced_dropped} 条已同步到慈善会),这些记录已不在本机。"
            + ("请先联系慈善会,再继续登记。" if call else ""),
            f"Note: the previous database had {result.entries_dropped} ledger entries more "
            f"than the backup ({result.synced_dropped} already synced to the association); "
            "they are no longer on this PC."
            + (" Call the association before recording again." if call else ""),
        )
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from station_app.services.sync_service import sync_station
    from station_app.station_context import open_station

    ctx = open_station(data_paths(args.data_dir))
    try:
        _require_station(ctx)
        result = sync_station(ctx.db, ctx.keystore(), base_url=args.url)
    finally:
        ctx.close()
    lang = _language()
    print(result.message(lang))
    for warning in result.warnings_en if lang == "en" else result.warnings_zh:
        print(warning)
    if result.ok:
        return 0
    return 3 if result.outcome.value in ("network", "busy") else 2


def cmd_enrol(args: argparse.Namespace) -> int:
    from station_app.services.enrolment import enrol_station
    from station_app.station_context import open_station

    ctx = open_station(data_paths(args.data_dir))
    try:
        _require_station(ctx)
        enrolled = enrol_station(ctx.db, ctx.keystore(), args.code, association_url=args.url)
    finally:
        ctx.close()
    _say(
        f"已在 {enrolled.association_url} 登记,同步令牌已存入系统钥匙串",
        f"Enrolled with {enrolled.association_url}; the sync token is in the system keyring.",
    )
    return 0


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    """From the named environment variable (scripts), else typed twice without echo."""
    if args.passphrase_env:
        value = os.environ.get(args.passphrase_env)
        if value is None:
            raise DomainError(
                "keys.no_passphrase",
                f"环境变量 {args.passphrase_env} 未设置",
                f"The environment variable {args.passphrase_env} is not set.",
            )
        return value
    import getpass

    first = getpass.getpass("口令 / passphrase: ")
    if confirm and getpass.getpass("再输入一次 / again: ") != first:
        raise DomainError(
            "keys.passphrase_mismatch", "两次输入的口令不一致", "The two passphrases differ."
        )
    return first


def cmd_keys(args: argparse.Namespace) -> int:
    from station_app.services.key_transfer import export_keys, import_keys
    from station_app.station_context import open_station

    ctx = open_station(data_paths(args.data_dir))
    try:
        station = _require_station(ctx)
        if args.keys_command == "export":
            path = export_keys(
                ctx.db, ctx.keystore(), Path(args.file), _passphrase(args, confirm=True)
            )
            _say(
                f"已把 {station.code} 的密钥加密导出到 {path}。文件与口令请分开携带,导入后删除",
                f"{station.code}'s keys were sealed into {path}. Carry the file and the "
                "passphrase separately; delete the file after the import.",
            )
        else:
            code = import_keys(
                ctx.db, ctx.keystore(), Path(args.file), _passphrase(args, confirm=False)
            )
            _say(
                f"已把 {code} 的密钥存入本机钥匙串", f"{code}'s keys are now in this PC's keyring."
            )
        return 0
    finally:
        ctx.close()


def cmd_export(args: argparse.Namespace) -> int:
    from datetime import date

    from station_app.services.donation_queries import DonationFilter, all_donations
    from station_app.services.exports import table, write_csv, write_xlsx
    from station_app.station_context import open_station

    try:
        day_from = date.fromisoformat(args.day_from) if args.day_from else None
        day_to = date.fromisoformat(args.day_to) if args.day_to else None
    except ValueError:
        raise DomainError(
            "export.bad_date", "日期应写成 2026-03-08", "Dates look like 2026-03-08."
        ) from None
    target = Path(args.file)
    ctx = open_station(data_paths(args.data_dir))
    try:
        _require_station(ctx)
        rows = all_donations(ctx.db, DonationFilter(day_from=day_from, day_to=day_to))
    finally:
        ctx.close()
    headers, cells = table(rows, _language())
    writer = write_xlsx if target.suffix.lower() == ".xlsx" else write_csv
    writer(target, headers, cells)
    _say(
        f"已导出 {len(cells)} 条捐赠记录到 {target}", f"Exported {len(cells)} donations to {target}"
    )
    return 0


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
    p = sub.add_parser(
        "record", parents=[common], help="record a donation and print its receipt number"
    )
    p.add_argument("--operator", required=True, help="the account recording it")
    p.add_argument("--kind", required=True, choices=["cash", "mobile", "bank"])
    p.add_argument("--amount", required=True, help="yuan, e.g. 100 or 12.50")
    donor = p.add_mutually_exclusive_group(required=True)
    donor.add_argument("--donor", help="the donor's name")
    donor.add_argument("--anonymous", action="store_true")
    p.add_argument("--designation", default="undesignated", help="fund or project code")
    p.set_defaults(func=cmd_record)
    p = sub.add_parser(
        "backup", parents=[common], help="make a checked backup now and print its path"
    )
    p.add_argument("--list", action="store_true", help="list the backups, newest first")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the database with a backup of this station (the current one is kept)",
    )
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser(
        "sync",
        parents=[common],
        help="send the ledger to the association (exit 3: try again later)",
    )
    p.add_argument("--url", help="association address (default: the station's)")
    p.set_defaults(func=cmd_sync)
    p = sub.add_parser(
        "enrol", parents=[common], help="enrol this station with the association's one-time code"
    )
    p.add_argument("code")
    p.add_argument("--url", help="association address (default: the station's)")
    p.set_defaults(func=cmd_enrol)
    keys = sub.add_parser(
        "keys", parents=[common], help="move the station's signing key and sync token to a new PC"
    )
    ksub = keys.add_subparsers(dest="keys_command", required=True)
    for name, text in (
        ("export", "seal the keys into FILE with a passphrase"),
        ("import", "put the keys sealed in FILE into this PC's keyring"),
    ):
        p = ksub.add_parser(name, parents=[common], help=text)
        p.add_argument("file")
        p.add_argument(
            "--passphrase-env",
            metavar="VAR",
            help="read the passphrase from this environment variable",
        )
        p.set_defaults(func=cmd_keys)
    p = sub.add_parser(
        "export",
        parents=[common],
        help="export donations to FILE (.csv with BOM for Excel, or .xlsx)",
    )
    p.add_argument("file")
    p.add_argument("--from", dest="day_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="day_to", metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_export)
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
    if func is not cmd_gui:  # the GUI sets up its own log with the error dialog
        from station_app.logging_setup import setup_logging

        setup_logging(data_paths(args.data_dir))
    try:
        return int(func(args) or 0)
    except DomainError as err:
        print(err.message(_language()), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
