"""What an export draws, read from the store once: each visible layer's features with geometry and style.

A scene is loaded once and can be drawn many times (a batch of commitment sheets, a live preview), so the
renderer never touches the store while drawing. Label points and per-layer geometry arrays are computed
on first use and kept with the scene.
"""

from __future__ import annotations

import gc
import math
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geodata.feature_queries import FeatureInfo, features, layer_geometries, layer_tables
from geodata.features import FEATURE_LAYERS
from geodata.passages import documents
from geodata.spatial.labels import label_point
from geodata.store import StoreError, connect, feature_sources_meta
from geodata.store_address import PostgresAddress, store_address
from geodata.user_data import hidden_features, layer_style_overrides
from layers.print_layout import Extent, LayoutError
from layers.style import LayerStyle, feature_style, styled

Bounds = tuple[float, float, float, float]  # west, south, east, north in WGS 84 degrees
CITY_LAYER = "districts"
CITY_KINDS = ("district", "functional_area")  # the nine districts and the new areas (大鹏, 深汕)
SHAPES = np.array(["point", "line", "line", "area", "point", "line", "area", "point"])  # by shapely type id
OUTLYING_GAP_DEG = 0.1  # a district part farther than this (about 10 km) from all others is drawn apart


@dataclass(frozen=True)
class SceneFeature:
    info: FeatureInfo
    geometry: BaseGeometry
    style: LayerStyle

    @property
    def schematic(self) -> bool:
        return self.info.feature.accuracy == "schematic"


@dataclass(frozen=True)
class Look:
    """How a group of features is drawn and listed: geometry class, feature kind, style and accuracy."""

    shape: str  # "area" | "line" | "point"
    kind: str
    style: LayerStyle
    schematic: bool


@dataclass(frozen=True)
class MapScene:
    layers: dict[str, tuple[SceneFeature, ...]]  # every layer in the store, drawing order bottom to top
    city_bounds: Bounds  # the city without its outlying parts
    documents: tuple[str, ...]  # titles of the plan documents
    dataset_credits: tuple[str, ...]  # store_meta feature_sources
    outlying: tuple[str, ...] = ()  # ids of districts far from the rest (深汕), shown in an inset of 全市
    # Caches filled on first use; not copied by dataclasses.replace, which may change the layers.
    _label_points: dict[str, tuple[float, float] | None] = field(default_factory=dict, init=False, repr=False,
                                                                 compare=False)
    _arrays: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False, compare=False)
    _looks: dict[str, tuple[np.ndarray, tuple[Look, ...]]] = field(default_factory=dict, init=False, repr=False,
                                                                   compare=False)
    _by_id: dict[str, SceneFeature] = field(default_factory=dict, init=False, repr=False, compare=False)

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
        return [(name, tuple(items[i] for i in self.indices_in_view(name, bounds)))
                for name, items in self.visible(names)]

    def indices_in_view(self, layer: str, bounds: Bounds) -> np.ndarray:
        """Positions in the layer of its features that reach into `bounds` (one vectorised test)."""
        view = shapely.box(*bounds)
        shapely.prepare(view)
        return np.flatnonzero(shapely.intersects(view, self.geometries(layer)))

    def looks(self, layer: str) -> tuple[np.ndarray, tuple[Look, ...]]:
        """Each feature's look, as a code into the layer's distinct looks (computed once): a layer of
        100,000 parcels in one style is one group to draw and one legend entry."""
        if layer not in self._looks:
            items = self.layers[layer]
            shapes = SHAPES[shapely.get_type_id(self.geometries(layer))] if items else []
            index: dict[tuple, int] = {}
            codes = np.fromiter(
                (index.setdefault((shape, item.info.feature.kind, item.style, item.info.feature.accuracy), len(index))
                 for shape, item in zip(shapes, items)), dtype=np.int64, count=len(items))
            looks = tuple(Look(shape, kind, style, accuracy == "schematic") for shape, kind, style, accuracy in index)
            self._looks[layer] = (codes, looks)
        return self._looks[layer]

    def geometries(self, layer: str) -> np.ndarray:
        """The layer's geometries as one array, in feature order (for vectorised tests over big layers)."""
        if layer not in self._arrays:
            self._arrays[layer] = np.array([item.geometry for item in self.layers[layer]], dtype=object)
        return self._arrays[layer]

    def label_point(self, item: SceneFeature) -> tuple[float, float] | None:
        """Where the feature's name goes (geodata/spatial/labels.py), computed once per feature."""
        fid = item.info.feature.id
        if fid not in self._label_points:
            self._label_points[fid] = label_point(item.geometry)
        return self._label_points[fid]

    def districts_of(self, item: SceneFeature) -> list[SceneFeature]:
        """The district features a feature lies in, by the names it lists (its own context on a sheet)."""
        names = set(item.info.feature.districts)
        return [d for d in self.layers.get(CITY_LAYER, ()) if d.info.feature.name in names and d is not item]

    def find(self, feature_id: str) -> SceneFeature | None:
        if not self._by_id:
            for items in reversed(self.layers.values()):  # the first layer's feature wins a shared id
                self._by_id.update((item.info.feature.id, item) for item in reversed(items))
        return self._by_id.get(feature_id)

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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a scene is built: its passes over the hundreds of thousands
    of new (acyclic) feature objects of a big layer cost more than reading them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_scene(db: sqlite3.Connection) -> MapScene:
    """Every feature layer of the store with geometry and style (a user's layer style applied; features
    replaced by imported ones left out, as on the map), plus the credits for the footer."""
    with collector_paused():
        return _load_scene(db)


