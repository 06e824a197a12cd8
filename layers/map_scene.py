"""What an export draws, read from the store once: each visible layer's features with geometry and style.

A scene is loaded once and can be drawn many times (a batch of commitment sheets, a live preview), so the
renderer never touches the store while drawing.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from geodata.feature_queries import FeatureInfo, features, layer_geometries, layer_tables
from geodata.features import FEATURE_LAYERS
from geodata.passages import documents
from geodata.store import StoreError, connect, feature_sources_meta
from geodata.user_data import hidden_features, layer_style_overrides
from layers.print_layout import Extent, LayoutError
from layers.style import LayerStyle, feature_style, styled

Bounds = tuple[float, float, float, float]  # west, south, east, north in WGS 84 degrees
CITY_LAYER = "districts"
CITY_KIND = "district"


@dataclass(frozen=True)
class SceneFeature:
    info: FeatureInfo
    geometry: BaseGeometry
    style: LayerStyle

    @property
    def schematic(self) -> bool:
        return self.info.feature.accuracy == "schematic"


@dataclass(frozen=True)
class MapScene:
    layers: dict[str, tuple[SceneFeature, ...]]  # every layer in the store, drawing order bottom to top
    city_bounds: Bounds
    documents: tuple[str, ...]  # titles of the plan documents
    dataset_credits: tuple[str, ...]  # store_meta feature_sources

    def visible(self, names: tuple[str, ...]) -> list[tuple[str, tuple[SceneFeature, ...]]]:
        """The named layers present in the store, in the scene's drawing order."""
        unknown = [name for name in names if name not in self.layers]
        if unknown:
            raise LayoutError(
                f"no layer named {', '.join(unknown)} in the store; layers are: {', '.join(self.layers)}"
            )
        return [(name, items) for name, items in self.layers.items() if name in names]

    def in_view(self, names: tuple[str, ...], bounds: Bounds) -> list[tuple[str, tuple[SceneFeature, ...]]]:
        """The visible layers with only their features that reach into `bounds`."""
        view = shapely.box(*bounds)
        return [(name, tuple(i for i in items if i.geometry.intersects(view))) for name, items in self.visible(names)]

    def find(self, feature_id: str) -> SceneFeature | None:
        for items in self.layers.values():
            for item in items:
                if item.info.feature.id == feature_id:
                    return item
        return None

    def bounds_of(self, extent: Extent) -> Bounds:
        """The area `extent` asks to show, before widening it to the frame's aspect ratio."""
        if extent.kind == "bbox":
            return extent.bbox
        if extent.kind == "city":
            return self.city_bounds
        if extent.kind == "feature":
            item = self.find(extent.feature_id)
            if item is None:
                raise LayoutError(f"no feature with id {extent.feature_id!r} in the store")
            return pad(item.geometry.bounds, extent.padding)
        items = self.layers.get(extent.layer_name)
        if not items:
            raise LayoutError(f"the layer {extent.layer_name!r} is missing or empty, so it has no extent")
        return pad(shapely.GeometryCollection([i.geometry for i in items]).bounds, extent.padding)


def pad(bounds: Bounds, fraction: float, minimum_deg: float = 0.01) -> Bounds:
    """`bounds` grown by `fraction` of its larger side on every side (points get at least `minimum_deg`)."""
    west, south, east, north = bounds
    grow = max(max(east - west, north - south) * fraction, minimum_deg)
    return west - grow, south - grow, east + grow, north + grow


def fit_aspect(bounds: Bounds, frame_w: float, frame_h: float) -> Bounds:
    """`bounds` widened (never cropped) so that, drawn with true ground proportions, it fills the frame."""
    west, south, east, north = bounds
    x_scale = math.cos(math.radians((south + north) / 2))  # ground length of a degree of longitude
    width, height = (east - west) * x_scale, north - south
    if width / height < frame_w / frame_h:
        grow = (height * frame_w / frame_h - width) / x_scale / 2
        west, east = west - grow, east + grow
    else:
        grow = (width * frame_h / frame_w - height) / 2
        south, north = south - grow, north + grow
    return west, south, east, north


def load_scene(db: sqlite3.Connection) -> MapScene:
    """Every feature layer of the store with geometry and style (a user's layer style applied; features
    replaced by imported ones left out, as on the map), plus the credits for the footer."""
    order = [layer.name for layer in FEATURE_LAYERS]
    hidden = hidden_features(db)
    overrides = layer_style_overrides(db)
    layers: dict[str, tuple[SceneFeature, ...]] = {}
    for table in sorted(layer_tables(db), key=lambda t: order.index(t) if t in order else len(order)):
        geometries = layer_geometries(db, table)
        layers[table] = tuple(
            SceneFeature(info, geometries[info.feature.id],
                         styled(feature_style(table, info.feature.kind), overrides.get(table)))
            for info in features(db, table)
            if info.feature.id in geometries and info.feature.id not in hidden
        )
    city = [item.geometry for item in layers.get(CITY_LAYER, ()) if item.info.feature.kind == CITY_KIND]
    if not city:
        raise StoreError("The store has no district boundaries, so there is no city to map. Rebuild the store.")
    titles = tuple(doc.title for doc in documents(db))
    return MapScene(layers, shapely.GeometryCollection(city).bounds, titles, feature_sources_meta(db))


@contextmanager
def opened(store: str | Path | sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A connection for a store path (opened read-only and closed after), or the caller's own connection."""
    if isinstance(store, sqlite3.Connection):
        yield store
    else:
        with connect(Path(store)) as db:
            yield db


def scene_from(store: str | Path | sqlite3.Connection | MapScene) -> MapScene:
    if isinstance(store, MapScene):
        return store
    with opened(store) as db:
        return load_scene(db)
