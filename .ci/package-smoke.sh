#!/usr/bin/env bash
# The installers' test (issue 19): builds the .deb from the jars as they are (no tests run again),
# installs it with dpkg (as root; otherwise, or when a sessiondeck package is already installed,
# unpacks it into a scratch root with dpkg -x), starts the installed launcher with --version and
# with `list --help`, checks the AppCDS archive maps (-Xshare:on), removes the package and checks
# its files are gone. With rpmbuild on the machine (Debian package rpm) it also builds the .rpm and
# reads it back with rpm -qip / -qlp. Prints every step's duration.
#
# The .deb is compressed with gzip here (DPKG_DEB_COMPRESSOR_TYPE): dpkg-deb's default xz takes
# minutes for the 76 MB on two busy cores; the content is the same.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)
last=$t0
step() {
  local now
  now=$(date +%s)
  printf 'package-smoke: %-48s %4d s\n' "$1" $((now - last))
  last=$now
}
fail() {
  echo "package-smoke: FAILED: $*" >&2
  exit 1
}
export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
build() {
  mvn -B -q -Dstyle.color=never -Ppackage -pl packaging -am package -DskipTests -Djpackage.type="$1"
}
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

build deb
deb="$(ls packaging/target/installers/sessiondeck_*.deb)"
step "built $(basename "$deb") ($(du -m "$deb" | cut -f1) MB)"
cp "$deb" "$scratch/"
deb="$scratch/$(basename "$deb")"

by_dpkg=false
if [ "$(id -u)" = 0 ] && ! dpkg -s sessiondeck >/dev/null 2>&1; then
  by_dpkg=true
  dpkg -i "$deb" >"$scratch/dpkg-i.log" 2>&1 || { cat "$scratch/dpkg-i.log" >&2; fail "dpkg -i"; }
  root=/
  step "installed with dpkg -i"
else
  dpkg -x "$deb" "$scratch/root"
  root="$scratch/root/"
  step "unpacked into a scratch root (dpkg -x)"
fi
launcher="${root}opt/sessiondeck/bin/sessiondeck"
[ -x "$launcher" ] || fail "no launcher at $launcher"

version="$("$launcher" --version)"
[[ "$version" =~ ^SessionDeck\ [0-9]+\.[0-9]+ ]] || fail "--version printed '$version'"
help="$("$launcher" list --help)"
grep -q '^Usage: sessiondeck list' <<<"$help" || fail "list --help printed: $help"
step "launcher: --version ('$version') and list --help"

if $by_dpkg; then
  [ "$(readlink /usr/bin/sessiondeck)" = /opt/sessiondeck/bin/sessiondeck ] || fail "no /usr/bin/sessiondeck link"
  if [ -f /opt/sessiondeck/lib/app/sessiondeck.classlist ]; then
    [ -f /opt/sessiondeck/lib/app/sessiondeck.jsa ] || fail "postinst made no AppCDS archive"
    # -Xshare:on: the JVM stops when it cannot map the archive (a class path mismatch, a changed jar)
    JAVA_TOOL_OPTIONS=-Xshare:on sessiondeck --version >/dev/null 2>"$scratch/xshare.log" \
      || { cat "$scratch/xshare.log" >&2; fail "the AppCDS archive does not map"; }
    step "AppCDS archive $(du -m /opt/sessiondeck/lib/app/sessiondeck.jsa | cut -f1) MB maps (-Xshare:on)"
  else
    echo "package-smoke: the package has no class list (no display at build time): no AppCDS archive" >&2
  fi
  dpkg -r sessiondeck >"$scratch/dpkg-r.log" 2>&1 || { cat "$scratch/dpkg-r.log" >&2; fail "dpkg -r"; }
  [ ! -e /opt/sessiondeck ] || fail "/opt/sessiondeck left after dpkg -r: $(find /opt/sessiondeck | head)"
  [ ! -e /usr/bin/sessiondeck ] && [ ! -L /usr/bin/sessiondeck ] || fail "/usr/bin/sessiondeck left after dpkg -r"
  dpkg -P sessiondeck >/dev/null 2>&1 || true
  step "removed with dpkg -r, files gone"
fi

if command -v rpmbuild >/dev/null && command -v rpm >/dev/null; then
  build rpm
  rpmfile="$(ls packaging/target/installers/sessiondeck-*.rpm)"
  rpm -qip "$rpmfile" >"$scratch/rpm-qip" 2>&1 || { cat "$scratch/rpm-qip" >&2; fail "rpm -qip"; }
  grep -q '^Name *: sessiondeck' "$scratch/rpm-qip" || fail "rpm -qip: $(cat "$scratch/rpm-qip")"
  # the list in a file first: with pipefail, grep -q ending the pipe early makes rpm die of SIGPIPE
  rpm -qlp "$rpmfile" >"$scratch/rpm-qlp" 2>/dev/null || { cat "$scratch/rpm-qlp" >&2; fail "rpm -qlp"; }
  grep -qx /opt/sessiondeck/bin/sessiondeck "$scratch/rpm-qlp" || fail "the .rpm has no /opt/sessiondeck/bin/sessiondeck"
  step "built $(basename "$rpmfile") ($(du -m "$rpmfile" | cut -f1) MB), rpm -qip/-qlp"
else
  echo "package-smoke: no rpmbuild (Debian package rpm): .rpm not built" >&2
fi
echo "package-smoke: passed in $(( $(date +%s) - t0 )) s"