def _load_scene(db: sqlite3.Connection) -> MapScene:
    order = [layer.name for layer in FEATURE_LAYERS]
    hidden = hidden_features(db)
    overrides = layer_style_overrides(db)
    layers: dict[str, tuple[SceneFeature, ...]] = {}
    for table in sorted(layer_tables(db), key=lambda t: order.index(t) if t in order else len(order)):
        geometries = layer_geometries(db, table)
        style_of = _style_lookup(table, overrides.get(table), table in order)
        layers[table] = tuple(
            SceneFeature(info, geometries[info.feature.id], style_of(info))
            for info in features(db, table)
            if info.feature.id in geometries and info.feature.id not in hidden
        )
    city = [item for item in layers.get(CITY_LAYER, ()) if item.info.feature.kind in CITY_KINDS]
    if not city:
        raise StoreError("The store has no district boundaries, so there is no city to map. Rebuild the store.")
    far = outlying_parts(city)
    bounds = shapely.GeometryCollection([i.geometry for i in city if i.info.feature.id not in far]).bounds
    titles = tuple(doc.title for doc in documents(db))
    return MapScene(layers, bounds, titles, feature_sources_meta(db), outlying=far)


def _style_lookup(layer: str, override, builtin: bool):
    """The style of each feature of `layer`: a built-in layer's per feature (a metro line has its line's
    colour), an imported layer's once per kind (its style is the layer's, with the user's override), so a
    layer of 100,000 parcels shares one style object instead of making 100,000."""
    if builtin:
        return lambda info: styled(feature_style(layer, info.feature.kind, info.feature.id, info.feature.name),
                                   override)
    by_kind: dict[str, LayerStyle] = {}

    def style_of(info: FeatureInfo) -> LayerStyle:
        kind = info.feature.kind
        if kind not in by_kind:
            by_kind[kind] = styled(feature_style(layer, kind), override)
        return by_kind[kind]

    return style_of


def outlying_parts(city: list[SceneFeature]) -> tuple[str, ...]:
    """Ids of the districts that lie more than OUTLYING_GAP_DEG from every other one (深汕, 60 km east):
    drawn in the whole city's frame they would shrink the rest to a strip."""
    if len(city) < 2:
        return ()
    shapes = np.array([item.geometry for item in city], dtype=object)
    shapely.prepare(shapes)  # dwithin from a prepared shape stops at the first near part: ~1 ms, not 30 of distance
    far = [item.info.feature.id for index, item in enumerate(city)
           if not shapely.dwithin(shapes[index], np.delete(shapes, index), OUTLYING_GAP_DEG).any()]
    return tuple(far) if len(far) < len(city) else ()


# A store to read: its address (a GeoPackage path, a database URL or PostgresAddress), or an open connection.
StoreSource = str | Path | PostgresAddress | sqlite3.Connection


@contextmanager
def opened(store: StoreSource) -> Iterator[sqlite3.Connection]:
    """A connection for a store address (opened read-only and closed after), or the caller's own connection."""
    if isinstance(store, (str, Path, PostgresAddress)):
        with connect(store_address(store)) as db:
            yield db
    else:
        yield store


def scene_from(store: StoreSource | MapScene) -> MapScene:
    if isinstance(store, MapScene):
        return store
    with opened(store) as db:
        return load_scene(db)
