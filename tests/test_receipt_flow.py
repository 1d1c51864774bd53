"""From a recorded donation to a printed, scannable, verifiable receipt, and its copies."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from station_app.association_defaults import association_defaults
from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.domain.receipt_qr import parse_receipt_url, receipt_url
from station_app.domain.signing import generate_private_key, sign_receipt
from station_app.services.donation_queries import donation_detail
from station_app.services.receipt_actions import record_print, void_donation
from station_app.services.receipt_documents import archive_pdf, receipt_pdf
from station_app.services.receipt_verification import Verdict, verify_reference
from tests.conftest import REPO, Station
from tests.helpers.pdf_tools import decode_qr, pdf_text, squeezed


def record(station: Station) -> str:
    return station.recorder.record(
        station.staff,
        DonationDraft(kind="cash", amount="100", donor_name="张三", designation_code="WXY"),
    ).receipt_number


def test_issued_receipt_reads_back_and_scans(station: Station, tmp_path: Path) -> None:
    number = record(station)
    pdf = archive_pdf(
        station.paths.receipts, number, 1, "a5", receipt_pdf(station.db, station.info, number, "a5")
    )
    text = squeezed(pdf_text(pdf))
    assert number in text and "人民币壹佰元整" in text and "微心愿" in text
    assert "张三" in text and "王小明" in text and "补打" not in text
    [scanned] = decode_qr(pdf, tmp_path)
    detail = donation_detail(station.db, number)
    # The demo station is not enrolled: its QR points at the build's association address,
    # which a phone can open (resources/association.toml).
    assert station.info.association_url == ""
    assert scanned.startswith(association_defaults().public_url + "/r/" + number + "?")
    assert association_defaults().public_url.startswith("https://")
    assert scanned == receipt_url(
        association_defaults().public_url,
        number,
        detail.signature,
        amount_fen=10_000,
        issued_at=detail.issued_at,
    )
    assert verify_reference(station.db, station.info, scanned).verdict is Verdict.GENUINE


def test_in_kind_roll_receipt(station: Station, tmp_path: Path) -> None:
    number = station.recorder.record(
        station.staff,
        DonationDraft(kind="in_kind", anonymous=True, items=(ItemDraft("棉被", "3", "床", "240"),)),
    ).receipt_number
    path = tmp_path / "r.pdf"
    path.write_bytes(receipt_pdf(station.db, station.info, number, "roll80"))
    text = squeezed(pdf_text(path))
    assert "匿名" in text and "棉被" in text and "人民币贰佰肆拾元整" in text


def test_reprint_and_void_are_marked(station: Station, tmp_path: Path) -> None:
    number = record(station)
    assert record_print(station.db, station.staff, number) == 1
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(receipt_pdf(station.db, station.info, number, "a5"))
    assert "补打" in squeezed(pdf_text(copy))
    void_donation(station.db, station.coordinator, number, "捐赠人要求退回")
    void = tmp_path / "void.pdf"
    void.write_bytes(receipt_pdf(station.db, station.info, number, "roll80"))
    text = squeezed(pdf_text(void))
    assert "作废" in text and "捐赠人要求退回" in text


def test_forged_and_altered_receipts_are_detected(station: Station) -> None:
    number = record(station)
    detail = donation_detail(station.db, number)
    url = receipt_url(station.info.association_url, number, detail.signature)
    # A QR made with another key for the same receipt data.
    other = sign_receipt(generate_private_key(), number, 10000, detail.issued_at, "GZ-YX-0012")
    forged_url = receipt_url(station.info.association_url, number, other)
    assert verify_reference(station.db, station.info, forged_url).verdict is Verdict.FORGED
    # A number this station never issued.
    never = number[:-6] + "999999"
    assert verify_reference(station.db, station.info, never).verdict is Verdict.FORGED
    # The station's own record changed after issue (triggers dropped by an attacker).
    con = sqlite3.connect(station.paths.database)
    con.execute("DROP TRIGGER donation_no_update")
    con.execute("UPDATE donation SET amount_fen = 1000000")
    con.commit()
    con.close()
    assert verify_reference(station.db, station.info, url).verdict is Verdict.ALTERED
    assert parse_receipt_url(url) == (number, detail.signature)


def test_verify_command(station: Station) -> None:
    number = record(station)
    detail = donation_detail(station.db, number)
    url = receipt_url(station.info.association_url, number, detail.signature)
    station.db.close()

    def run(ref: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "station_app",
                "verify",
                ref,
                "--data-dir",
                str(station.paths.root),
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "STATION_APP_LANG": "en"},
        )

    ok = run(url)
    assert ok.returncode == 0 and ok.stdout.startswith("genuine") and "¥100.00" in ok.stdout
    bad_sig = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
    forged = run(bad_sig)
    assert forged.returncode == 1 and forged.stdout.startswith("forged")
    garbage = run("not a receipt")
    assert garbage.returncode == 2 and "Traceback" not in garbage.stderr


def test_only_an_exact_match_is_genuine(station: Station) -> None:
    """The QR's signed amount or time edited: altered; a void receipt: void (issue 15)."""
    number = record(station)
    detail = donation_detail(station.db, number)
    good = receipt_url(
        station.info.association_url,
        number,
        detail.signature,
        amount_fen=10_000,
        issued_at=detail.issued_at,
    )
    assert verify_reference(station.db, station.info, good).verdict is Verdict.GENUINE
    more = good.replace("a=10000", "a=100000")
    later = good.replace("&t=20", "&t=21", 1)
    assert more != good and later != good
    for edited in (more, later):
        result = verify_reference(station.db, station.info, edited)
        assert result.verdict is Verdict.ALTERED, edited
    elsewhere = good.replace("/GZ-YX-0012-", "/GZ-YX-0013-")
    assert verify_reference(station.db, station.info, elsewhere).verdict is Verdict.ALTERED
    void_donation(station.db, station.coordinator, number, "捐赠人要求退回")
    voided = verify_reference(station.db, station.info, good)
    assert voided.verdict is Verdict.VOID and "捐赠人要求退回" in voided.reason_en
    assert Verdict.VOID.exit_status == 2 and Verdict.ALTERED.exit_status == 1


def test_verify_command_says_altered_and_void(station: Station) -> None:
    number = record(station)
    detail = donation_detail(station.db, number)
    url = receipt_url(
        station.info.association_url,
        number,
        detail.signature,
        amount_fen=10_000,
        issued_at=detail.issued_at,
    )
    void_donation(station.db, station.coordinator, number, "捐赠人要求退回")
    station.db.close()

    def run(ref: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "station_app", "verify", ref, "--data-dir",
             str(station.paths.root)],
            capture_output=True, text=True, cwd=REPO, env={**os.environ, "STATION_APP_LANG": "en"},
        )  # fmt: skip

    altered = run(url.replace("a=10000", "a=99999"))
    assert altered.returncode == 1 and altered.stdout.startswith("altered")
    void = run(url)
    assert void.returncode == 2 and void.stdout.startswith("void") and "VOID" in void.stdout
