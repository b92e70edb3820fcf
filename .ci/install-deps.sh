#!/usr/bin/env bash
# Debian packages the tests need beyond the JDK and Maven: a CJK font, so that Chinese text renders in
# the headless UI tests and the screenshot. Idempotent; does nothing when the font is there.
set -euo pipefail
if fc-list 2>/dev/null | grep -qi 'wqy'; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-deps: fonts-wqy-microhei is missing and this is not a root Debian machine; Chinese text will not render" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends fontconfig fonts-wqy-microhei >/dev/null
