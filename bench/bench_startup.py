"""Cold start of the desk to its main window, against a bare PySide6 window.

Each run is a fresh Python process (nothing warm but the OS and bytecode caches), timed
from process start to the first paint of the window — for the bare window and the desk
alike.  The desk run goes through the real ``run_gui`` after importing ``station_app.cli``
as the ``station-app`` command does: settings, font, translator, then the window.  It is
also timed on to the working desk: database open and start-up check, keyring read, login
(one scrypt check, via ``auto_login``), the desk with the first page of donations and the
status bar.  Goal: window painted within 2× of the bare window and under 1.5 s.

A second station with 100,000 ledger entries is started the same way: the start-up check
is incremental (from the verified point the previous start left), so its working desk
must come within 1.3× of the demo station's, in the same run.
Usage: ``python bench/bench_startup.py [runs] [entries]``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

BARE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
class Page(QWidget):
    def paintEvent(self, event):
        super().paintEvent(event)
        print("SHOWN", time.time(), flush=True)
        QTimer.singleShot(0, app.quit)
app = QApplication([])
w = QMainWindow()
w.setCentralWidget(Page())
w.resize(1280, 720)
w.show()
app.exec()
"""

DESK = """
import sys, time
from pathlib import Path
import station_app.cli  # what the station-app command imports before the GUI
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from station_app.paths import DataPaths
from station_app.ui.app import run_gui
sys.exit(run_gui(
    DataPaths(Path(sys.argv[1])),
    auto_login=("陈主任", "demo1234"),
    on_frame_painted=lambda w: print("SHOWN", time.time(), flush=True),
    on_window_shown=lambda w: QTimer.singleShot(
        0, lambda: (print("DESK", time.time(), flush=True), QApplication.instance().quit())
    ),
))
"""


def _time(code: str, env: dict[str, str], *args: str) -> dict[str, float]:
    """Seconds from process start to each moment the run printed, and to process exit.

    "SHOWN" is the first paint of the window; for the desk "DESK" is the working desk
    shown after the (automatic) login; "exit" includes shutting down, which for the desk
    means waiting for the start-up backup running in the background to finish.
    """
    started_wall, started = time.time(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=REPO, capture_output=True, text=True
    )
    total = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"run failed ({done.returncode}):\n{done.stderr}")
    moments = {"exit": total}
    for line in done.stdout.splitlines():
        name, _, stamp = line.partition(" ")
        if name in ("SHOWN", "DESK"):
            moments.setdefault(name, float(stamp) - started_wall)
    if "SHOWN" not in moments:
        raise SystemExit(f"the window was never shown:\n{done.stdout}\n{done.stderr}")
    return moments


BIG = """
import sys
from pathlib import Path
from station_app.domain.donations import DonationKind, ValidDonation
from station_app.domain.passwords import DEMO_PASSWORD
from station_app.domain.station_time import utc_now
from station_app.keystore import KeyStore
from station_app.services.donation_recording import write_donation
from station_app.services.receipt_signing import ReceiptSigner
from station_app.services.sessions import authenticate
from station_app.storage.database import StationDatabase
db = StationDatabase.open(Path(sys.argv[1]) / "station.sqlite3")
signer = ReceiptSigner.from_keystore(KeyStore("GZ-YX-0012"))
chief = authenticate(db, "陈主任", DEMO_PASSWORD).info
left = int(sys.argv[2])
while left > 0:
    with db.write() as conn:
        for i in range(min(left, 5000)):
            write_donation(conn, station_code="GZ-YX-0012", signer=signer, operator=chief,
                           valid=ValidDonation(DonationKind.CASH, 100 + i % 900, "张三", None,
                                               "undesignated", None),
                           now=utc_now())
    left -= 5000
db.close()
"""


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    entries = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        env = {
            **os.environ,
            "HOME": tmp,
            "PYTHONPATH": str(REPO),
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "STATION_APP_ALLOW_PLAINTEXT_KEYRING": "1",
            # An installed desk has its modules byte-compiled (pip and PyInstaller do
            # it); a checkout with PYTHONDONTWRITEBYTECODE set would compile ~100 of
            # our modules on every start instead.  The warm-up runs write the cache.
            "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if not env.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        data = Path(tmp) / "data"
        subprocess.run(
            [sys.executable, "-m", "station_app", "--data-dir", str(data), "init-demo"],
            env=env,
            check=True,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
        )
        # The big station lives in its own HOME (its own key, same station code).
        big_env = {**env, "HOME": str(Path(tmp) / "big-home")}
        big = Path(tmp) / "big"
        t0 = time.perf_counter()
        for args in (["-m", "station_app", "--data-dir", str(big), "init-demo", "--empty"],
                     ["-c", BIG, str(big), str(entries)]):  # fmt: skip
            subprocess.run([sys.executable, *args], env=big_env, check=True, cwd=REPO,
                           stdout=subprocess.DEVNULL)  # fmt: skip
        print(f"built a station with {entries} donations in {time.perf_counter() - t0:.1f}s")
        _time(BARE, env)  # warm the file cache (and bytecode cache) for both alike
        _time(DESK, env, str(data))
        first_big = _time(DESK, big_env, str(big))  # the full check, once: sets the point
        bare, desk, large = [], [], []
        for _ in range(runs):  # interleaved, so load on the machine hits all alike
            bare.append(_time(BARE, env))
            desk.append(_time(DESK, env, str(data)))
            large.append(_time(DESK, big_env, str(big)))

    def median(runs_: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs_)

    b, d = median(bare, "SHOWN"), median(desk, "SHOWN")
    print(
        f"bare PySide6 window : painted after median {b:.3f}s (whole run "
        f"{median(bare, 'exit'):.3f}s), {runs} runs"
    )
    print(f"desk main window    : painted after median {d:.3f}s")
    print(
        f"desk working view   : after the automatic login (database opened and checked, "
        f"keyring read, one scrypt check, first page) median {median(desk, 'DESK'):.3f}s "
        f"(whole run {median(desk, 'exit'):.3f}s, incl. waiting for the start-up backup)"
    )
    ratio = d / b
    ok = ratio <= 2.0 and d < 1.5
    print(f"ratio {ratio:.2f}x  goal <= 2x and < 1.5s: {'met' if ok else 'NOT met'}")
    small_desk, big_desk = median(desk, "DESK"), median(large, "DESK")
    print(
        f"{entries}-entry station: working view median {big_desk:.3f}s (its first start, "
        f"with the one full check: {first_big['DESK']:.3f}s)"
    )
    big_ratio = big_desk / small_desk
    print(
        f"ratio to the demo station {big_ratio:.2f}x  goal <= 1.3x: "
        f"{'met' if big_ratio <= 1.3 else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
