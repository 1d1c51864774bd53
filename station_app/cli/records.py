"""Commands about donations and receipts: record, import, void, reprint, export, verify."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from station_app.cli.common import (
    add_login_options,
    login,
    opened_station,
    refusal,
    require_station,
    say,
)


def cmd_record(args: argparse.Namespace) -> int:
    from station_app.domain.donations import DonationDraft
    from station_app.services.donation_recording import DonationRecorder
    from station_app.services.receipt_signing import ReceiptSigner

    with opened_station(args) as ctx:
        session = login(ctx, args)
        signer = ReceiptSigner.from_keystore(ctx.keystore())
        draft = DonationDraft(
            kind=args.kind,
            amount=args.amount,
            donor_name=args.donor or "",
            anonymous=args.anonymous,
            designation_code=args.designation,
            transaction_reference=args.reference or "",
        )
        recorded = DonationRecorder(ctx.db, signer).record(session, draft)
    print(recorded.receipt_number)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from station_app.services.csv_import import import_csv
    from station_app.services.receipt_signing import ReceiptSigner

    with opened_station(args) as ctx:
        session = login(ctx, args)
        signer = ReceiptSigner.from_keystore(ctx.keystore())
        report = import_csv(ctx.db, signer, Path(args.file), session)
    if report.ok:
        say(
            f"已导入 {report.imported} 条记录,收据号 {report.first_receipt} 至 "
            f"{report.last_receipt}",
            f"Imported {report.imported} records, receipts {report.first_receipt} to "
            f"{report.last_receipt}",
        )
        return 0
    for p in report.problems:
        say(f"第 {p.line} 行:{p.message_zh}", f"line {p.line}: {p.message_en}")
    say(
        f"共 {len(report.problems)} 处问题,未导入任何记录",
        f"{len(report.problems)} problem(s); nothing was imported.",
    )
    return 2


def cmd_void(args: argparse.Namespace) -> int:
    from station_app.services.receipt_actions import void_donation

    with opened_station(args) as ctx:
        session = login(ctx, args)
        void_donation(ctx.db, session, args.number, args.reason)
    say(f"收据 {args.number} 已作废", f"Receipt {args.number} is void.")
    return 0


def cmd_reprint(args: argparse.Namespace) -> int:
    """Produce the next copy of a receipt as a PDF file (marked 补打 / copy), and count it."""
    from station_app.services.receipt_actions import record_print
    from station_app.services.receipt_documents import archive_pdf, receipt_pdf, receipt_view

    target = Path(args.out) if args.out else None
    with opened_station(args) as ctx:
        station = require_station(ctx)
        session = login(ctx, args)
        view = receipt_view(ctx.db, station, args.number)
        pdf = receipt_pdf(ctx.db, station, args.number, args.layout, print_number=view.print_number)
        archived = archive_pdf(
            ctx.paths.receipts, view.receipt_number, view.print_number, args.layout, pdf
        )
        count = record_print(ctx.db, session, view.receipt_number)
    if target is not None:
        target.write_bytes(pdf)
    shown = target or archived
    say(
        f"已生成收据 {view.receipt_number} 的第 {count} 份"
        + ("(补打)" if count > 1 else "")
        + f":{shown}",
        f"Copy {count} of receipt {view.receipt_number}"
        + (" (reprint)" if count > 1 else "")
        + f": {shown}",
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from station_app.services.donation_export import export_donations

    try:
        day_from = date.fromisoformat(args.day_from) if args.day_from else None
        day_to = date.fromisoformat(args.day_to) if args.day_to else None
    except ValueError:
        raise refusal(
            "export.bad_date", "日期应写成 2026-03-08", "Dates look like 2026-03-08."
        ) from None
    target = Path(args.file)
    from station_app.cli.common import language

    with opened_station(args) as ctx:
        session = login(ctx, args)
        rows = export_donations(
            ctx.db, session, target, day_from=day_from, day_to=day_to, language=language()
        )
    say(f"已导出 {rows} 条捐赠记录到 {target}", f"Exported {rows} donations to {target}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from station_app.domain.money import format_fen
    from station_app.domain.station_time import local_text
    from station_app.services.receipt_verification import Verdict, verify_reference

    with opened_station(args) as ctx:
        station = require_station(ctx)
        result = verify_reference(ctx.db, station, args.reference)
    words = {
        Verdict.GENUINE: ("真实", "genuine"),
        Verdict.FORGED: ("伪造", "forged"),
        Verdict.ALTERED: ("被改动", "altered"),
        Verdict.VOID: ("作废", "void"),
    }[result.verdict]
    say(
        f"{words[0]}({result.verdict.value}):{result.number}。{result.reason_zh}",
        f"{words[1]}: {result.number}. {result.reason_en}",
    )
    if result.detail is not None:
        row = result.detail.row
        status_zh = "已作废" if row.voided else "有效"
        status_en = "VOID" if row.voided else "valid"
        say(
            f"金额 {format_fen(row.amount_fen)},开具时间 {local_text(result.detail.issued_at)},"
            f"状态:{status_zh}",
            f"amount {format_fen(row.amount_fen)}, issued "
            f"{local_text(result.detail.issued_at)} (Beijing time), status: {status_en}",
        )
    return result.verdict.exit_status


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    p = sub.add_parser(
        "record", parents=[common], help="record a donation and print its receipt number"
    )
    add_login_options(p)
    p.add_argument("--kind", required=True, choices=["cash", "mobile", "bank"])
    p.add_argument("--amount", required=True, help="yuan, e.g. 100 or 12.50")
    donor = p.add_mutually_exclusive_group(required=True)
    donor.add_argument("--donor", help="the donor's name")
    donor.add_argument("--anonymous", action="store_true")
    p.add_argument("--designation", default="undesignated", help="fund or project code")
    p.add_argument(
        "--reference", metavar="NUMBER", help="the payment's transaction number (mobile, bank)"
    )
    p.set_defaults(func=cmd_record)

    p = sub.add_parser(
        "import", parents=[common], help="import a paper receipt book from CSV (all rows or none)"
    )
    p.add_argument("file")
    add_login_options(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("void", parents=[common], help="void a receipt (coordinator, with a reason)")
    p.add_argument("number", help="the receipt number")
    p.add_argument("--reason", required=True)
    add_login_options(p)
    p.set_defaults(func=cmd_void)

    p = sub.add_parser(
        "reprint", parents=[common], help="produce the next copy of a receipt as a PDF"
    )
    p.add_argument("number", help="the receipt number")
    p.add_argument("--layout", choices=["a5", "roll80"], default="a5")
    p.add_argument("--out", metavar="FILE.pdf", help="also write the PDF here")
    add_login_options(p)
    p.set_defaults(func=cmd_reprint)

    p = sub.add_parser(
        "export",
        parents=[common],
        help="export donations to FILE (.csv with BOM for Excel, or .xlsx)",
    )
    p.add_argument("file")
    p.add_argument("--from", dest="day_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="day_to", metavar="YYYY-MM-DD")
    add_login_options(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "verify",
        parents=[common],
        help="check a receipt's QR link or number against this station's key",
    )
    p.add_argument("reference", help="the URL in the QR code, or a receipt number")
    p.set_defaults(func=cmd_verify)
