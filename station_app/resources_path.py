"""Where the bundled resources (fonts, icons, translations) are, in a checkout and when frozen.

One function decides this so that printing, the UI and packaging agree: in a source
checkout the ``resources/`` folder sits next to the ``station_app`` package; in a
PyInstaller bundle it is unpacked under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["project_file", "resources_dir"]


def resources_dir() -> Path:
    """The ``resources`` directory (not checked for existence; callers report what is missing)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def project_file(name: str) -> Path:
    """A top-level folder shipped with the program, such as ``migrations``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / name
    return Path(__file__).resolve().parents[1] / name
