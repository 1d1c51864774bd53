"""Screenshots of the real desk under Xvfb: main window, then a receipt preview.

Usage (a demo station in /tmp/uidemo, a virtual screen on :97)::

    station-app --data-dir /tmp/uidemo init-demo
    Xvfb :97 -screen 0 1024x768x24 &
    DISPLAY=:97 python docs/screenshots/take_screenshots.py
    cp /tmp/shot-main.png docs/screenshots/main-window.png
    cp /tmp/shot-preview.png docs/screenshots/receipt-preview.png
"""

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from station_app.domain.donations import DonationDraft, ItemDraft
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.keystore import KeyStore
from station_app.paths import DataPaths
from station_app.services.donation_recording import DonationRecorder
from station_app.services.receipt_actions import record_print, void_donation
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.sessions import authenticate
from station_app.station_context import open_station
from station_app.ui.app import run_gui

paths = DataPaths(Path("/tmp/uidemo"))
ctx = open_station(paths)
rec = DonationRecorder(ctx.db, ReceiptSigner.from_keystore(KeyStore("GZ-YX-0012")))
drafts = [
    DonationDraft(kind="mobile", amount="200", donor_name="林小红", designation_code="WXY"),
    DonationDraft(kind="cash", amount="35.5", anonymous=True),
    DonationDraft(
        kind="in_kind",
        donor_name="惠民超市",
        designation_code="QLAJ",
        items=(ItemDraft("牛奶", "20", "箱", "1200"),),
    ),
    DonationDraft(kind="cash", amount="500", donor_name="黄伯", designation_code="BJJ-FUND"),
    DonationDraft(
        kind="bank", amount="10,000", donor_name="越秀某物业公司", designation_code="QLAJ"
    ),
    DonationDraft(kind="cash", amount="20", donor_name="陈阿姨"),
]
chief = authenticate(ctx.db, "陈主任", DEMO_PASSWORD)
social_worker = authenticate(ctx.db, "李社工", DEMO_PASSWORD)
numbers = [rec.record(social_worker, d).receipt_number for d in drafts]
void_donation(ctx.db, chief, numbers[1], "金额登记错误，已重新登记")
record_print(ctx.db, chief, numbers[0])
record_print(ctx.db, chief, numbers[0])
ctx.close()


def shot(name: str) -> None:
    subprocess.run(["import", "-window", "root", name], check=True)


def shown(window) -> None:  # type: ignore[no-untyped-def]
    window.window().resize(1024, 768)
    window.move(0, 0)
    form = window.form
    form.amount.setText("1,288")
    form.donor.setText("周大福")
    form.phone.setText("13800138000")

    def second() -> None:
        shot("/tmp/shot-preview.png")
        QApplication.instance().quit()

    def preview_opened(dialog) -> None:  # type: ignore[no-untyped-def]
        def sized() -> None:
            dialog.resize(900, 740)
            dialog.move(60, 0)
            QTimer.singleShot(1200, second)

        QTimer.singleShot(1500, sized)

    def first() -> None:
        shot("/tmp/shot-main.png")
        window.panel.select_receipt(numbers[2])
        window.printing.dialog_opened.connect(preview_opened)
        window.receipts.preview(numbers[2])

    QTimer.singleShot(1500, first)


sys.exit(run_gui(paths, auto_login=("陈主任", "demo1234"), on_window_shown=shown))
