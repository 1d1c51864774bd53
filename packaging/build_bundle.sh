#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle: dist/station-app/station-app
#
#   packaging/build_bundle.sh                 # uses (or creates) the venv .venv, installs
#                                             # the project and PyInstaller into it
#   BUILD_PYTHON=/path/python packaging/build_bundle.sh
#                                             # uses that Python as is and installs nothing
#                                             # (the test suite does this)
#   DIST_DIR=/tmp/out WORK_DIR=/tmp/work ...  # where the bundle and the build files go
#
# Translations (*.qm) and the icons are built first, because they are build output.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST_DIR="${DIST_DIR:-$ROOT/dist}"
WORK_DIR="${WORK_DIR:-$ROOT/build/pyinstaller}"

if [ -n "${BUILD_PYTHON:-}" ]; then
  PY="$BUILD_PYTHON"
else
  VENV="${VENV:-$ROOT/.venv}"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  PY="$VENV/bin/python"
  "$PY" -m pip install -q --upgrade pip
  "$PY" -m pip install -q -e "$ROOT"
  "$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install -q pyinstaller
fi

if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "PyInstaller is not installed for $PY; install it with: $PY -m pip install pyinstaller" >&2
  echo "(or add it to the project's dev extras and run make venv)" >&2
  exit 3
fi

cd "$ROOT"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
"$PY" -m station_app.ui.build_translations >/dev/null
"$PY" packaging/make_icons.py >/dev/null
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST_DIR" --workpath "$WORK_DIR" packaging/station_app.spec
echo "$DIST_DIR/station-app"
