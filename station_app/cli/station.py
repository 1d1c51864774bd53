"""Commands about the station as a whole: set-up, enrolment, sync, keys, backups, checks."""

from __future__ import annotations

import argparse
from pathlib import Path

from station_app.cli.common import (
    add_login_options,
    language,
    login,
    opened_station,
    refusal,
    require_station,
    say,
    secret,
)
from station_app.paths import data_paths


def cmd_init_demo(args: argparse.Namespace) -> int:
    from station_app.services.demo_station import DEMO_SETUP, init_demo

    with opened_station(args) as ctx:
        if ctx.station is not None:
            say(
                f"站点 {ctx.station.code} 已存在,未作改动",
                f"Station {ctx.station.code} already exists; nothing changed.",
            )
            return 0
        result = init_demo(ctx.db, ctx.keystore(DEMO_SETUP.code), with_donations=not args.empty)
    say(
        f"已创建演示站点 {result.station.code}({result.station.name})\n"
        f"账号:{'、'.join(result.operators)};密码均为 {result.password}",
        f"Demo station {result.station.code} created.\n"
        f"Accounts: {', '.join(result.operators)}; password {result.password}",
    )
    return 0


def cmd_ledger_verify(args: argparse.Namespace) -> int:
    """The full check, read-only: the file, the chain, rows against entries, signatures,
    triggers.  A diagnosis never writes to the file it diagnoses (no schema, no WAL
    switch, no migration), so a damaged file stays exactly as it was found."""
    from station_app.services.backup_checks import file_database
    from station_app.services.ledger_check import verify_ledger
    from station_app.storage import sqlite_files as files

    database = data_paths(args.data_dir).database
    if not database.exists():
        raise refusal(
            "station.none",
            "这台电脑还没有设置站点,请先运行 init-demo 或启动程序完成设置",
            "No station is set up here yet; run init-demo or start the program.",
        )
    if database.stat().st_size == 0:
        say("站点数据库文件是空的(0 字节),已损坏", "The station database file is empty (0 bytes).")
        return 1
    problem = files.integrity_problem(database, read_only=True)
    if problem is not None:
        say(
            f"数据库文件已损坏(完整性检查未通过):{problem}",
            f"The database file is damaged (it fails SQLite's integrity check): {problem}",
        )
        return 1
    with file_database(database, read_only=True) as db:
        report = verify_ledger(db)
    if report.ok:
        if not report.entries:
            raise refusal(
                "station.none",
                "这个数据库里还没有站点记录",
                "This database holds no station records yet.",
            )
        say(
            f"账本完好,记录与账本一致:共 {report.entries} 条,末条哈希 {report.head_hash}",
            f"Ledger intact and every record matches it: {report.entries} entries, head hash "
            f"{report.head_hash}",
        )
        return 0
    if report.broken is not None and not report.problems:
        say(
            f"账本在第 {report.broken.seq} 条处断开:{report.broken.reason}",
            f"Ledger broken at entry {report.broken.seq}: {report.broken.reason}",
        )
        return 1
    for zh, en in report.problems[:20]:
        say(zh, en)
    return 1


def cmd_sync(args: argparse.Namespace) -> int:
    from station_app.domain.association_address import association_address
    from station_app.services.station_sync import sync_station

    with opened_station(args) as ctx:
        station = require_station(ctx)
        if args.url and association_address(args.url) != station.association_url:
            raise refusal(
                "sync.other_address",
                f"只能同步到本站登记的慈善会网址 {station.association_url}。要改用其他网址,"
                "请由站点负责人用 station-app enrol --url 重新登记",
                f"Sync only goes to the address this station enrolled with "
                f"({station.association_url}). To use another, the coordinator enrols there "
                "with `station-app enrol --url`.",
            )
        result = sync_station(ctx.db, ctx.keystore())
    lang = language()
    print(result.message(lang))
    for warning in result.warnings_en if lang == "en" else result.warnings_zh:
        print(warning)
    if result.ok:
        return 0
    return 3 if result.outcome.retryable else 2


def cmd_enrol(args: argparse.Namespace) -> int:
    from station_app.services.enrolment import enrol_station

    with opened_station(args) as ctx:
        session = login(ctx, args)
        enrolled = enrol_station(
            ctx.db, ctx.keystore(), session, args.code, association_url=args.url
        )
    say(
        f"已在 {enrolled.association_url} 登记,同步令牌已存入系统钥匙串",
        f"Enrolled with {enrolled.association_url}; the sync token is in the system keyring.",
    )
    return 0


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    first = secret(args.passphrase_env, "口令 / passphrase: ", what_zh="口令", what_en="passphrase")
    if confirm and not args.passphrase_env:
        again = secret(None, "再输入一次 / again: ", what_zh="口令", what_en="passphrase")
        if again != first:
            raise refusal(
                "keys.passphrase_mismatch", "两次输入的口令不一致", "The two passphrases differ."
            )
    return first


