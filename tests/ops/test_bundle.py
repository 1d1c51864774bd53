"""Build the PyInstaller bundle and run its smoke test, as CI does for a release.

About 50 s here (build ~40 s, smoke ~10 s).  PyInstaller comes from the project's
``dev`` extras; this test installs nothing itself and fails, saying so, if it is missing.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
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
