"""Build the desk's translations: every ``resources/translations/*.ts`` to a ``.qm``.

``make translations`` runs this at set-up; the ``.qm`` files are build output (ignored
by git), the ``.ts`` files are the sources people edit (e.g. in Qt Linguist).
``--update`` first refreshes the ``.ts`` files from the code with ``pyside6-lupdate``,
keeping existing translations and marking vanished strings obsolete.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from station_app.resources_path import resources_dir

UI_PACKAGE = Path(__file__).resolve().parent


def translations_dir() -> Path:
    return resources_dir() / "translations"


def find_tool(name: str) -> str:
    """A PySide6 tool next to the running Python (a venv), else on PATH."""
    exe_dir = Path(sys.executable).parent
    for candidate in (exe_dir / name, exe_dir / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found next to {sys.executable} or on PATH")
    return found


def ui_sources() -> list[Path]:
    return sorted(p for p in UI_PACKAGE.rglob("*.py") if p.name != Path(__file__).name)


def update(ts_files: Sequence[Path]) -> None:
    """Refresh the .ts files from the source strings (keeps translations)."""
    lupdate = find_tool("pyside6-lupdate")
    for ts in ts_files:
        subprocess.run(
            [lupdate, "-no-obsolete", *map(str, ui_sources()), "-ts", str(ts)],
            check=True,
        )


def build(directory: Path | None = None) -> list[Path]:
    """Compile every .ts in ``directory`` to a .qm beside it; returns the .qm paths."""
    directory = directory or translations_dir()
    lrelease = find_tool("pyside6-lrelease")
    built = []
    for ts in sorted(directory.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--update", action="store_true", help="run pyside6-lupdate over station_app/ui first"
    )
    args = parser.parse_args(argv)
    directory = translations_dir()
    if args.update:
        update(sorted(directory.glob("*.ts")) or [directory / "station_zh_CN.ts"])
    for qm in build(directory):
        print(qm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