def cmd_keys(args: argparse.Namespace) -> int:
    from station_app.services.key_transfer import export_keys, import_keys

    with opened_station(args) as ctx:
        station = require_station(ctx)
        session = login(ctx, args)
        if args.keys_command == "export":
            path = export_keys(
                ctx.db, ctx.keystore(), session, Path(args.file), _passphrase(args, confirm=True)
            )
            say(
                f"已把 {station.code} 的密钥加密导出到 {path}。文件与口令请分开携带,导入后删除",
                f"{station.code}'s keys were sealed into {path}. Carry the file and the "
                "passphrase separately; delete the file after the import.",
            )
        else:
            code = import_keys(
                ctx.db, ctx.keystore(), session, Path(args.file), _passphrase(args, confirm=False)
            )
            say(f"已把 {code} 的密钥存入本机钥匙串", f"{code}'s keys are now in this PC's keyring.")
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
    if not args.operator:
        raise refusal(
            "backup.no_operator",
            "手动备份需要用 --operator 指明是谁在备份(会询问其密码)",
            "A manual backup needs --operator: who is making it (their password is asked).",
        )
    with opened_station(args) as ctx:
        session = login(ctx, args)
        info = make_backup(paths, "manual", db=ctx.db, session=session)
    print(info.path)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from station_app.services.restore import restore

    password = secret(
        args.password_env,
        f"{args.operator} 的密码 / password: ",
        what_zh=f"{args.operator} 的密码",
        what_en=f"password of {args.operator}",
    )
    result = restore(
        data_paths(args.data_dir), Path(args.file), operator=args.operator, password=password
    )
    kept = result.kept_copy or result.quarantined
    say(
        f"已从 {result.restored_from} 恢复站点 {result.station_code}(账本 {result.entries} 条)"
        + (f";原数据库已保存为 {kept}" if kept else ""),
        f"Restored station {result.station_code} ({result.entries} ledger entries) from "
        f"{result.restored_from}" + (f"; the previous database was kept as {kept}" if kept else ""),
    )
    if result.carried:
        say(
            f"备份之后的 {result.carried} 条账本记录已从原数据库一并带入,没有任何记录丢失",
            f"The {result.carried} ledger entries made after the backup were carried over "
            "from the previous database; nothing was lost.",
        )
    if not result.previous_readable and result.previous_existed:
        floors = ", ".join(f"{y}: {s}" for y, s in sorted(result.receipt_floor.items()))
        say(
            "注意:原数据库无法读取,备份之后的记录可能已丢失;这一情况已记入账本并会报告慈善会。"
            + (f"收据编号将从已知最大号之后继续({floors})。" if floors else ""),
            "Note: the previous database could not be read, so records made after the backup "
            "may be lost; this is in the ledger and will be reported to the association."
            + (f" Receipt numbers continue after the highest known ({floors})." if floors else ""),
        )
    return 0


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("init-demo", parents=[common], help="set up a demo station")
    p.add_argument("--empty", action="store_true", help="no sample donations")
    p.set_defaults(func=cmd_init_demo)

    p = sub.add_parser(
        "backup", parents=[common], help="make a checked backup now and print its path"
    )
    p.add_argument("--list", action="store_true", help="list the backups, newest first")
    add_login_options(p, required=False)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore",
        parents=[common],
        help="restore a backup of this station (coordinator; nothing newer is lost)",
    )
    p.add_argument("file")
    add_login_options(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser(
        "sync",
        parents=[common],
        help="send the ledger to the association (exit 3: try again later)",
    )
    p.add_argument("--url", help="must be the address the station enrolled with")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser(
        "enrol",
        parents=[common],
        help="enrol with the association's one-time code (coordinator)",
    )
    p.add_argument("code")
    p.add_argument("--url", help="association address (default: the station's)")
    add_login_options(p)
    p.set_defaults(func=cmd_enrol)

    keys = sub.add_parser(
        "keys", parents=[common], help="move the station's signing key and sync token to a new PC"
    )
    ksub = keys.add_subparsers(dest="keys_command", required=True)
    for name, help_text in (
        ("export", "seal the keys into FILE with a passphrase (coordinator)"),
        ("import", "put the keys sealed in FILE into this PC's keyring (coordinator)"),
    ):
        p = ksub.add_parser(name, parents=[common], help=help_text)
        p.add_argument("file")
        p.add_argument(
            "--passphrase-env",
            metavar="VAR",
            help="read the passphrase from this environment variable",
        )
        add_login_options(p)
        p.set_defaults(func=cmd_keys)

    ledger = sub.add_parser("ledger", parents=[common], help="ledger tools")
    lsub = ledger.add_subparsers(dest="ledger_command", required=True)
    p = lsub.add_parser(
        "verify", parents=[common], help="check the chain and every record against it"
    )
    p.set_defaults(func=cmd_ledger_verify)
