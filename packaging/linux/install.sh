#!/usr/bin/env bash
# Install a built bundle on a Linux station PC (as root):
#   packaging/linux/install.sh [BUNDLE_DIR]     (default: dist/station-app)
# Copies it to /opt/station-app, the menu entry to /usr/share/applications and the icon
# to the hicolor theme.  A station's data stays in each user's ~/.local/share.
# DESTDIR=/some/root installs below that root instead (a package build, or the test
# suite, which installs into a temporary root and runs what it installed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUNDLE="${1:-$ROOT/dist/station-app}"
DEST="${DESTDIR:-}"
OPT="$DEST/opt"
[ -x "$BUNDLE/station-app" ] || { echo "no bundle at $BUNDLE (run packaging/build_bundle.sh)" >&2; exit 1; }
mkdir -p "$OPT" "$DEST/usr/local/bin"
rm -rf "$OPT/station-app.new"
cp -a "$BUNDLE" "$OPT/station-app.new"
rm -rf "$OPT/station-app.old"
[ -d "$OPT/station-app" ] && mv "$OPT/station-app" "$OPT/station-app.old"
mv "$OPT/station-app.new" "$OPT/station-app"
# The link points at the final place, /opt/station-app, also when staged below DESTDIR.
ln -sfn /opt/station-app/station-app "$DEST/usr/local/bin/station-app"
install -Dm644 "$ROOT/packaging/linux/station-app.desktop" \
  "$DEST/usr/share/applications/station-app.desktop"
install -Dm644 "$ROOT/resources/icons/station-app.svg" \
  "$DEST/usr/share/icons/hicolor/scalable/apps/station-app.svg"
if [ -z "$DEST" ] && command -v gtk-update-icon-cache >/dev/null; then
  gtk-update-icon-cache -q /usr/share/icons/hicolor || true
fi
echo "installed $OPT/station-app ($("$OPT/station-app/station-app" --version))"
