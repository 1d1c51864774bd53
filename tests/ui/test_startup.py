"""Starting the desk: the window comes first, the station is opened behind it.

The point of the split (``desk_frame.py`` / ``desk_start.py``) is that nothing slow runs
before the window is on screen; these tests hold the code to that, and check that the
login, the first-run dialog and closing all happen in that one window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from station_app.paths import DataPaths
from station_app.ui.desk_frame import DeskFrame
from station_app.ui.desk_start import open_desk
from station_app.ui.first_run_dialog import FirstRunDialog
from station_app.ui.main_window import MainWindow
from station_app.ui.settings_store import Settings, SettingsStore
from station_app.ui.shell import DeskShell
from station_app.ui.workers import Workers
from tests.conftest import Station

REPO = Path(__file__).resolve().parents[2]
SLOW_MODULES = ("sqlalchemy", "keyring", "cryptography", "reportlab", "station_app.storage")


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(home),
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "STATION_APP_ALLOW_PLAINTEXT_KEYRING": "1",
    }


def _run_desk(
    script: str, tmp_path: Path, *, demo: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` (which calls ``run_gui``) in a fresh process on a (demo) data folder."""
    env = _env(tmp_path)
    data = tmp_path / "data"
    if demo:
        subprocess.run(
            [sys.executable, "-m", "station_app", "--data-dir", str(data), "init-demo"],
            env=env,
            check=True,
            capture_output=True,
        )
    return subprocess.run(
        [sys.executable, "-c", script, str(data)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_start_path_imports_nothing_slow(tmp_path: Path) -> None:
    """What runs before the first paint: the command, Qt, and ``ui/app.py`` only."""
    code = (
        "import sys, json, station_app.cli, station_app.ui.app; "
        f"print(json.dumps([m for m in sys.modules if m.startswith({SLOW_MODULES!r})]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=_env(tmp_path), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


RUN = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from station_app.paths import DataPaths
from station_app.ui.app import run_gui
seen = {}
def painted(frame):
    seen["slow_loaded_at_first_paint"] = sorted(
        m for m in sys.modules if m.startswith(("sqlalchemy", "keyring", "station_app.storage"))
    )
    seen["frame"] = type(frame).__name__
def shown(window):
    seen["desk"] = type(window).__name__
    seen["inside_frame"] = type(window.window()).__name__
    seen["title"] = window.window().windowTitle()
    QTimer.singleShot(0, QApplication.instance().quit)
status = run_gui(DataPaths(Path(sys.argv[1])), auto_login=("陈主任", "demo1234"),
                 on_frame_painted=painted, on_window_shown=shown)
print(json.dumps(seen, ensure_ascii=False))
sys.exit(status)
"""


def test_run_gui_paints_the_window_then_opens_the_station_inside_it(tmp_path: Path) -> None:
    done = _run_desk(RUN, tmp_path)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["frame"] == "DeskFrame"
    assert seen["slow_loaded_at_first_paint"] == []
    assert seen["desk"] == "MainWindow"
    assert seen["inside_frame"] == "DeskFrame"
    assert seen["title"].startswith("慈善捐赠站 — ")


def test_a_new_pc_gets_the_first_run_dialog_over_the_window(
    qtbot: QtBot, tmp_path: Path, workers: Workers, translators
) -> None:  # type: ignore[no-untyped-def]
    translators.install("zh_CN")
    paths = DataPaths(tmp_path / "new")
    frame = DeskFrame()
    qtbot.addWidget(frame)
    frame.show()
    started = open_desk(
        frame=frame,
        paths=paths,
        store=SettingsStore(paths.settings),
        set_language=translators.install,
        report_error=lambda exc: None,
        workers=workers,
    )
    try:
        qtbot.waitUntil(lambda: bool(started.dialogs), timeout=10_000)  # opened in a worker
        dialogs = [d for d in started.dialogs if isinstance(d, FirstRunDialog)]
        assert len(dialogs) == 1 and dialogs[0].isVisible()
        assert dialogs[0].parent() is frame
        assert frame.start_page.status.text() == "请先设置本站点。"
        assert not started.shells  # no login before there is a station
    finally:
        started.close()


def test_closing_the_window_closes_the_desk_and_ends_the_program(
    qtbot: QtBot, station: Station, workers: Workers, translators
) -> None:  # type: ignore[no-untyped-def]
    translators.install("zh_CN")
    store = SettingsStore(station.paths.settings)
    store.save(Settings(language="zh_CN"))
    frame = DeskFrame()
    qtbot.addWidget(frame)
    frame.show()
    started = open_desk(
        frame=frame,
        paths=station.paths,
        store=store,
        set_language=translators.install,
        report_error=lambda exc: None,
        workers=workers,
        auto_login=(station.staff.name, "demo1234"),
    )
    try:
        qtbot.waitUntil(lambda: bool(started.shells), timeout=10_000)  # opened in a worker
        shell = started.shells[0]
        assert isinstance(frame.desk, MainWindow) and frame.desk is shell.window
        with qtbot.waitSignal(shell.finished, timeout=5_000):
            assert frame.close()
        assert shell.window is None
        workers.wait()
        QApplication.processEvents()
    finally:
        shell.idle.stop()
        started.close()


def test_closing_the_window_at_the_login_ends_the_program(
    qtbot: QtBot, make_ctx, workers: Workers, translators
) -> None:  # type: ignore[no-untyped-def]
    translators.install("zh_CN")
    shell = DeskShell(make_ctx("zh_CN"), set_language=translators.install, report_error=print)
    qtbot.addWidget(shell.frame)
    shell.start()
    assert shell.login is not None and shell.login.isVisible()
    assert shell.frame.start_page.status.text() == "请登录后开始工作。"
    with qtbot.waitSignal(shell.finished, timeout=5_000):
        shell.frame.close()
    shell.idle.stop()


NEVER_PAINTED = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from station_app.paths import DataPaths
from station_app.ui import desk_frame
from station_app.ui.app import run_gui
# As if the window had been started minimized: it is never painted.
desk_frame._StartPage.paintEvent = lambda self, event: QWidget.paintEvent(self, event)
def shown(window):
    print("DESK OPENED", flush=True)
    QTimer.singleShot(0, QApplication.instance().quit)
sys.exit(run_gui(DataPaths(Path(sys.argv[1])), auto_login=("陈主任", "demo1234"),
                 on_window_shown=shown))
"""


def test_a_window_that_is_never_painted_still_opens_the_station(tmp_path: Path) -> None:
    done = _run_desk(NEVER_PAINTED, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "DESK OPENED" in done.stdout


OPEN_FAILS = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from station_app.paths import DataPaths
from station_app.ui import desk_start
from station_app.ui.app import run_gui
def broken_open_desk(**kwargs):
    raise RuntimeError("a bug while opening the station")
desk_start.open_desk = broken_open_desk
def painted(frame):
    def look_then_close():
        print("STATUS", frame.start_page.status.text(), flush=True)
        frame.close()
    QTimer.singleShot(800, look_then_close)
sys.exit(run_gui(DataPaths(Path(sys.argv[1])), on_frame_painted=painted))
"""


def test_a_bug_while_opening_is_reported_and_closing_the_window_ends_the_program(
    tmp_path: Path,
) -> None:
    done = _run_desk(OPEN_FAILS, tmp_path, demo=False)
    assert done.returncode == 0, done.stderr  # closed by the person, not hung or crashed
    assert "STATUS 无法打开站点数据。请关闭本窗口后重新启动程序。" in done.stdout
    log = (tmp_path / "data" / "logs").glob("*.log")
    assert any("a bug while opening the station" in f.read_text("utf-8") for f in log)
