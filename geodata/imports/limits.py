"""What a file must be before anything reads it: a regular file (reading a FIFO blocks, a device never ends),
of a size this program can hold in memory, and for a KMZ (a ZIP archive) an entry count and an unpacked size,
read from the archive's directory before anything is inflated: a zip bomb is refused unopened.

The sizes follow from memory measured on import: reading takes about 5 times a GeoJSON's or CSV's size,
and GDAL's LIBKML about 35 times a KML's (50 MB of KML: 1.7 GB).
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from geodata.imports.crs_choice import ImportRefused
from geodata.input_files import special_file_kind

MB = 1_000_000
SIZE_LIMITS = {"GeoJSON": 512 * MB, "CSV": 512 * MB, "KML": 64 * MB, "KMZ": 256 * MB,
               "GeoPackage": 2_000 * MB, "Shapefile": 2_000 * MB}  # Shapefile: each part; the format's own limit
KML_LIMIT = SIZE_LIMITS["KML"]  # KML text, also unpacked from a KMZ
KMZ_UNPACKED_LIMIT = 256 * MB  # everything in a KMZ, pictures included
KMZ_ENTRY_LIMIT = 1_000
CONVERT = "Save it as a GeoPackage (in QGIS: Export → Save Features As…), or split it into smaller files."
SPLIT = "Split it into smaller files (in QGIS: select part of the features, then Export → Save Selected Features As…)."


def megabytes(size: int) -> str:
    return f"{size / 1e9:.1f} GB" if size >= 1e9 else f"{max(size / MB, 0.1):.1f} MB"


def check_regular(path: Path) -> None:
    """Refuse, before opening it, anything but a readable regular file (a link to one is fine)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as error:
        if path.is_symlink():
            raise ImportRefused(f"{path.name} is a link to {os.readlink(path)}, which does not exist.") from error
        raise ImportRefused(f"No file at {path}. Check the path.") from error
    except OSError as error:
        raise ImportRefused(f"{path.name} cannot be opened: {error.strerror}.") from error
    if stat.S_ISREG(mode):
        if not os.access(path, os.R_OK):
            raise ImportRefused(f"{path.name} cannot be read: permission denied. Copy it somewhere you can read it, "
                                "or change its permissions.")
        return
    via = f" (through the link to {os.path.realpath(path)})" if path.is_symlink() else ""
    if stat.S_ISDIR(mode):
        raise ImportRefused(f"{path.name} is a folder{via}, not a file. Choose a file inside it (for a shapefile, "
                            "its .shp).")
    kind = special_file_kind(mode)
    raise ImportRefused(f"{path.name} is {kind}{via}, not a regular file; only files are imported, and nothing was "
                        "read from it. Save the data to a file and import that.")


def check_size(path: Path, kind: str) -> None:
    size, limit = path.stat().st_size, SIZE_LIMITS[kind]
    if size > limit:
        raise ImportRefused(
            f"{path.name} is {megabytes(size)}; this program imports {kind} files of up to {megabytes(limit)} "
            f"(reading one takes several times its size in memory). "
            f"{SPLIT if kind in ('GeoPackage', 'Shapefile') else CONVERT}")
    if size == 0:
        raise ImportRefused(f"{path.name} is empty (0 bytes): there is nothing to import. Export the data again.")


def zip_entry_count(path: Path) -> int | None:
    """The entry count in a ZIP archive's end-of-directory record (the ZIP64 one when the archive has it),
    or None when there is no such record: not a ZIP archive. Reads the archive's last 64 KB only."""
    size = path.stat().st_size
    with path.open("rb") as file:
        file.seek(max(0, size - 22 - 0xFFFF))
        tail = file.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            return None
        count = int.from_bytes(tail[at + 10:at + 12], "little")
        if count == 0xFFFF and at >= 20 and tail[at - 20:at - 16] == b"PK\x06\x07":
            file.seek(int.from_bytes(tail[at - 12:at - 4], "little"))
            record = file.read(56)
            if record[:4] == b"PK\x06\x06":
                count = int.from_bytes(record[32:40], "little")
    return count


def check_kmz(path: Path) -> None:
    """Refuse a KMZ whose directory lists too many entries or too much unpacked data, before inflating any."""
    count = zip_entry_count(path)
    if count is None:
        raise ImportRefused(f"{path.name} is not a KMZ: a KMZ is a ZIP archive holding a KML file, and this file is "
                            "not a ZIP archive (or its end is missing). Export it again, or import the KML itself.")
    if count > KMZ_ENTRY_LIMIT:
        raise ImportRefused(f"{path.name} holds {count:,} files; this program reads KMZ archives of up to "
                            f"{KMZ_ENTRY_LIMIT:,} files, and did not unpack it. Unzip it and import its .kml.")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportRefused(f"{path.name} is a damaged ZIP archive ({error}); export it again.") from error
    kml = sum(entry.file_size for entry in entries if entry.filename.lower().endswith(".kml"))
    unpacked = sum(entry.file_size for entry in entries)
    if not kml:
        raise ImportRefused(f"{path.name} has no .kml file inside, so it holds no map data a KMZ can have. "
                            "Export it again.")
    if kml > KML_LIMIT or unpacked > KMZ_UNPACKED_LIMIT:
        what, size, limit = ("KML", kml, KML_LIMIT) if kml > KML_LIMIT else ("data", unpacked, KMZ_UNPACKED_LIMIT)
        raise ImportRefused(
            f"{path.name} is {megabytes(path.stat().st_size)} but unpacks to {megabytes(size)} of "
            f"{what}; this program reads at most {megabytes(limit)} of {what} from a KMZ, and did not unpack it. "
            f"{CONVERT}")
