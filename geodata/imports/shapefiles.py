"""What a shapefile's own bytes say before GDAL reads it: which encoding its attribute table (.dbf) is in,
with the .cpg cross-checked against the bytes, and how many records a cut-short .shp, .shx or .dbf lost.

Layouts: the .shp and .shx start with a 100-byte header (file code 9994 and the file length in 16-bit
words, big-endian); each .shx record is the offset and length of one .shp record, in words. The .dbf
header gives the record count, header length and record length (little-endian), then 32-byte field
descriptors (name, type, length) up to a 0x0D byte.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from geodata.imports.crs_choice import ImportRefused
from geodata.imports.text_encoding import GB18030, UTF8, cpg_codec, decodes, is_ascii

SHAPEFILE_CODE = 9994
HEADER_BYTES = 100
RECORDS_PER_CHUNK = 50_000


@dataclass(frozen=True)
class TableEncoding:
    """How to decode a .dbf: the codec for pyogrio, the label for the report, and a warning when the
    .cpg was overruled or some bytes decode in no encoding (`clean` False: they are read with �)."""

    codec: str
    label: str
    note: str | None = None
    clean: bool = True


@dataclass(frozen=True)
class TableLayout:
    header_bytes: int
    record_bytes: int
    declared_records: int
    complete_records: int  # whole records the file holds (fewer than declared when it is cut short)
    names: bytes  # the field names, NUL-stripped and joined by spaces
    text_columns: np.ndarray  # per byte of a record: does it belong to a character (C) field


@dataclass(frozen=True)
class RecordCheck:
    """How many of a shapefile's records can be read whole, and why the others cannot."""

    declared: int
    readable: int  # the first `readable` records have their attributes (pass as max_features)
    geometry_lost: int  # of those, records whose shape lies past the end of the .shp
    reasons: tuple[str, ...]

    @property
    def lost(self) -> int:
        return self.declared - self.readable + self.geometry_lost


