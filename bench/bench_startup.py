"""Cold start of the desk to its main window, against a bare PySide6 window.

Each run is a fresh Python process (nothing warm but the OS file cache), timed from
process start to the first window shown and the event loop left.  The desk run goes
through the real ``run_gui``: settings, font, translator, database open and migration
check, keyring read, login (one scrypt check, via ``auto_login``), main window with the
first page of donations and the status bar.  Goal: median within 2× of the bare window
and under 1.5 s.  Usage: ``python bench/bench_startup.py [runs]``.
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
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.resize(1280, 720)
w.show()
def shown():
    print("SHOWN", time.time(), flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

DESK = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from station_app.paths import DataPaths
from station_app.ui.app import run_gui
sys.exit(run_gui(
    DataPaths(Path(sys.argv[1])),
    auto_login=("陈主任", "demo1234"),
    on_window_shown=lambda w: QTimer.singleShot(
        0, lambda: (print("SHOWN", time.time(), flush=True), QApplication.instance().quit())
    ),
))
"""


def _time(code: str, env: dict[str, str], *args: str) -> tuple[float, float]:
    """(process start → window shown, process start → process gone), in seconds.

    The second includes shutting down, which for the desk means waiting for the
    start-up backup running in the background to finish.
    """
    started_wall, started = time.time(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=REPO, capture_output=True, text=True
    )
    total = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"run failed ({done.returncode}):\n{done.stderr}")
    shown = [ln for ln in done.stdout.splitlines() if ln.startswith("SHOWN ")]
    if not shown:
        raise SystemExit(f"the window was never shown:\n{done.stdout}\n{done.stderr}")
    return float(shown[-1].split()[1]) - started_wall, total


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        env = {
            **os.environ,
            "HOME": tmp,
            "PYTHONPATH": str(REPO),
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "STATION_APP_ALLOW_PLAINTEXT_KEYRING": "1",
        }
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
        _time(BARE, env)  # warm the file cache for both alike
        _time(DESK, env, str(data))
        bare, desk = [], []
        for _ in range(runs):  # interleaved, so load on the machine hits both alike
            bare.append(_time(BARE, env))
            desk.append(_time(DESK, env, str(data)))
    b = statistics.median(x[0] for x in bare)
    d = statistics.median(x[0] for x in desk)
    b_exit = statistics.median(x[1] for x in bare)
    d_exit = statistics.median(x[1] for x in desk)
    print(
        f"bare PySide6 window: shown after median {b:.3f}s (whole run {b_exit:.3f}s), {runs} runs"
    )
    print(
        f"desk main window   : shown after median {d:.3f}s (whole run {d_exit:.3f}s, "
        "incl. waiting for the start-up backup)"
    )
    ratio = d / b
    ok = ratio <= 2.0 and d < 1.5
    print(f"ratio {ratio:.2f}x  goal <= 2x and < 1.5s: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
