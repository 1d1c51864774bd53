"""Render the SVG icon to the PNG and ICO files the bundle and installers need.

The SVG in ``resources/icons`` is the only source; the bitmaps are build output, made
with Qt (already a dependency) so no image tool has to be installed on the build PC.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "station-app.svg"


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    out = ROOT / "packaging" / "build-icons"
    out.mkdir(exist_ok=True)
    for size in (48, 256):
        render(renderer, size).save(str(out / f"station-app-{size}.png"))
    ico = ROOT / "packaging" / "windows" / "station-app.ico"
    if not render(renderer, 256).save(str(ico), "ICO"):
        print("Qt has no ICO writer here; the Windows executable keeps the default icon")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
