"""Reading the files a user imports: GeoJSON, Shapefile, GeoPackage, KML/KMZ (through GDAL) and CSV with
longitude/latitude columns (through pandas), into attributes + an array of shapely geometries.

Shapefile attribute tables from Chinese GIS software are often GBK/GB18030 with no .cpg; their bytes
are checked, and decoded as GB18030 when they are not valid UTF-8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError

from geodata.imports.crs_choice import ImportRefused

FORMATS = {
    ".geojson": "GeoJSON", ".json": "GeoJSON", ".shp": "Shapefile", ".gpkg": "GeoPackage",
    ".kml": "KML", ".kmz": "KMZ", ".csv": "CSV",
}
WGS84_BY_SPEC = ("GeoJSON", "KML", "KMZ")  # RFC 7946 and the KML spec: always WGS 84 lon/lat
SHAPEFILE_PARTS = (".shx", ".dbf")
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "经度", "东经", "x坐标")
LAT_NAMES = ("lat", "latitude", "y", "纬度", "北纬", "y坐标")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class SourceLayer:
    """One layer of a source file, as layers_in lists it (for the layer picker)."""

    name: str
    geometry_type: str
    features: int


@dataclass
class SourceData:
    """One layer read from a source: attributes, geometries (source CRS), what the file declares."""

    layer: str
    attributes: pd.DataFrame
    geometries: np.ndarray
    declared_crs: str | None
    encoding: str


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
        raise ImportRefused(
            f"{source.name}: {source.suffix or 'no extension'} is not a format this program imports. "
            f"Use one of: {', '.join(sorted(FORMATS))}."
        )
    return found


def check_readable(source: Path) -> str:
    """The file's format, after checking that it and its companion files are there."""
    if not source.is_file():
        raise ImportRefused(f"No file at {source}. Check the path.")
    kind = file_format(source)
    if kind == "Shapefile":
        missing = [source.with_suffix(part).name for part in SHAPEFILE_PARTS if not companion(source, part)]
        if missing:
            raise ImportRefused(
                f"The shapefile {source.name} is incomplete: {' and '.join(missing)} is missing. A shapefile is "
                "several files with one name (.shp, .shx, .dbf, and .prj, .cpg when present); copy them together."
            )
    return kind


def companion(shp: Path, suffix: str) -> Path | None:
    """A shapefile's companion file, in either letter case (.dbf / .DBF)."""
    for candidate in (shp.with_suffix(suffix), shp.with_suffix(suffix.upper())):
        if candidate.is_file():
            return candidate
    return None


def layers_in(source: Path) -> tuple[SourceLayer, ...]:
    """The layers of a source file with geometry type and feature count (a GeoPackage or KML has several)."""
    source = Path(source)
    kind = check_readable(source)
    if kind == "CSV":
        return (SourceLayer(source.stem, "Point", len(read_csv_table(source)[0])),)
    try:
        listed = pyogrio.list_layers(gdal_path(source))
        return tuple(
            SourceLayer(str(name), str(geometry_type or "None"),
                        int(pyogrio.read_info(gdal_path(source), layer=str(name))["features"]))
            for name, geometry_type in listed
        )
    except (DataSourceError, DataLayerError) as error:
        raise unreadable(source, error) from error


def attribute_fields(source: Path, layer: str | None = None) -> tuple[str, ...]:
    """The attribute columns of a source layer (the first one with geometry by default), without reading
    its features: what the import dialog offers as name fields. A CSV's coordinate columns are left out."""
    source = Path(source)
    kind = check_readable(source)
    if kind == "CSV":
        columns = [str(c) for c in csv_header(source)]
        coordinates = {coordinate_column(columns, LON_NAMES), coordinate_column(columns, LAT_NAMES)}
        return tuple(c for c in columns if c not in coordinates)
    info = gdal_info(source, kind, layer)
    return tuple(str(field) for field in info["fields"])


def declared_crs(source: Path, layer: str | None = None) -> str | None:
    """The CRS a source layer declares ("EPSG:n" or WKT; GeoJSON and KML are WGS 84 by their specs), or None
    when the user has to choose (a CSV, a shapefile without .prj)."""
    source = Path(source)
    kind = check_readable(source)
    if kind == "CSV":
        return None
    declared = gdal_info(source, kind, layer).get("crs")
    return declared or ("EPSG:4326" if kind in WGS84_BY_SPEC else None)


def gdal_info(source: Path, kind: str, layer: str | None) -> dict:
    if layer is None:
        with_geometry = [item.name for item in layers_in(source) if item.geometry_type != "None"]
        layer = with_geometry[0] if with_geometry else None
    encoding = shapefile_encoding(source)[0] if kind == "Shapefile" else None
    try:
        return pyogrio.read_info(gdal_path(source), layer=layer, encoding=encoding)
    except (DataSourceError, DataLayerError) as error:
        raise unreadable(source, error) from error


def csv_header(source: Path) -> list[str]:
    for encoding in CSV_ENCODINGS:
        try:
            return list(pd.read_csv(source, encoding=encoding, dtype=str, nrows=0).columns)
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            raise ImportRefused(f"{source.name} cannot be read as CSV: {error}.") from error
    raise ImportRefused(f"{source.name} is neither UTF-8 nor GB18030 text; save it as UTF-8 CSV.")


