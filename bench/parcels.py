"""Planners' data at real size for the benches: `count` 80 m parcels (EPSG:4547, the CRS 控规 data comes in),
in a grid twice as wide as high centred near 福田, named 地块0, 地块1, …"""

from __future__ import annotations

from pathlib import Path

PARCEL_M, PITCH_M = 80.0, 100.0
CENTRE = (505_000.0, 2_499_500.0)  # EPSG:4547 easting, northing near 福田


def write_parcels(path: Path, count: int) -> None:
    import geopandas as gpd
    import numpy as np
    import shapely

    columns = int(np.ceil(np.sqrt(2 * count)))
    rows = int(np.ceil(count / columns))
    n = np.arange(count)
    x = CENTRE[0] - columns * PITCH_M / 2 + (n % columns) * PITCH_M
    y = CENTRE[1] - rows * PITCH_M / 2 + (n // columns) * PITCH_M
    frame = gpd.GeoDataFrame({"名称": [f"地块{i}" for i in n], "用地代码": "R2"},
                             geometry=shapely.box(x, y, x + PARCEL_M, y + PARCEL_M), crs="EPSG:4547")
    frame.to_file(path, layer="parcels", driver="GPKG", engine="pyogrio")
