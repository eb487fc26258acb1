#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for PacketLens, then runs the app or the tests.
#   scripts/setup.sh start   install, build, start the desktop app
#   scripts/setup.sh serve   install, build, start browser mode
#   scripts/setup.sh test    install, then the whole test suite (what CI runs)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"

# libpcap-dev: builds cap (live capture); tshark: reference for differential tests;
# chromium: end-to-end tests in browser mode; tcpdump, iproute2, iputils-ping: capture tests;
# fonts-wqy-zenhei: Chinese text in screenshots.
packages=(libpcap-dev tshark chromium tcpdump iproute2 iputils-ping build-essential python3 fonts-wqy-zenhei)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "Installing system packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

case "$mode" in
  start) exec npm start ;;
  serve) shift; exec npm run serve -- "$@" ;;
  test) exec npm test ;;
  *) echo "usage: scripts/setup.sh start|serve|test" >&2; exit 2 ;;
esac
