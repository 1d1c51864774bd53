#!/usr/bin/env bash
# Smoke test of a built bundle, as a station PC would run it, in a throw-away data folder:
#   --version (must match pyproject.toml), init-demo, record a donation, verify its
#   receipt, verify the ledger, back up, restore, and start the GUI offscreen.
#
#   packaging/smoke_test_bundle.sh [BUNDLE_DIR]      (default: dist/station-app)
#
# The GUI has no "show the window and quit" switch, so the GUI step starts the desk
# offscreen, checks that it is still running (no crash, no traceback) after a few
# seconds, and then stops that one process by its id.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUNDLE="${1:-$ROOT/dist/station-app}"
EXE="$BUNDLE/station-app"
[ -x "$EXE" ] || [ -x "$EXE.exe" ] || { echo "FAIL: no executable at $EXE" >&2; exit 1; }
[ -x "$EXE" ] || EXE="$EXE.exe"
GUI_SECONDS="${GUI_SECONDS:-4}"

TMP="$(mktemp -d)"
GUI_PID=""
cleanup() {
  if [ -n "$GUI_PID" ] && kill -0 "$GUI_PID" 2>/dev/null; then kill "$GUI_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# A station PC of its own: private HOME, the file keyring chosen explicitly, offscreen Qt.
export HOME="$TMP/home"
mkdir -p "$HOME"
export PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring
export STATION_APP_ALLOW_PLAINTEXT_KEYRING=1
export STATION_APP_DATA_DIR="$TMP/data"
export STATION_APP_LANG=en
export QT_QPA_PLATFORM=offscreen
unset XDG_DATA_HOME PYTHONPATH

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "version"
want="$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -n1)"
got="$("$EXE" --version)"
echo "$got"
[[ "$got" == *"$want"* ]] || fail "--version says '$got', pyproject.toml says '$want'"

step "the city's association defaults are in the bundle"
# Without them a station not yet enrolled prints QR codes a phone cannot open.
defaults="$(find "$BUNDLE" -path '*resources/association.toml' -print -quit)"
[ -n "$defaults" ] || fail "resources/association.toml is not in the bundle"
grep -q '^public_url = "https://' "$defaults" || fail "$defaults has no https public_url"

step "init-demo"
"$EXE" init-demo || fail "init-demo"

# The demo accounts' password, given as a script gives it (never on the command line).
export SMOKE_PASSWORD=demo1234
as_staff=(--operator 王小明 --password-env SMOKE_PASSWORD)
as_coordinator=(--operator 陈主任 --password-env SMOKE_PASSWORD)

step "record a donation"
receipt="$("$EXE" record "${as_staff[@]}" --kind cash --amount 100 --anonymous)"
echo "$receipt"
[[ "$receipt" =~ ^[A-Z0-9-]+-[0-9]{4}-[0-9]{6}$ ]] || fail "no receipt number: '$receipt'"

step "verify the receipt"
"$EXE" verify "$receipt" | tee "$TMP/verify.txt"
grep -q "genuine" "$TMP/verify.txt" || fail "receipt not verified as genuine"

step "ledger verify"
"$EXE" ledger verify | tee "$TMP/ledger.txt"
grep -q "Ledger intact" "$TMP/ledger.txt" || fail "ledger not intact"

step "backup and restore"
backup="$("$EXE" backup "${as_coordinator[@]}")"
echo "$backup"
[ -f "$backup" ] || fail "backup file $backup missing"
"$EXE" restore "$backup" "${as_coordinator[@]}" || fail "restore"
"$EXE" ledger verify >/dev/null || fail "ledger after restore"

step "GUI offscreen for ${GUI_SECONDS}s"
"$EXE" >"$TMP/gui.out" 2>"$TMP/gui.err" &
GUI_PID=$!
sleep "$GUI_SECONDS"
if ! kill -0 "$GUI_PID" 2>/dev/null; then
  wait "$GUI_PID" && rc=0 || rc=$?
  cat "$TMP/gui.err" >&2
  fail "the GUI exited by itself (status $rc) within ${GUI_SECONDS}s"
fi
kill "$GUI_PID"
wait "$GUI_PID" 2>/dev/null || true
GUI_PID=""
if grep -q "Traceback" "$TMP/gui.err"; then cat "$TMP/gui.err" >&2; fail "traceback from the GUI"; fi
if grep -qi "unexpected error" "$STATION_APP_DATA_DIR"/logs/*.log 2>/dev/null; then
  fail "the GUI logged an unexpected error"
fi

echo "OK: bundle smoke test passed ($want)"
