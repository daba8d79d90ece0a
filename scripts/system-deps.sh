#!/usr/bin/env bash
# The Debian/Ubuntu packages baiwen needs, listed once: the README's two commands and .ci/run call this,
# so they cannot drift apart. Runs apt-get directly as root, through sudo otherwise.
#
#   bash scripts/system-deps.sh app    # run the station: Python + venv + the Qt runtime libraries
#   bash scripts/system-deps.sh test   # app + poppler-utils (the PDF tests read pages with pdftotext/pdftoppm)
#   bash scripts/system-deps.sh ci     # test + PostgreSQL (store tests) + binutils (PyInstaller needs objdump)
#   bash scripts/system-deps.sh --list test   # print the packages, install nothing
#
# The Qt list is what `ldd` reports for PySide6's libraries and its xcb platform plugin on a bare Debian 12
# (libglib2.0-0 and libgl1 are the two a minimal image lacks most often). The PyInstaller bundle
# (build.spec) ships none of these: it uses the host's, and libcups2 for printing (Qt's CUPS plugin).
set -euo pipefail

APP=(
  python3 python3-venv
  libglib2.0-0 libgl1 libegl1 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1
  libcups2
)
TEST=(poppler-utils)
CI=(postgresql binutils)

list_only=0
if [ "${1:-}" = "--list" ]; then list_only=1; shift; fi
case "${1:-app}" in
  app) pkgs=("${APP[@]}") ;;
  test) pkgs=("${APP[@]}" "${TEST[@]}") ;;
  ci) pkgs=("${APP[@]}" "${TEST[@]}" "${CI[@]}") ;;
  *) echo "usage: bash scripts/system-deps.sh [--list] app|test|ci" >&2; exit 64 ;;
esac

if [ "$list_only" = 1 ]; then
  printf '%s\n' "${pkgs[@]}"
  exit 0
fi

# Nothing to do when every package is already there (works without root, and offline).
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" = 0 ]; then
  echo "system-deps: all ${#pkgs[@]} packages present" >&2
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "system-deps: 需要 root 权限安装：${missing[*]}（请以 root 运行，或先安装 sudo）" >&2
  echo "system-deps: root is needed to install: ${missing[*]} (run as root, or install sudo)" >&2
  exit 1
fi

echo "system-deps: installing ${missing[*]}" >&2
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
