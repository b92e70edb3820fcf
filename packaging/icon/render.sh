#!/usr/bin/env bash
# Renders sessiondeck.svg into the sizes each platform wants; the results are committed, so that
# builds need none of these tools. Run it again after editing the SVG. Debian packages:
#   apt-get install librsvg2-bin icoutils icnsutils
# Writes, next to this script:
#   sessiondeck-<N>.png   N = 16 24 32 48 64 128 256 512 (Linux: jpackage --icon takes the 512)
#   sessiondeck.ico       Windows (16 to 256; the 256 stored as PNG)
#   sessiondeck.icns      macOS (16 32 48 128 256 512)
# and copies 16 to 256 into the app's resources for the window's icons (Stage.getIcons()).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app_icons="$here/../../app/src/main/resources/dev/sessiondeck/app/icon"
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "render.sh: $tool missing (apt-get install librsvg2-bin icoutils icnsutils)" >&2; exit 1; }
done
cd "$here"
for n in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$n" --height "$n" sessiondeck.svg --output "sessiondeck-$n.png"
done
icotool --create --output sessiondeck.ico sessiondeck-16.png sessiondeck-24.png sessiondeck-32.png \
  sessiondeck-48.png sessiondeck-64.png sessiondeck-128.png --raw=sessiondeck-256.png
png2icns sessiondeck.icns sessiondeck-16.png sessiondeck-32.png sessiondeck-48.png sessiondeck-128.png \
  sessiondeck-256.png sessiondeck-512.png >/dev/null
mkdir -p "$app_icons"
for n in 16 32 48 64 128 256; do
  cp "sessiondeck-$n.png" "$app_icons/"
done
ls -l sessiondeck*.png sessiondeck.ico sessiondeck.icns
