"""Reading the files a user imports: GeoJSON, Shapefile, GeoPackage, KML/KMZ (through GDAL) and CSV with
longitude/latitude columns (through pandas), into attributes + an array of shapely geometries.

Nothing is read before limits.py has checked the file (a regular file, within the size limits, a KMZ's
directory). Text is decoded by its bytes (text_encoding.py): GeoJSON and KML that are not UTF-8 are handed to
GDAL as a UTF-8 copy; a shapefile's table is decoded as its bytes say, with the .cpg checked against them
(shapefiles.py). A geometry GEOS refuses (an unclosed ring) is repaired or counted, never a traceback.
"""

from __future__ import annotations

import errno
import re
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pyogrio.raw
import shapely
from pyogrio.errors import DataLayerError, DataSourceError
from pyogrio.util import vsi_path
from shapely.errors import ShapelyError

from geodata.imports import limits
from geodata.imports.crs_choice import ImportRefused
from geodata.imports.diagnosis import undecodable_file, unreadable
from geodata.imports.shapefiles import RecordCheck, check_records, companion, lost_records_note, shapefile_encoding
from geodata.imports.text_encoding import UTF8, TextEncoding, text_encoding, transcode_to_utf8, undecodable

FORMATS = {
    ".geojson": "GeoJSON", ".json": "GeoJSON", ".shp": "Shapefile", ".gpkg": "GeoPackage",
    ".kml": "KML", ".kmz": "KMZ", ".csv": "CSV",
}
WGS84_BY_SPEC = ("GeoJSON", "KML", "KMZ")  # RFC 7946 and the KML spec: always WGS 84 lon/lat
SHAPEFILE_PARTS = (".shx", ".dbf")
SHAPEFILE_OPTIONAL_PARTS = (".prj", ".cpg")
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "经度", "东经", "x坐标")
LAT_NAMES = ("lat", "latitude", "y", "纬度", "北纬", "y坐标")
GDAL_ERRORS = (DataSourceError, DataLayerError)  # DataLayerError covers pyogrio's feature, field, geometry, CRS errors
# A codec that maps every byte to a character, so text read in it gives its bytes back (.encode) to be decoded
# with replacement characters. Not "latin-1": pyogrio has GDAL recode a shapefile's text with iconv, which
# knows that name only as LATIN1.
BYTES_AS_TEXT = "iso8859-15"


@dataclass(frozen=True)
class SourceLayer:
    """One layer of a source file, as layers_in lists it (for the layer picker)."""

    name: str
    geometry_type: str
    features: int


@dataclass
class SourceData:
    """One layer read from a source: attributes, geometries (source CRS), what the file declares, and what
    reading it found wrong (sentences for the import report)."""

    layer: str
    attributes: pd.DataFrame
    geometries: np.ndarray
    declared_crs: str | None
    encoding: str
    notes: list[str] = field(default_factory=list)
    records_lost: int = 0  # records of the file that could not be read at all (a cut-short shapefile)
    rings_closed: int = 0  # geometries GEOS refused (an unclosed ring) that were repaired while reading
    unreadable: int = 0  # geometries that could not be read or repaired (counted as without geometry)


@dataclass
class GdalInput:
    """What GDAL reads for a source: a path pyogrio passes on as it is (a link or a UTF-8 copy in a temporary
    folder when needed), the encoding to decode its text with, and what checking it found."""

    source: Path
    kind: str
    path: str
    codec: str | None  # for pyogrio; None: the driver's own (UTF-8)
    label: str
    clean: bool = True  # False: read as BYTES_AS_TEXT and decoded again in `codec`, bad bytes shown as �
    records: RecordCheck | None = None
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what GDAL warned about while reading, each once

    @property
    def encoding(self) -> str | None:
        return self.codec if self.clean else BYTES_AS_TEXT