def gdal_path(source: Path) -> str:
    return str(source)


def unreadable(source: Path, error: Exception) -> ImportRefused:
    reason = str(error).split("\n")[0].split("; It might help")[0].rstrip(".")
    return ImportRefused(
        f"{source.name} cannot be read as {file_format(source)}: {reason}. The file may be truncated or damaged; "
        "export it again from the program that made it."
    )


def read_layers(source: Path, source_layers: list[str] | None) -> list[SourceData]:
    """The chosen layers of `source` (all of them when `source_layers` is None)."""
    kind = check_readable(source)
    if kind == "CSV":
        return [read_csv(source)]
    available = [layer.name for layer in layers_in(source) if layer.geometry_type != "None"]
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
    return [read_gdal_layer(source, kind, name) for name in chosen]


def read_gdal_layer(source: Path, kind: str, layer: str) -> SourceData:
    encoding = None
    used = "UTF-8"
    if kind == "Shapefile":
        encoding, used = shapefile_encoding(source)
    try:
        info = pyogrio.read_info(gdal_path(source), layer=layer, encoding=encoding)
        frame = pyogrio.read_dataframe(gdal_path(source), layer=layer, encoding=encoding)
    except (DataSourceError, DataLayerError) as error:
        raise unreadable(source, error) from error
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"The attribute table of {source.name} is not in {used}: {error.reason}. Add a .cpg file naming "
            "its encoding (e.g. GBK) beside the .shp."
        ) from error
    declared = info.get("crs")
    if declared is None and kind in WGS84_BY_SPEC:
        declared = "EPSG:4326"
    geometries = np.asarray(frame.geometry.values.to_numpy() if hasattr(frame, "geometry") else [], dtype=object)
    attributes = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
    return SourceData(layer, attributes, geometries, declared, used)


def shapefile_encoding(shp: Path) -> tuple[str | None, str]:
    """(encoding for pyogrio, encoding to report). A .cpg is trusted unless it claims UTF-8 for bytes
    that are not; without one, the DBF bytes decide between UTF-8 and GB18030."""
    cpg = companion(shp, ".cpg")
    declared = cpg.read_text(encoding="ascii", errors="ignore").strip() if cpg else ""
    valid_utf8 = dbf_is_utf8(companion(shp, ".dbf"))
    if declared and not (declared.upper().replace("-", "") == "UTF8" and not valid_utf8):
        return None, f"{declared} (from {cpg.name})"
    if valid_utf8:
        return "UTF-8", "UTF-8"
    return "GB18030", "GB18030 (detected: the attribute table is not valid UTF-8)" + (
        f"; {cpg.name} said {declared}" if declared else "")


def dbf_is_utf8(dbf: Path, chunk: int = 1 << 22) -> bool:
    """Whether the records of a DBF file decode as UTF-8 (ASCII included); read in chunks."""
    with dbf.open("rb") as file:
        header = file.read(32)
        if len(header) < 32:
            return True
        file.seek(int.from_bytes(header[8:10], "little"))
        tail = b""
        while block := file.read(chunk):
            data = tail + block
            try:
                data.decode("utf-8")
                tail = b""
            except UnicodeDecodeError as error:
                if error.start < len(data) - 4:
                    return False
                tail = data[error.start:]
        return not tail.rstrip(b"\x1a")


def read_csv_table(source: Path) -> tuple[pd.DataFrame, str]:
    for encoding in CSV_ENCODINGS:
        try:
            return pd.read_csv(source, encoding=encoding, dtype=str, keep_default_na=False), encoding
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            raise ImportRefused(f"{source.name} cannot be read as CSV: {error}.") from error
    raise ImportRefused(f"{source.name} is neither UTF-8 nor GB18030 text; save it as UTF-8 CSV.")


def coordinate_column(columns: list[str], names: tuple[str, ...]) -> str | None:
    by_key = {re.sub(r"[\s_()（）°]", "", column).lower(): column for column in columns}
    return next((by_key[name] for name in names if name in by_key), None)


def read_csv(source: Path) -> SourceData:
    table, encoding = read_csv_table(source)
    columns = list(table.columns)
    lon, lat = coordinate_column(columns, LON_NAMES), coordinate_column(columns, LAT_NAMES)
    if lon is None or lat is None:
        raise ImportRefused(
            f"{source.name} has no longitude/latitude columns. Name them lon/lat (or lng, longitude, x, 经度 and "
            f"latitude, y, 纬度). Its columns: {', '.join(columns)}."
        )
    x = pd.to_numeric(table[lon].str.strip(), errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(table[lat].str.strip(), errors="coerce").to_numpy(dtype=float)
    geometries = shapely.points(x, y)
    geometries[~(np.isfinite(x) & np.isfinite(y))] = shapely.from_wkt("POINT EMPTY")
    attributes = table.drop(columns=[lon, lat])
    used = "UTF-8" if encoding == "utf-8-sig" else "GB18030 (detected: the file is not valid UTF-8)"
    return SourceData(source.stem, attributes, geometries, None, used)
