"""What to tell a user whose file cannot be read as the format its name says: what it is instead, judged by
its first bytes (a PDF, a ZIP archive, an HTML page from a failed download), where its JSON breaks or ends,
and otherwise GDAL's own reason.
"""

from __future__ import annotations

import json
from pathlib import Path

from geodata.imports.crs_choice import ImportRefused
from geodata.imports.limits import MB
from geodata.imports.text_encoding import file_chunks, text_encoding, undecodable

JSON_CHECKED_BYTES = 20 * MB  # GeoJSON GDAL cannot read is parsed again, up to this size, to say why
# What a file is, by its first bytes, when it is not what its extension says.
FILE_SIGNATURES = (
    (b"%PDF", "a PDF document", ()), (b"PK\x03\x04", "a ZIP archive (or a Word/Excel .docx/.xlsx file)", ("KMZ",)),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc/.xls)", ()), (b"\x89PNG", "a PNG image", ()),
    (b"\xff\xd8\xff", "a JPEG image", ()), (b"\x1f\x8b", "a gzip-compressed file", ()),
    (b"SQLite format 3\x00", "an SQLite database", ("GeoPackage",)), (b"Rar!", "a RAR archive", ()),
    (b"7z\xbc\xaf", "a 7-Zip archive", ()), (b"{\\rtf", "an RTF document", ()),
)


def unreadable(source: Path, kind: str, error: Exception) -> ImportRefused:
    """A message for a file GDAL cannot read that says what it is instead, when that can be told."""
    reason = str(error).split("\n")[0].split("; It might help")[0].rstrip(".")
    reason = reason.replace(str(source), source.name)
    instead = what_it_is(source, kind)
    if instead:
        return ImportRefused(f"{source.name} cannot be read as {kind}: it is {instead}. Open it in the program "
                             f"that made it and export it as {kind}, or choose the right file.")
    if kind == "GeoPackage":
        if what_it_is(source, "") == "an SQLite database":
            return ImportRefused(f"{source.name} is an SQLite database that cannot be read as a GeoPackage: {reason}. "
                                 "Export it again from the program that made it (in QGIS: save its layers as a "
                                 "GeoPackage).")
        return ImportRefused(f"{source.name} is not a GeoPackage: a GeoPackage is an SQLite database, and this file "
                             "does not start like one. Choose the right file, or export the data again.")
    if kind == "GeoJSON" and source.stat().st_size <= JSON_CHECKED_BYTES:
        found = json_problem(source)
        if found:
            return ImportRefused(f"{source.name} cannot be read as GeoJSON: {found}")
    return ImportRefused(
        f"{source.name} cannot be read as {kind}: {reason}. The file may be truncated or damaged; export it again "
        "from the program that made it."
    )


def what_it_is(source: Path, kind: str) -> str | None:
    """What a file is by its first bytes, when that is not `kind`: a PDF, a ZIP archive, an HTML page …"""
    with source.open("rb") as file:
        head = file.read(64)
    for signature, name, kinds in FILE_SIGNATURES:
        if head.startswith(signature) and kind not in kinds:
            return name
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "an HTML page (a download that failed, perhaps)"
    return None


def json_problem(source: Path) -> str | None:
    """Why a GeoJSON file GDAL refused is not GeoJSON: invalid or cut-short JSON, or JSON of another kind."""
    found = text_encoding(source)
    if found is None:
        return None
    text = b"".join(file_chunks(source)).decode(found.codec)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        if error.pos >= len(text.rstrip()) - 1:
            return (f"it ends in the middle of the JSON ({where}): the file is truncated or damaged. Export it again "
                    "from the program that made it.")
        return (f"it is not valid JSON: {error.msg} at {where}. The file is damaged, or was edited by hand; export "
                "it again from the program that made it, or fix it at that place.")
    if isinstance(document, dict) and document.get("type") in ("FeatureCollection", "Feature"):
        return None
    return ('it is JSON, but not GeoJSON: the top level must be an object with "type": "FeatureCollection" (or a '
            'Feature or a geometry). Export the data as GeoJSON from the program that made it.')


def undecodable_file(source: Path, kind: str) -> str:
    instead = what_it_is(source, kind)
    if instead:
        return f"{source.name} cannot be read as {kind}: it is {instead}. Choose the right file."
    return undecodable(source.name, "text")