def importable_files(paths: list[Path]) -> list[Path]:
    """The files among `paths` (e.g. dropped on the window) that can be imported, each once: a shapefile
    dropped with its .dbf/.shx/.prj is its .shp; other files are left out."""
    found: list[Path] = []
    for path in map(Path, paths):
        suffix = path.suffix.lower()
        if suffix in (*SHAPEFILE_PARTS, ".prj", ".cpg") and path.with_suffix(".shp").is_file():
            path, suffix = path.with_suffix(".shp"), ".shp"
        if suffix in FORMATS and path not in found:
            found.append(path)
    return found


def file_format(source: Path) -> str:
    found = FORMATS.get(source.suffix.lower())
    if found is None:
        hint = " Unzip it and import the file inside (e.g. its .shp)." if source.suffix.lower() == ".zip" else ""
        raise ImportRefused(
            f"{source.name}: {source.suffix or 'no extension'} is not a format this program imports.{hint} "
            f"Use one of: {', '.join(sorted(FORMATS))}."
        )
    return found


def check_readable(source: Path) -> str:
    """The file's format, after checking it and its companion files before anything reads them: regular
    files, present, within the size limits; a KMZ's directory within its limits."""
    limits.check_regular(source)
    kind = file_format(source)
    limits.check_size(source, kind)
    if kind == "Shapefile":
        missing = [source.with_suffix(part).name for part in SHAPEFILE_PARTS if not companion(source, part)]
        if missing:
            raise ImportRefused(
                f"The shapefile {source.name} is incomplete: {' and '.join(missing)} is missing. A shapefile is "
                "several files with one name (.shp, .shx, .dbf, and .prj, .cpg when present); copy them together."
            )
        for part in (*SHAPEFILE_PARTS, *SHAPEFILE_OPTIONAL_PARTS):
            found = companion(source, part)
            if found is not None:
                limits.check_regular(found)
                limits.check_size(found, kind)
    elif kind == "KMZ":
        limits.check_kmz(source)
    return kind


def checked(source: Path) -> tuple[Path, str]:
    source = Path(source).absolute()
    return source, check_readable(source)


def layers_in(source: Path) -> tuple[SourceLayer, ...]:
    """The layers of a source file with geometry type and feature count (a GeoPackage or KML has several)."""
    source, kind = checked(source)
    if kind == "CSV":
        return (SourceLayer(source.stem, "Point", len(read_csv_table(source)[0])),)
    with gdal_input(source, kind) as gdal:
        return listed_layers(gdal)


def listed_layers(gdal: GdalInput) -> tuple[SourceLayer, ...]:
    listed = gdal_call(gdal, lambda: pyogrio.list_layers(gdal.path))
    return tuple(
        SourceLayer(str(name), str(geometry_type or "None"), int(layer_info(gdal, str(name))["features"]))
        for name, geometry_type in listed
    )


def attribute_fields(source: Path, layer: str | None = None) -> tuple[str, ...]:
    """The attribute columns of a source layer (the first one with geometry by default), without reading
    its features: what the import dialog offers as name fields. A CSV's coordinate columns are left out."""
    source, kind = checked(source)
    if kind == "CSV":
        columns = [str(c) for c in csv_header(source)]
        coordinates = {coordinate_column(columns, LON_NAMES), coordinate_column(columns, LAT_NAMES)}
        return tuple(c for c in columns if c not in coordinates)
    with gdal_input(source, kind) as gdal:
        return tuple(redecoded(gdal, str(name)) for name in layer_info(gdal, layer)["fields"])


def declared_crs(source: Path, layer: str | None = None) -> str | None:
    """The CRS a source layer declares ("EPSG:n" or WKT; GeoJSON and KML are WGS 84 by their specs), or None
    when the user has to choose (a CSV, a shapefile without .prj)."""
    source, kind = checked(source)
    if kind == "CSV":
        return None
    with gdal_input(source, kind) as gdal:
        declared = layer_info(gdal, layer).get("crs")
    return declared or ("EPSG:4326" if kind in WGS84_BY_SPEC else None)


