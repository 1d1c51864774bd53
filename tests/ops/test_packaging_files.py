"""The Windows installer takes its version from the build, not from its own text.

The Linux side is built, installed and run in ``test_bundle.py``; the Inno Setup script
cannot be compiled on Linux, so what is checked here is the one rule it must keep:
``build_installer.ps1`` passes the project's version in, and the script repeats none.
"""

from __future__ import annotations

import tomllib

from tests.conftest import REPO

PACKAGING = REPO / "packaging"


def test_version_is_not_hard_coded_anywhere_in_packaging() -> None:
    version = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    for path in PACKAGING.rglob("*"):
        if path.suffix in {".iss", ".spec", ".sh", ".ps1", ".desktop"}:
            assert version not in path.read_text("utf-8"), f"{path} repeats the version"
    iss = (PACKAGING / "windows" / "station-app.iss").read_text("utf-8")
    assert "AppVersion={#AppVersion}" in iss and "#error AppVersion" in iss
