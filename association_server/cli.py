"""``python -m association_server``: run the receiver, and the association's admin tasks.

``serve`` migrates the database and starts uvicorn; the other subcommands work directly
on the database (any number of receiver processes may be running meanwhile).  The
database comes from ``--db URL`` or ``ASSOCIATION_DATABASE_URL`` (SQLite by default,
``postgresql://…`` for a city-wide deployment).  A refusal is one sentence and exit 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine

from association_server import admin, designation_list, official_receipts, table_exports
from association_server.db import DEFAULT_URL, make_engine
from association_server.errors import AdminError
from association_server.incident_kinds import IncidentKind, explain
from association_server.migrate import upgrade_to_head
from association_server.safe_text import SafeFormatter, printable
from association_server.settings import ReceiverSettings
from station_app.domain.association_address import is_loopback_host
from station_app.domain.station_time import from_iso, to_iso
from station_app.spreadsheets import write_csv, write_xlsx

ENV_DB = "ASSOCIATION_DATABASE_URL"


def _engine(args: argparse.Namespace) -> Engine:
    return make_engine(args.db)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from association_server.app import create_app
    from association_server.faults import load_faults
    from association_server.http_protocol import with_header_timeout

    _log_safely()
    _check_tls_options(args)
    engine = _engine(args)
    if not args.no_migrate:
        upgrade_to_head(engine)
    settings = ReceiverSettings(
        max_amount_fen=args.max_amount_fen,
        silent_days=args.silent_days,
        signed_qr_since=_utc_time(args.signed_qr_since),
        max_body=args.max_body,
        body_timeout_s=args.body_timeout,
        max_concurrent_batches=args.max_batches,
        docs=args.docs,
        console_secret_file=args.console_secret_file,
        console_stale_days=args.stale_days,
    )
    app = create_app(engine, faults=load_faults(), settings=settings)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        log_config=None,  # uvicorn's loggers propagate to ours, which escapes what clients sent
        timeout_keep_alive=args.timeout_keep_alive,
        http=with_header_timeout(args.header_timeout),
        limit_concurrency=args.limit_concurrency,
        proxy_headers=args.proxy_headers,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
    )
    return 0


def _utc_time(text: str) -> str:
    try:
        return to_iso(from_iso(text))
    except ValueError:
        raise AdminError(f"Not a UTC time like 2026-11-23T00:00:00Z: {text}") from None


def _log_safely() -> None:
    """One log handler for the receiver and uvicorn, escaping control characters."""
    handler = logging.StreamHandler()
    handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


def _check_tls_options(args: argparse.Namespace) -> None:
    """Refuse half a TLS set-up in one sentence; warn when stations could not use the server.

    Stations send their token only over https (plain http to loopback alone), so a
    receiver on a network address needs TLS here or in a proxy in front of it.
    """
    if bool(args.tls_cert) != bool(args.tls_key):
        raise AdminError("--tls-cert and --tls-key go together.")
    for path in filter(None, (args.tls_cert, args.tls_key)):
        if not os.path.isfile(path):
            raise AdminError(f"No such file: {path}")
    if not args.tls_cert and not args.proxy_headers and not is_loopback_host(args.host):
        logging.getLogger(__name__).warning(
            "serving plain http on %s: stations only sync over https, so put a TLS proxy "
            "in front (--proxy-headers) or pass --tls-cert and --tls-key",
            args.host,
        )


def cmd_migrate(args: argparse.Namespace) -> int:
    upgrade_to_head(_engine(args))
    print("database schema is current")
    return 0


def cmd_station_add(args: argparse.Namespace) -> int:
    code = admin.create_station(_engine(args), args.code, args.name)
    print(f"station {args.code.upper()} created; one-time enrolment code: {code}")
    return 0


def cmd_station_code(args: argparse.Namespace) -> int:
    code = admin.new_enrollment_code(_engine(args), args.code.upper())
    print(f"new one-time enrolment code for {args.code.upper()}: {code}")
    return 0


def cmd_station_revoke(args: argparse.Namespace) -> int:
    admin.revoke_token(_engine(args), args.code.upper())
    print(f"token of {args.code.upper()} revoked; it must enrol again with a new code")
    return 0


def cmd_station_list(args: argparse.Namespace) -> int:
    print(
        f"{'station':<16} {'enrolled':<8} {'acked':>8} {'entries':>8} {'receipts':>8} "
        f"{'incidents':>9}  last received"
    )
    for s in admin.list_stations(_engine(args)):
        print(
            f"{printable(s.code):<16} {'yes' if s.enrolled else 'no':<8} {s.acked_seq:>8} "
            f"{s.entries:>8} {s.receipts:>8} {s.incidents:>9}  "
            f"{printable(s.last_received_at or '-')}"
        )
    return 0


def cmd_station_entries(args: argparse.Namespace) -> int:
    for e in admin.stored_entries(_engine(args), args.code.upper(), after_seq=args.after):
        print(f"{e.seq:>8} {printable(e.type):<20} {e.hash[:16]} {printable(e.payload[:100])}")
    return 0


def cmd_station_goods(args: argparse.Namespace) -> int:
    from association_server.goods import station_goods
    from station_app.domain.goods.lots import format_quantity

    days = [_day(args.day_from), _day(args.day_to)]
    lines = station_goods(_engine(args), args.code.upper(), *days)
    print(f"{'what':<14} {'designation':<14} {'item':<20} {'quantity':>12} {'value':>12} entries")
    for g in lines:
        value = f"{g.value_fen / 100:.2f}" if g.kind == "received" else ""
        print(
            f"{g.kind:<14} {printable(g.designation or '-'):<14} "
            f"{printable(g.item + ' (' + g.unit + ')'):<20} "
            f"{format_quantity(g.quantity_milli):>12} "
            f"{value:>12} {g.entries}"
        )
    if not lines:
        print(f"no goods entries of {printable(args.code.upper())} from {days[0]} to {days[1]}")
    return 0


def _day(text: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise AdminError(f"Not a day like 2026-11-01: {printable(text)}") from None


def cmd_incidents(args: argparse.Namespace) -> int:
    if args.kinds:
        for kind in IncidentKind:
            zh, en = explain(kind)
            print(f"{kind.value:<20} {zh}  {en}")
        return 0
    seen: list[str] = []
    for i in admin.list_incidents(_engine(args), args.station):
        print(
            " ".join(printable(i[k]) for k in ("detected_at", "station_code", "code"))
            + f" seq={i['seq']}: {printable(i['detail'])}"
        )
        if i["code"] not in seen:
            seen.append(str(i["code"]))
    if seen:
        print("\nwhat the codes mean / 说明:")
        for code in seen:
            zh, en = explain(code)
            print(f"  {printable(code):<20} {zh}  {en}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.suffix.lower() not in (".csv", ".xlsx"):
        raise AdminError("The file must end in .csv or .xlsx.")
    if args.what == "receipts":
        headers, rows = table_exports.receipt_table(_engine(args), args.station)
        title = "收据"
    else:
        headers, rows = table_exports.incident_table(_engine(args), args.station)
        title = "事件"
    if target.suffix.lower() == ".xlsx":
        write_xlsx(target, headers, rows, sheet_title=title)
    else:
        write_csv(target, headers, rows)
    print(f"{len(rows)} rows written to {printable(target)}")
    return 0


def cmd_designation_put(args: argparse.Namespace) -> int:
    designation_list.put_designation(_engine(args), args.code, args.name, args.category)
    print(f"designation {args.code} saved")
    return 0


def cmd_designation_active(args: argparse.Namespace) -> int:
    designation_list.set_designation_active(_engine(args), args.code, args.active)
    print(f"designation {args.code} {'activated' if args.active else 'deactivated'}")
    return 0


def cmd_designation_list(args: argparse.Namespace) -> int:
    for d in designation_list.list_designations(_engine(args)):
        flag = "" if d["active"] else " (inactive)"
        print(f"{printable(d['code']):<20} {d['category']:<12} {printable(d['name'])}{flag}")
    return 0


def cmd_receipt_official(args: argparse.Namespace) -> int:
    official_receipts.set_official_receipt(_engine(args), args.number, args.official_number)
    print(f"receipt {args.number}: official receipt {args.official_number} recorded")
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help=f"database URL (default: ${ENV_DB} or {DEFAULT_URL})",
    )
    parser = argparse.ArgumentParser(
        prog="association-server", parents=[common], description="Association receiver"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", parents=[common], help="run the receiver")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    defaults = ReceiverSettings()
    p.add_argument("--max-body", type=int, default=defaults.max_body, help="batch body, bytes")
    p.add_argument(
        "--max-amount-fen",
        type=int,
        default=defaults.max_amount_fen,
        help="largest single donation accepted, in fen",
    )
    p.add_argument(
        "--silent-days",
        type=int,
        default=defaults.silent_days,
        help="days without sync before scans of a station's receipts raise an incident",
    )
    p.add_argument("--body-timeout", type=float, default=defaults.body_timeout_s, help="seconds")
    p.add_argument(
        "--max-batches",
        type=int,
        default=defaults.max_concurrent_batches,
        help="batches handled at once; more are asked to retry",
    )
    p.add_argument("--timeout-keep-alive", type=int, default=5, help="idle seconds")
    p.add_argument(
        "--header-timeout", type=float, default=10.0, help="seconds to send request headers"
    )
    p.add_argument(
        "--limit-concurrency", type=int, default=200, help="open connections and requests"
    )
    p.add_argument(
        "--signed-qr-since",
        default=defaults.signed_qr_since,
        help="when the stations' QR codes began to carry signed amount and time (UTC)",
    )
    p.add_argument("--docs", action="store_true", help="serve /docs and /redoc")
    p.add_argument(
        "--console-secret-file",
        default=os.environ.get("ASSOCIATION_CONSOLE_SECRET_FILE"),
        help="file with the console's cookie-signing secret (created if missing)",
    )
    p.add_argument(
        "--stale-days",
        type=int,
        default=defaults.console_stale_days,
        help="the console highlights stations silent for this many days",
    )
    p.add_argument("--no-migrate", action="store_true", help="do not upgrade the schema")
    p.add_argument("--proxy-headers", action="store_true", help="behind a TLS proxy")
    p.add_argument("--tls-cert", help="serve https with this PEM certificate (chain)")
    p.add_argument("--tls-key", help="the PEM private key of --tls-cert")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("migrate", parents=[common], help="create or upgrade the schema")
    p.set_defaults(func=cmd_migrate)

    station = sub.add_parser("station", parents=[common], help="station terminals")
    ssub = station.add_subparsers(dest="station_command", required=True)
    p = ssub.add_parser("add", parents=[common], help="register a station, print its code")
    p.add_argument("code")
    p.add_argument("--name", default="")
    p.set_defaults(func=cmd_station_add)
    p = ssub.add_parser("enrolment-code", parents=[common], help="issue a new enrolment code")
    p.add_argument("code")
    p.set_defaults(func=cmd_station_code)
    p = ssub.add_parser("revoke", parents=[common], help="revoke a station's token")
    p.add_argument("code")
    p.set_defaults(func=cmd_station_revoke)
    p = ssub.add_parser("list", parents=[common], help="what each station has sent")
    p.set_defaults(func=cmd_station_list)
    p = ssub.add_parser("entries", parents=[common], help="a station's received ledger")
    p.add_argument("code")
    p.add_argument("--after", type=int, default=0)
    p.set_defaults(func=cmd_station_entries)
    p = ssub.add_parser("goods", parents=[common], help="goods received and handed out")
    p.add_argument("code")
    p.add_argument("--from", dest="day_from", required=True, help="first business day")
    p.add_argument("--to", dest="day_to", required=True, help="last business day")
    p.set_defaults(func=cmd_station_goods)
    p = sub.add_parser(
        "incidents", parents=[common], help="what the association must look at, per station"
    )
    p.add_argument("--station")
    p.add_argument("--kinds", action="store_true", help="list the kinds of incident")
    p.set_defaults(func=cmd_incidents)
    p = sub.add_parser("export", parents=[common], help="receipts or incidents to CSV/XLSX")
    p.add_argument("what", choices=("receipts", "incidents"))
    p.add_argument("file", help="FILE.csv or FILE.xlsx")
    p.add_argument("--station")
    p.set_defaults(func=cmd_export)

    rec = sub.add_parser("receipt", parents=[common], help="station receipts")
    rsub = rec.add_subparsers(dest="receipt_command", required=True)
    p = rsub.add_parser(
        "official", parents=[common], help="record the official donation receipt number"
    )
    p.add_argument("number", help="the station's receipt number")
    p.add_argument("official_number", help="the 公益事业捐赠票据 number")
    p.set_defaults(func=cmd_receipt_official)
    des = sub.add_parser("designation", parents=[common], help="funds and projects")
    dsub = des.add_subparsers(dest="designation_command", required=True)
    p = dsub.add_parser("put", parents=[common], help="add or change a designation")
    p.add_argument("code")
    p.add_argument("name")
    p.add_argument("--category", default="project", choices=designation_list.CATEGORIES)
    p.set_defaults(func=cmd_designation_put)
    for name, active in (("activate", True), ("deactivate", False)):
        p = dsub.add_parser(name, parents=[common], help=f"{name} a designation")
        p.add_argument("code")
        p.set_defaults(func=cmd_designation_active, active=active)
    p = dsub.add_parser("list", parents=[common], help="list designations")
    p.set_defaults(func=cmd_designation_list)
    from association_server.console.commands import add_commands

    add_commands(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(args, "db"):
        args.db = os.environ.get(ENV_DB, DEFAULT_URL)
    try:
        return int(args.func(args) or 0)
    except AdminError as err:
        print(err, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