def companion(shp: Path, suffix: str) -> Path | None:
    """A shapefile's companion file, in either letter case (.dbf / .DBF)."""
    for candidate in (shp.with_suffix(suffix), shp.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate
    return None


def read_head(path: Path, size: int) -> bytes:
    with path.open("rb") as file:
        return file.read(size)


def table_layout(dbf: Path) -> TableLayout | None:
    """The .dbf's header, or None when the file is too short to have one."""
    with dbf.open("rb") as file:
        head = file.read(32)
        if len(head) < 32:
            return None
        header_bytes = int.from_bytes(head[8:10], "little")
        record_bytes = int.from_bytes(head[10:12], "little")
        descriptors = file.read(max(0, header_bytes - 32))
    names, columns, position = [], np.zeros(max(record_bytes, 1), dtype=bool), 1  # byte 0: deletion flag
    for start in range(0, len(descriptors) - 31, 32):
        descriptor = descriptors[start:start + 32]
        if descriptor[0] == 0x0D:
            break
        length = descriptor[16]
        names.append(descriptor[:11].split(b"\0")[0])
        if descriptor[11:12] in (b"C", b"c"):
            columns[position:position + length] = True
        position += length
    size = dbf.stat().st_size
    complete = max(0, size - header_bytes) // record_bytes if record_bytes else 0
    declared = int.from_bytes(head[4:8], "little")
    return TableLayout(header_bytes, record_bytes, declared, min(complete, declared), b" ".join(names), columns)


def table_text(dbf: Path, layout: TableLayout) -> Iterator[bytes]:
    """The bytes of the field names and of every character field of the complete records, in chunks."""
    yield layout.names
    if not layout.text_columns.any():
        return
    with dbf.open("rb") as file:
        file.seek(layout.header_bytes)
        left = layout.complete_records
        while left > 0:
            count = min(left, RECORDS_PER_CHUNK)
            block = file.read(count * layout.record_bytes)
            count = len(block) // layout.record_bytes
            if count == 0:
                return
            records = np.frombuffer(block[:count * layout.record_bytes], dtype=np.uint8)
            yield records.reshape(count, layout.record_bytes)[:, layout.text_columns].tobytes()
            left -= count


def shapefile_encoding(shp: Path) -> TableEncoding:
    """The encoding of a shapefile's attribute table. The bytes decide and the .cpg is checked against them:
    text that is valid UTF-8 is UTF-8 whatever the .cpg says (UTF-8 Chinese also decodes as GBK, into
    nonsense); otherwise the .cpg's encoding when it decodes cleanly, else GB18030."""
    cpg, dbf = companion(shp, ".cpg"), companion(shp, ".dbf")
    declared = read_head(cpg, 64).decode("ascii", "ignore").strip() if cpg else ""
    named = cpg_codec(declared) if declared else None
    layout = table_layout(dbf) if dbf else None
    if layout is None or is_ascii(table_text(dbf, layout)):
        return TableEncoding(named or UTF8, f"{declared} (from {cpg.name})" if named else "UTF-8")
    if named not in (None, UTF8) and not decodes(table_text(dbf, layout), UTF8) \
            and decodes(table_text(dbf, layout), named):
        return TableEncoding(named, f"{declared} (from {cpg.name})")
    codec = next((codec for codec in (UTF8, GB18030) if decodes(table_text(dbf, layout), codec)), None)
    if codec is not None and (codec == named or not declared):
        return TableEncoding(codec, "UTF-8" if codec == UTF8 else
                             "GB18030 (detected: the attribute table is not valid UTF-8)")
    unknown = bool(declared) and named is None
    said = (f"{cpg.name} names {declared!r}, an encoding this program does not know" if unknown
            else f"{cpg.name} says {declared}" if declared else "there is no .cpg")
    table, fix = f"the attribute table of {shp.name}", f"Correct or delete {cpg.name}." if cpg else ""
    if codec == UTF8:
        never = "" if unknown else f", which text in {declared} almost never is (as {declared}, 名称 would read 鍚嶇О)"
        return TableEncoding(codec, f"UTF-8 (detected; {said})",
                             f"{said}; {table} is valid UTF-8{never}, so it was read as UTF-8. {fix}")
    if codec == GB18030:
        invalid = "" if unknown else f"is not valid {declared} but "
        return TableEncoding(codec, f"GB18030 (detected; {said})", (
            f"{said}; {table} {invalid}decodes cleanly as GB18030 (the superset of GBK), so it was read as "
            f"GB18030. {fix}"))
    codec = named if named not in (None, UTF8) else GB18030
    return TableEncoding(
        codec, f"{codec.upper()} (some bytes are invalid; {said})",
        f"{dbf.name} has text that is valid in no encoding this program knows ({said}); it was read as "
        f"{codec.upper()}, and the bytes that do not decode are shown as �. Check the attribute table in the "
        "program that made it.", clean=False)


def shx_records(shx: Path) -> np.ndarray:
    """The .shx index: (offset, length) of each .shp record, in bytes."""
    data = np.fromfile(shx, dtype=">i4", offset=HEADER_BYTES)
    return data[:len(data) // 2 * 2].reshape(-1, 2).astype(np.int64) * 2


def header_code_and_length(path: Path) -> tuple[int, int]:
    head = read_head(path, HEADER_BYTES)
    if len(head) < HEADER_BYTES:
        return -1, 0
    return int.from_bytes(head[0:4], "big"), int.from_bytes(head[24:28], "big") * 2


def check_records(shp: Path) -> RecordCheck:
    """Refuse a file that is no shapefile or whose index is cut short; count the records a cut-short .shp
    or .dbf lost (GDAL reads those as features without geometry, or fails on the .dbf)."""
    shx, dbf = companion(shp, ".shx"), companion(shp, ".dbf")
    again = "Copy the shapefile again from where it came from, all its files (.shp, .shx, .dbf) together."
    for part in (shp, shx):
        code, _ = header_code_and_length(part)
        if code != SHAPEFILE_CODE:
            size = part.stat().st_size
            raise ImportRefused(
                f"{part.name} is not a shapefile part: " + (
                    f"it is only {size} bytes, shorter than the 100-byte header every one starts with. "
                    if size < HEADER_BYTES else "its first bytes are not a shapefile header. ") + again)
    shp_size = shp.stat().st_size
    _, shp_declared = header_code_and_length(shp)
    _, shx_declared = header_code_and_length(shx)
    index = shx_records(shx)
    indexed = (shx_declared - HEADER_BYTES) // 8
    if len(index) < indexed:
        raise ImportRefused(
            f"{shx.name} is cut short: it indexes {len(index)} of the {indexed} records its header declares, so "
            f"the records of {shp.name} cannot be found. {again}")
    layout = table_layout(dbf)
    if layout is None:
        raise ImportRefused(f"{dbf.name} is not a dBASE table: it is shorter than the 32-byte header. {again}")
    reasons = []
    readable = min(len(index), layout.complete_records)
    if layout.complete_records < layout.declared_records:
        reasons.append(f"{dbf.name} is cut short: it holds {layout.complete_records} whole "
                       f"record{'' if layout.complete_records == 1 else 's'} of the {layout.declared_records} its "
                       "header declares")
    elif len(index) != layout.declared_records:
        reasons.append(f"{shx.name} indexes {len(index)} records but {dbf.name} holds {layout.declared_records}")
    ends = index[:readable, 0] + 8 + index[:readable, 1]
    beyond = int((ends > shp_size).sum())
    if beyond:
        reasons.append(f"{shp.name} is cut short ({shp_size:,} of the {shp_declared:,} bytes its header "
                       f"declares): the geometry of {beyond} record{'s' if beyond > 1 else ''} lies past its end")
    declared = max(len(index), layout.declared_records)
    return RecordCheck(declared, readable, beyond, tuple(reasons))


def lost_records_note(check: RecordCheck) -> str | None:
    if not check.reasons:
        return None
    return (f"{check.lost} of {check.declared} records lost: " + "; ".join(check.reasons)
            + ". Copy the shapefile again from where it came from (all its files together) to get them back.")
