"""The layers of DESIGN.md, checked on every import statement of the package.

Domain rules know nothing of Qt, SQL or I/O libraries; storage and services know nothing
of Qt; only ui/ imports PySide6; only keystore.py imports keyring.  A newcomer who breaks
this learns it here, not in a review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "station_app"


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py")) if folder else sorted(PACKAGE.glob("*.py"))


FORBIDDEN = {
    "domain": (
        "PySide6",
        "shiboken6",
        "sqlalchemy",
        "alembic",
        "sqlite3",
        "httpx",
        "keyring",
        "reportlab",
        "qrcode",
        "station_app.storage",
        "station_app.services",
        "station_app.ui",
        "station_app.printing",
        "station_app.sync",
    ),
    "storage": ("PySide6", "shiboken6", "station_app.services", "station_app.ui", "httpx"),
    "services": ("PySide6", "shiboken6", "station_app.ui"),
    "printing": (
        "PySide6",
        "shiboken6",
        "sqlalchemy",
        "station_app.storage",
        "station_app.services",
        "station_app.ui",
    ),
    "sync": (
        "PySide6",
        "shiboken6",
        "station_app.ui",
        "station_app.services",
        "station_app.printing",
    ),
}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_downwards(layer: str) -> None:
    bad = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in modules(layer)
        for name in imports_of(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer])
    ]
    assert bad == []


def test_only_the_keystore_touches_keyring() -> None:
    users = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(n == "keyring" or n.startswith("keyring.") for n in imports_of(path))
    ]
    assert users == ["keystore.py"]


def test_only_the_ui_imports_qt() -> None:
    users = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(n.startswith(("PySide6", "shiboken6")) for n in imports_of(path))
    )
    assert all(u.startswith("ui/") for u in users), users
