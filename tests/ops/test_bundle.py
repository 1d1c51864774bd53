"""Build the PyInstaller bundle, run its smoke test, install it as a station PC would.

About 50 s here (build ~40 s, smoke ~10 s).  The Linux install script then installs it
into a private root (``DESTDIR``), and what it installed is run and validated
(``desktop-file-validate`` reads the menu entry as a desktop would).  PyInstaller comes
from the project's ``dev`` extras; this test installs nothing itself and fails, saying
so, if it is missing.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def test_bundle_builds_and_passes_its_smoke_test(tmp_path: Path) -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail(
            f"PyInstaller is not installed for {sys.executable}: add 'pyinstaller' to the "
            "project's dev extras (pip install -e '.[dev]'), then run the tests again."
        )
    env = {
        **os.environ,
        "BUILD_PYTHON": sys.executable,
        "DIST_DIR": str(tmp_path / "dist"),
        "WORK_DIR": str(tmp_path / "work"),
    }
    build = subprocess.run(
        [str(REPO / "packaging" / "build_bundle.sh")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    bundle = tmp_path / "dist" / "station-app"
    assert (bundle / "station-app").is_file()
    internal = bundle / "_internal"
    for kept in ("libQt6Pdf", "libQt6PrintSupport", "libQt6Charts"):
        assert list(internal.rglob(f"{kept}*")), f"{kept} missing from the bundle"
    for dropped in ("libQt6WebEngineCore", "libQt6Qml", "libQt6Quick", "libQt63DCore"):
        assert not list(internal.rglob(f"{dropped}*")), f"{dropped} should be excluded"
    assert list(internal.rglob("wqy-microhei.ttc"))
    assert list(internal.rglob("station_zh_CN.qm"))
    assert list((internal / "migrations" / "versions").glob("*.py"))

    smoke = subprocess.run(
        [str(REPO / "packaging" / "smoke_test_bundle.sh"), str(bundle)],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=300,
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "OK: bundle smoke test passed" in smoke.stdout

    _install_and_run(bundle, tmp_path / "root")


def _install_and_run(bundle: Path, root: Path) -> None:
    """packaging/linux/install.sh into a private root; then run what it installed."""
    install = subprocess.run(
        [str(REPO / "packaging" / "linux" / "install.sh"), str(bundle)],
        capture_output=True,
        text=True,
        env={**os.environ, "DESTDIR": str(root)},
        timeout=120,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    version = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    installed = root / "opt" / "station-app" / "station-app"
    ran = subprocess.run([str(installed), "--version"], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0 and version in ran.stdout, ran.stdout + ran.stderr
    link = root / "usr" / "local" / "bin" / "station-app"
    assert os.readlink(link) == "/opt/station-app/station-app"
    entry = root / "usr" / "share" / "applications" / "station-app.desktop"
    checked = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, timeout=60
    )
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    exec_line = next(
        line for line in entry.read_text("utf-8").splitlines() if line.startswith("Exec=")
    )
    assert (root / exec_line.removeprefix("Exec=").lstrip("/")).resolve() == installed.resolve()
    icon = root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / "station-app.svg"
    assert icon.read_text("utf-8").startswith("<?xml")
