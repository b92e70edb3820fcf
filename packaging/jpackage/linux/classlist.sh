#!/usr/bin/env bash
# Records the classes the window loads up to its first frame, for the installed package's AppCDS
# archive (postinst dumps it at /opt/sessiondeck; see packaging/README.md):
#   classlist.sh IMAGE_DIR LAUNCHER_NAME
# Starts IMAGE_DIR/bin/LAUNCHER_NAME with -XX:DumpLoadedClassList and
# -Dsessiondeck.exitAfterFirstFrame=true on a display (DISPLAY, else a private Xvfb through
# xvfb-run) and writes IMAGE_DIR/lib/app/sessiondeck.classlist. Without a display it warns and
# writes nothing: the package then starts without an archive.
set -euo pipefail
image="$1"
launcher="$image/bin/$2"
list="$image/lib/app/sessiondeck.classlist"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -f "$list"
run=()
if [ -z "${DISPLAY:-}" ]; then
  if ! command -v xvfb-run >/dev/null; then
    echo "classlist.sh: no DISPLAY and no xvfb-run (Debian: xvfb): no class list, the package starts without AppCDS" >&2
    exit 0
  fi
  run=(xvfb-run --auto-servernum --server-args="-screen 0 1920x1080x24")
fi
export JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$list -Dsessiondeck.exitAfterFirstFrame=true -Dsessiondeck.config.dir=$work/config"
if "${run[@]}" timeout 120 "$launcher" >"$work/out" 2>"$work/err" && grep -q '^FIRST_FRAME ' "$work/out"; then
  echo "classlist.sh: $(wc -l <"$list") classes loaded up to the first frame -> $list"
else
  echo "classlist.sh: the window did not report its first frame; no class list:" >&2
  cat "$work/out" "$work/err" >&2
  rm -f "$list"
fi
