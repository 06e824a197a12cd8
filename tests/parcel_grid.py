"""Planners' parcels for the tests of big layers: a grid of 80 m squares, 100 m apart, in EPSG:4547 (the CRS
控规 data comes in) from a south-west corner near 福田, named 地块0, 地块1, …, imported into a copy of the
seed store as the layer `parcels`."""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geodata.imports.importer import import_file

ORIGIN = (500_000.0, 2_490_000.0)  # EPSG:4547 easting, northing of the south-west corner
PARCEL_M, PITCH_M = 80.0, 100.0


def parcel_boxes(columns: int, rows: int) -> np.ndarray:
    """The parcels as shapely boxes in EPSG:4547, row by row from the south-west corner."""
    n = np.arange(columns * rows)
    x, y = ORIGIN[0] + (n % columns) * PITCH_M, ORIGIN[1] + (n // columns) * PITCH_M
    return shapely.box(x, y, x + PARCEL_M, y + PARCEL_M)


def store_with_parcels(built_store: Path, folder: Path, columns: int, rows: int) -> Path:
    """A copy of the seed store in `folder` with the grid imported."""
    frame = gpd.GeoDataFrame({"名称": [f"地块{i}" for i in range(columns * rows)]},
                             geometry=parcel_boxes(columns, rows), crs="EPSG:4547")
    source = folder / "parcels.gpkg"
    frame.to_file(source, layer="parcels", driver="GPKG", engine="pyogrio")
    store = folder / "store.gpkg"
    shutil.copyfile(built_store, store)
    import_file(store, source)
    return store
