#!/usr/bin/env bash
# Install a built bundle on a Linux station PC (as root):
#   packaging/linux/install.sh [BUNDLE_DIR]     (default: dist/station-app)
# Copies it to /opt/station-app, the menu entry to /usr/share/applications and the icon
# to the hicolor theme.  A station's data stays in each user's ~/.local/share.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUNDLE="${1:-$ROOT/dist/station-app}"
[ -x "$BUNDLE/station-app" ] || { echo "no bundle at $BUNDLE (run packaging/build_bundle.sh)" >&2; exit 1; }
rm -rf /opt/station-app.new
cp -a "$BUNDLE" /opt/station-app.new
rm -rf /opt/station-app.old
[ -d /opt/station-app ] && mv /opt/station-app /opt/station-app.old
mv /opt/station-app.new /opt/station-app
ln -sf /opt/station-app/station-app /usr/local/bin/station-app
install -Dm644 "$ROOT/packaging/linux/station-app.desktop" /usr/share/applications/station-app.desktop
install -Dm644 "$ROOT/resources/icons/station-app.svg" \
  /usr/share/icons/hicolor/scalable/apps/station-app.svg
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q /usr/share/icons/hicolor || true
echo "installed /opt/station-app ($(/opt/station-app/station-app --version))"
