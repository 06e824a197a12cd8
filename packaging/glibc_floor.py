"""The oldest glibc a bundle runs on: the highest GLIBC_x.y symbol version its shared objects need.

    python packaging/glibc_floor.py [dist/plan-map] [--top N]

Reads each ELF file's version needs (.gnu.version_r) with pyelftools, or from `objdump -T` where pyelftools
is missing, and names the files that set the floor. Then says what would bring it down to the glibc of UOS
V20 / Kylin V10 (2.28–2.31): the PySide6 wheels' manylinux tag is a floor of its own, and the libraries
PyInstaller copies from the build machine (libstdc++, GnuTLS, NSS …) need that machine's glibc.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path

TARGET = (2, 31)  # Kylin V10 SP1/SP2 and UOS V20 (1050+) have glibc 2.28–2.31
GLIBC = re.compile(r"GLIBC_(\d+)\.(\d+)(?:\.\d+)?")  # GLIBC_2.2.5 is x86_64's first version
# Newest PySide6 whose wheels need at most glibc 2.31, from pip's resolver with --platform manylinux_2_{17..31}
# (checked 2026-11; re-check: pip install --dry-run --only-binary=:all: --platform manylinux_2_31_x86_64 …
# --platform manylinux_2_17_x86_64 --python-version 3.11 --target /tmp/probe PySide6).
OLDER_PYSIDE6 = {"x86_64": ("6.9.3", "manylinux_2_28"), "aarch64": ("6.8.0.2", "manylinux_2_31")}


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def glibc_versions(path: Path) -> set[tuple[int, int]]:
    """The GLIBC_x.y versions `path` needs from the C library (libc, libm, libpthread, libdl, ld.so …)."""
    try:
        from elftools.elf.elffile import ELFFile
    except ImportError:
        return objdump_versions(path)
    with path.open("rb") as handle:
        section = ELFFile(handle).get_section_by_name(".gnu.version_r")
        if section is None:
            return set()
        names = [aux.name for _, auxiliaries in section.iter_versions() for aux in auxiliaries]
    return {(int(m[1]), int(m[2])) for m in map(GLIBC.fullmatch, names) if m}


def objdump_versions(path: Path) -> set[tuple[int, int]]:
    if shutil.which("objdump") is None:
        raise SystemExit("Neither pyelftools (pip install pyelftools) nor objdump (apt install binutils) is there.")
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=False).stdout
    return {(int(major), int(minor)) for major, minor in GLIBC.findall(out)}


def glibc_needs(folder: Path) -> dict[Path, tuple[int, int]]:
    """Each ELF file under `folder` → the highest glibc version it needs (files that need none left out)."""
    needs = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            versions = glibc_versions(path)
            if versions:
                needs[path] = max(versions)
    return needs


def wheel_tags(distribution: str) -> list[str]:
    """The platform tags of an installed wheel, e.g. ['manylinux_2_34_x86_64'] (empty if not installed)."""
    try:
        wheel = metadata.distribution(distribution).read_text("WHEEL") or ""
    except metadata.PackageNotFoundError:
        return []
    return [line.split("-")[-1] for line in wheel.splitlines() if line.startswith("Tag:")]


def version_text(version: tuple[int, int]) -> str:
    return f"{version[0]}.{version[1]}"


def report(folder: Path, top: int) -> int:
    needs = glibc_needs(folder)
    if not needs:
        print(f"No ELF file that needs glibc under {folder}.")
        return 1
    floor = max(needs.values())
    print(f"glibc floor of {folder}: {version_text(floor)} (the highest GLIBC_ version over {len(needs)} ELF files)")
    by_version: dict[tuple[int, int], list[Path]] = defaultdict(list)
    for path, version in needs.items():
        by_version[version].append(path)
    for version in sorted(by_version, reverse=True)[:3]:
        files = by_version[version]
        if version <= TARGET:
            break
        names = ", ".join(str(p.relative_to(folder)) for p in files[:top])
        more = f" and {len(files) - top} more" if len(files) > top else ""
        print(f"  needs {version_text(version)}: {names}{more}")
    tags = wheel_tags("PySide6-Essentials") or wheel_tags("PySide6")
    pyside = metadata.version("PySide6") if tags else "?"
    if floor <= TARGET:
        print(f"Runs on UOS V20 / Kylin V10 (glibc 2.28–{version_text(TARGET)}).")
        return 0
    print(f"Too new for UOS V20 / Kylin V10 (glibc 2.28–{version_text(TARGET)}). PySide6 {pyside} wheels are "
          f"{', '.join(tags) or 'not installed here'}; to go below {version_text(TARGET)}:")
    for machine, (version, tag) in OLDER_PYSIDE6.items():
        print(f"  {machine}: PySide6=={version} ({tag} wheels), built on a base with glibc ≤ 2.28 "
              "(Debian 10, AlmaLinux/Rocky 8), so the libraries PyInstaller copies from it are as old")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path("dist/plan-map"), help="the bundle's folder")
    parser.add_argument("--top", type=int, default=6, help="files named per version")
    args = parser.parse_args(argv)
    return report(args.folder, args.top)


if __name__ == "__main__":
    sys.exit(main())