def layer_info(gdal: GdalInput, layer: str | None) -> dict:
    """pyogrio's read_info of a layer (the first one with geometry by default)."""
    if layer is None:
        with_geometry = [item.name for item in listed_layers(gdal) if item.geometry_type != "None"]
        layer = with_geometry[0] if with_geometry else None
    return gdal_call(gdal, lambda: pyogrio.read_info(gdal.path, layer=layer, encoding=gdal.encoding))


@contextmanager
def gdal_input(source: Path, kind: str) -> Iterator[GdalInput]:
    """The source as GDAL will read it. A temporary folder holds a UTF-8 copy of GeoJSON or KML text in
    another encoding, or links to a file whose name pyogrio would take for a URI (a `;` or `!` in it);
    it is removed when the block ends."""
    try:
        folder = Path(tempfile.mkdtemp(prefix="shenzhen-plan-map-import-"))
    except OSError as error:
        raise ImportRefused(f"Cannot make a temporary folder to read {source.name}: {error.strerror or error}. "
                            "Free some disk space, or check the TMPDIR setting.") from error
    try:
        yield prepared_input(source, kind, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def prepared_input(source: Path, kind: str, folder: Path) -> GdalInput:
    gdal = GdalInput(source, kind, str(source), None, "UTF-8")
    try:
        if kind in ("GeoJSON", "KML"):
            found = text_encoding(source)
            if found is None:
                raise ImportRefused(undecodable_file(source, kind))
            gdal.label = found.label
            if found.codec != UTF8:  # GDAL reads UTF-8 only (a UTF-8 byte-order mark included)
                copy = folder / f"{safe_stem(source.stem)}{source.suffix.lower()}"
                transcode_to_utf8(source, found, copy, kml=kind == "KML")
                gdal.path = str(copy)
        elif kind == "Shapefile":
            gdal.records = check_records(source)
            table = shapefile_encoding(source)
            gdal.codec, gdal.label, gdal.clean = table.codec, table.label, table.clean
            gdal.notes += [note for note in (table.note, lost_records_note(gdal.records)) if note]
        if gdal.path == str(source) and vsi_path(str(source)) != str(source):
            gdal.path = str(linked(source, kind, folder))
    except OSError as error:
        full = " The disk is full: free some space and import again." if error.errno == errno.ENOSPC else ""
        raise ImportRefused(f"{source.name} cannot be read: {error.strerror or error}.{full}") from error
    return gdal


@contextmanager
def gdal_safe(path: Path) -> Iterator[str]:
    """`path` as pyogrio should be given it: as it is, or, when pyogrio would take it for a URI (a `;` or `!`
    in it), a link to it in a temporary folder. For writing too: GDAL and SQLite follow the link."""
    if vsi_path(str(path)) == str(path):
        yield str(path)
        return
    folder = Path(tempfile.mkdtemp(prefix="shenzhen-plan-map-gdal-"))
    try:
        link = folder / f"{safe_stem(path.stem)}{path.suffix}"
        link.symlink_to(Path(path).absolute())
        yield str(link)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def safe_stem(stem: str) -> str:
    return re.sub(r"[;!?#:]", "_", stem) or "source"


def linked(source: Path, kind: str, folder: Path) -> Path:
    """A link in `folder` to `source` (and to a shapefile's companions), under a name pyogrio takes as a path."""
    parts = [p for p in source.parent.iterdir() if p.stem == source.stem] if kind == "Shapefile" else [source]
    for part in parts:
        link = folder / f"{safe_stem(source.stem)}{part.suffix}"
        try:
            link.symlink_to(part)
        except OSError:  # no symbolic links (Windows without the privilege): a copy
            shutil.copyfile(part, link)
    return folder / f"{safe_stem(source.stem)}{source.suffix}"


def gdal_call(gdal: GdalInput, call):
    """Run a pyogrio call; GDAL's errors become a message. Text that is not in the encoding it was read in is
    read again as BYTES_AS_TEXT (which never fails) and decoded with replacement characters, with a note.
    GDAL's warnings (pyogrio passes them on as RuntimeWarnings) are kept in `gdal.warnings`, not printed."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return call()
            finally:
                said = (str(w.message).split("\n")[0][:200].rstrip(". ") for w in caught
                        if issubclass(w.category, RuntimeWarning))
                gdal.warnings.extend(w for w in said if w not in gdal.warnings)
    except GDAL_ERRORS as error:
        raise unreadable(gdal.source, gdal.kind, error) from error
    except UnicodeDecodeError as error:
        if not gdal.clean:
            raise ImportRefused(undecodable(gdal.source.name, "text")) from error
        gdal.codec, gdal.clean = gdal.codec or UTF8, False
        gdal.notes.append(f"Some text in {gdal.source.name} is not valid {gdal.codec.upper()} ({error.reason}); the "
                          "bytes that do not decode are shown as �. Check those values in the program that made it.")
        return gdal_call(gdal, call)


def redecoded(gdal: GdalInput, text: object) -> object:
    if gdal.clean or not isinstance(text, str):
        return text
    return text.encode(BYTES_AS_TEXT).decode(gdal.codec, errors="replace")


def read_layers(source: Path, source_layers: list[str] | None) -> list[SourceData]:
    """The chosen layers of `source` (all of them when `source_layers` is None)."""
    source, kind = checked(source)
    if kind == "CSV":
        return [read_csv(source)]
    with gdal_input(source, kind) as gdal:
        available = [layer.name for layer in listed_layers(gdal) if layer.geometry_type != "None"]
        if source_layers:
            unknown = [name for name in source_layers if name not in available]
            if unknown:
                raise ImportRefused(
                    f"{source.name} has no layer {', '.join(unknown)}. Its layers: {', '.join(available) or 'none'}."
                )
            chosen = list(source_layers)
        else:
            chosen = available
        if not chosen:
            raise ImportRefused(f"{source.name} has no layer with geometry; nothing to import.")
        return [read_gdal_layer(gdal, name) for name in chosen]


def read_gdal_layer(gdal: GdalInput, layer: str) -> SourceData:
    records = gdal.records
    limit = records.readable if records and records.readable < records.declared else None
    gdal.warnings.clear()
    info = layer_info(gdal, layer)
    try:
        frame = gdal_call(gdal, lambda: pyogrio.read_dataframe(
            gdal.path, layer=layer, encoding=gdal.encoding, max_features=limit))
        geometries = np.asarray(frame.geometry.values.to_numpy() if hasattr(frame, "geometry") else [],
                                dtype=object)
        attributes = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
        closed = unreadable_count = 0
    except ShapelyError:  # GEOS refuses a geometry (an unclosed ring, a one-point line): read them raw
        attributes, geometries, closed, unreadable_count = read_repairing(gdal, layer, limit)
    if not gdal.clean:
        attributes = attributes.rename(columns=lambda name: redecoded(gdal, name))
        for column in attributes.columns:
            if pd.api.types.is_string_dtype(attributes[column]):
                attributes[column] = attributes[column].map(lambda value: redecoded(gdal, value))
    declared = info.get("crs")
    if declared is None and gdal.kind in WGS84_BY_SPEC:
        declared = "EPSG:4326"
    notes = list(gdal.notes)
    if gdal.warnings and (unreadable_count or shapely.is_missing(geometries).any()):
        notes.append("GDAL reported: " + "; ".join(gdal.warnings[:3]) + ".")
    return SourceData(layer, attributes, geometries, declared, gdal.label, notes,
                      records_lost=records.lost if records else 0, rings_closed=closed, unreadable=unreadable_count)


def read_repairing(gdal: GdalInput, layer: str, limit: int | None) -> tuple[pd.DataFrame, np.ndarray, int, int]:
    """Attributes and geometries of a layer, geometries from their WKB: one GEOS refuses is repaired
    (an unclosed ring closed) or, when it cannot be, read as missing. Returns (…, repaired, unreadable)."""
    attributes = gdal_call(gdal, lambda: pyogrio.read_dataframe(
        gdal.path, layer=layer, encoding=gdal.encoding, max_features=limit, read_geometry=False))
    wkb = gdal_call(gdal, lambda: pyogrio.raw.read(
        gdal.path, layer=layer, encoding=gdal.encoding, max_features=limit, columns=[])[2])
    wkb = np.asarray(wkb, dtype=object)
    geometries = shapely.from_wkb(wkb, on_invalid="ignore")
    refused = shapely.is_missing(geometries) & np.array([value is not None for value in wkb], dtype=bool)
    if refused.any():
        geometries[refused] = shapely.from_wkb(wkb[refused], on_invalid="fix")
    still = int((refused & shapely.is_missing(geometries)).sum())
    return pd.DataFrame(attributes), geometries, int(refused.sum()) - still, still


def csv_encoding(source: Path) -> TextEncoding:
    found = text_encoding(source)
    if found is None:
        raise ImportRefused(undecodable_file(source, "CSV"))
    return found


def csv_options(source: Path, found: TextEncoding) -> dict:
    """pandas read_csv options: the codec, and a tab separator for "Unicode text" saved by Excel (UTF-16, tabs)."""
    codec = "utf-8-sig" if found.codec == UTF8 else found.codec
    with source.open(encoding=codec, errors="replace", newline="") as file:
        header = file.readline()
    separator = "\t" if "\t" in header and "," not in header else ","
    return {"encoding": codec, "sep": separator, "dtype": str}


def csv_header(source: Path) -> list[str]:
    try:
        return list(pd.read_csv(source, nrows=0, **csv_options(source, csv_encoding(source))).columns)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError, OSError) as error:
        raise ImportRefused(f"{source.name} cannot be read as CSV: {error}.") from error


def read_csv_table(source: Path) -> tuple[pd.DataFrame, TextEncoding]:
    found = csv_encoding(source)
    try:
        table = pd.read_csv(source, keep_default_na=False, **csv_options(source, found))
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError, OSError) as error:
        raise ImportRefused(f"{source.name} cannot be read as CSV: {error}.") from error
    return table, found


def coordinate_column(columns: list[str], names: tuple[str, ...]) -> str | None:
    by_key = {re.sub(r"[\s_()（）°]", "", column).lower(): column for column in columns}
    return next((by_key[name] for name in names if name in by_key), None)


def read_csv(source: Path) -> SourceData:
    """Points from a CSV's longitude/latitude columns. A row without coordinates has no geometry; one whose
    coordinates are not finite numbers ("abc", "inf") gets NaN coordinates, which cleaning drops and counts."""
    table, found = read_csv_table(source)
    columns = list(table.columns)
    lon, lat = coordinate_column(columns, LON_NAMES), coordinate_column(columns, LAT_NAMES)
    if lon is None or lat is None:
        raise ImportRefused(
            f"{source.name} has no longitude/latitude columns. Name them lon/lat (or lng, longitude, x, 经度 and "
            f"latitude, y, 纬度). Its columns: {', '.join(columns)}."
        )
    x_text, y_text = table[lon].str.strip(), table[lat].str.strip()
    x = pd.to_numeric(x_text, errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(y_text, errors="coerce").to_numpy(dtype=float)
    geometries = shapely.points(x, y)
    blank = ((x_text == "") | (y_text == "")).to_numpy()
    geometries[blank] = shapely.from_wkt("POINT EMPTY")
    attributes = table.drop(columns=[lon, lat])
    return SourceData(source.stem, attributes, geometries, None, found.label)
