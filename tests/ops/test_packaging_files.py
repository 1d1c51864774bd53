"""The packaging files agree with the project: one version, real paths, valid entries."""

from __future__ import annotations

import configparser
import tomllib

from tests.conftest import REPO

PACKAGING = REPO / "packaging"


def project_version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def test_version_is_not_hard_coded_anywhere_in_packaging() -> None:
    version = project_version()
    for path in PACKAGING.rglob("*"):
        if path.suffix in {".iss", ".spec", ".sh", ".ps1", ".desktop"}:
            assert version not in path.read_text("utf-8"), f"{path} repeats the version"
    iss = (PACKAGING / "windows" / "station-app.iss").read_text("utf-8")
    assert "AppVersion={#AppVersion}" in iss and "#error AppVersion" in iss


def test_desktop_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "station-app.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Icon"] == "station-app"
    assert section["Exec"].endswith("station-app") and section["Name[zh_CN]"]
    assert (REPO / "resources" / "icons" / "station-app.svg").read_text("utf-8").startswith("<?xml")


def test_spec_keeps_pdf_print_charts_and_drops_heavy_qt() -> None:
    spec = (PACKAGING / "station_app.spec").read_text("utf-8")
    for kept in ('"PySide6.QtPdf"', '"PySide6.QtPrintSupport"', '"PySide6.QtCharts"'):
        assert kept in spec
    for dropped in ("QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia"):
        assert f'"{dropped}"' in spec
    assert '_tree("migrations")' in spec
