#!/usr/bin/env bash
# Debian packages the tests need beyond the JDK and Maven, installed only when missing (idempotent):
# - a CJK font (fonts-wqy-microhei), so that Chinese text renders in the headless UI tests and the
#   screenshot;
# - the OpenSSH server (openssh-server: /usr/sbin/sshd, ssh-keygen, ssh-agent), which the SSH tunnel
#   tests start on a loopback port (core's SshServer test fixture). On CI (CI=true) those tests fail
#   rather than skip when sshd is missing.
# - the installers' tools, for .ci/package-smoke.sh: fakeroot and dpkg-deb (the .deb), binutils'
#   objcopy (jlink --strip-debug), rpm's rpmbuild (the .rpm), xvfb's xvfb-run (the window's class
#   list for the package's AppCDS archive) and xdg-utils (a dependency of the .deb: its menu entry).
# The tests create the local user of the password test themselves (when run as root).
set -euo pipefail
missing=()
# the font list in a variable first: with pipefail, grep -q ending the pipe early fails fc-list (SIGPIPE)
fonts="$(fc-list 2>/dev/null || true)"
if ! grep -qi 'wqy' <<<"$fonts"; then
  missing+=(fontconfig fonts-wqy-microhei)
fi
if [ ! -x /usr/sbin/sshd ] || ! command -v ssh-keygen >/dev/null || ! command -v ssh-agent >/dev/null; then
  missing+=(openssh-server openssh-client)
fi
command -v fakeroot >/dev/null || missing+=(fakeroot)
command -v objcopy >/dev/null || missing+=(binutils)
command -v rpmbuild >/dev/null || missing+=(rpm)
command -v xvfb-run >/dev/null || missing+=(xvfb xauth)
command -v xdg-desktop-menu >/dev/null || missing+=(xdg-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-deps: ${missing[*]} missing and this is not a root Debian machine: without the font Chinese text" \
       "does not render; without sshd the SSH tunnel tests are skipped (on CI, CI=true, they fail);" \
       "without fakeroot, objcopy or xdg-utils .ci/package-smoke.sh fails" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# policy-rc.d: do not start the system's own sshd service while installing (the tests start their own)
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
