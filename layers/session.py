"""The viewer's state without Qt: the store it reads (a GeoPackage or a team database), whether this user may edit
it, the selection, the layers shown and their opacity, the basemap, the map view and whether an edit is running.

Like napari's ViewerModel under its Qt window: the window, its panels and its dialogs change a Session and
observe its named events (`session.events.selection.connect(show)`) with plain callbacks; none of them reads
another's widgets. Tested without a screen (tests/layers/test_session.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from contextlib import ExitStack, suppress
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from geodata.store import connect
from geodata.store_address import StoreAddress, is_postgres, store_address
from layers.basemaps import BasemapChoice
from layers.export_options import view_bbox
from layers.feature_sheet import FeatureDirectory

if TYPE_CHECKING:  # the choropleth module reads the indicator catalogue; the session only holds one
    from layers.choropleth import Choropleth

Observer = Callable[..., object]


class Event:
    """One kind of change. Observers are plain callables, called in the order they connected, on the thread
    that made the change (the UI thread in the viewer)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._observers: list[Observer] = []

    def connect(self, observer: Observer) -> Observer:
        if observer not in self._observers:
            self._observers.append(observer)
        return observer

    def disconnect(self, observer: Observer | None = None) -> None:
        """Stop calling `observer` (every observer when None)."""
        if observer is None:
            self._observers.clear()
        else:
            with suppress(ValueError):
                self._observers.remove(observer)

    def emit(self, *args: object) -> None:
        for observer in list(self._observers):
            observer(*args)

    def __repr__(self) -> str:
        return f"Event({self.name!r}, {len(self._observers)} observers)"


class SessionEvents:
    """What a session announces, and what each observer is called with."""

    def __init__(self) -> None:
        self.store = Event("store")  # (): the store was reopened after an edit; read it again
        self.layers = Event("layers")  # (layers): a new map page brought its list of LayerState
        self.visibility = Event("visibility")  # (name, visible)
        self.opacity = Event("opacity")  # (name, opacity from 0 to 1)
        self.selection = Event("selection")  # (Selection), also when the same feature is selected again
        self.basemap = Event("basemap")  # (BasemapChoice)
        self.view = Event("view")  # (MapFrame)
        self.busy = Event("busy")  # (bool)
        self.permissions = Event("permissions")  # (edit_refusal, manage_refusal): why not, or None: allowed
        self.choropleth = Event("choropleth")  # (Choropleth or None): the 指标 dock's indicator map


@dataclass(frozen=True)
class Selection:
    feature_id: str | None = None
    here: tuple[str, ...] = ()  # every feature under the click, topmost first: the ones to pick from
    group: str | None = None  # a group's name (一轴一带三组团) when `here` are its members, all highlighted


@dataclass(frozen=True)
class LayerState:
    name: str
    title: str
    visible: bool = True
    opacity: float = 1.0  # 0 (transparent) to 1


@dataclass(frozen=True)
class MapFrame:
    """What the map shows: its centre in WGS 84, Leaflet's zoom level, and its size in screen pixels with the
    ground distance of one pixel across the centre row."""

    lat: float
    lon: float
    zoom: int
    metres_per_pixel: float = 0.0
    width: int = 0
    height: int = 0

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) in degrees; None until the map has a size."""
        try:
            return view_bbox(self.lat, self.lon, self.metres_per_pixel, self.width, self.height)
        except ValueError:
            return None


def map_frame(report: dict) -> MapFrame | None:
    """A MapFrame from the map page's view report (lat, lon, zoom, metresPerPixel, width, height); None when it
    lacks the centre or the zoom."""
    try:
        return MapFrame(float(report["lat"]), float(report["lon"]), int(report["zoom"]),
                        float(report.get("metresPerPixel", 0.0)), int(report.get("width", 0)),
                        int(report.get("height", 0)))
    except (KeyError, TypeError, ValueError):
        return None


class Session:
    """One viewer session over the store at `store_path`: a GeoPackage path or a team database (PostgresAddress).
    `db` is None while an edit has the store released."""

    def __init__(self, store_path: StoreAddress | str) -> None:
        self.store_path: StoreAddress = store_address(store_path)
        self.events = SessionEvents()
        self.db: sqlite3.Connection | None = None
        self.edit_refusal: str | None = None  # why this user may not edit (link, replace, style); None: may
        self.manage_refusal: str | None = None  # why not manage (import, rename or remove layers, rebuild); None: may
        self.directory: FeatureDirectory | None = None
        self.selection = Selection()
        self.layers: tuple[LayerState, ...] = ()
        self.remembered: dict[str, tuple[bool, float]] = {}  # name → (visible, opacity) from the last session
        self.basemap = BasemapChoice("offline", online=False)
        self.view: MapFrame | None = None
        self.busy = False
        self.choropleth: Choropleth | None = None  # the indicator the 指标 dock colours the districts by
        self._stack = ExitStack()

    # -- the store ------------------------------------------------------------------------------------
    @property
    def is_team_store(self) -> bool:
        """The store is a database an office shares (team mode), not a GeoPackage on this machine."""
        return is_postgres(self.store_path)

    def open_store(self, store: StoreAddress | None = None) -> None:
        """Open (or reopen, after an edit) the store, or open `store` in its place, and read its features; `store`
        observers read it again. The selection is not checked here: refresh_selection() does that once the map has
        the new page. When the store cannot be opened, the session is left without one (db None)."""
        self._stack.close()
        self.db = None
        if store is not None:
            self.store_path = store_address(store)
        self.db = self._stack.enter_context(connect(self.store_path))
        self.directory = FeatureDirectory(self.db)
        self.events.store.emit()

    def release_store(self) -> None:
        """Close the connection: an edit moves a new file over the store (os.replace), which Windows refuses
        while the file is open, and a connection kept open would go on reading the old file."""
        self._stack.close()
        self.db = None

    close = release_store

    # -- the selection --------------------------------------------------------------------------------
    def select(self, feature_id: str, here: Iterable[str] = ()) -> bool:
        """Select a feature and switch its layer on so it can be seen; False (nothing changes) when the store
        is released or does not hold it. `here` lists every feature under the click, for picking."""
        info = self.directory.get(feature_id) if self.db is not None and self.directory is not None else None
        if info is None:
            return False
        self.set_visible(info.feature.layer, True)
        self.selection = Selection(feature_id, tuple(here))
        self.events.selection.emit(self.selection)
        return True

    def select_group(self, name: str, feature_ids: Iterable[str]) -> bool:
        """Select every member of a group the plans name as one (一轴一带三组团, 1+7), switching their layers on;
        the first is the one shown in detail. False (nothing changes) when none of them is in the store."""
        if self.db is None or self.directory is None:
            return False
        members = tuple(fid for fid in feature_ids if self.directory.get(fid) is not None)
        if not members:
            return False
        for fid in members:
            self.set_visible(self.directory.get(fid).feature.layer, True)
        self.selection = Selection(members[0], members, name)
        self.events.selection.emit(self.selection)
        return True

    def clear_selection(self) -> None:
        self.selection = Selection()
        self.events.selection.emit(self.selection)

    def refresh_selection(self) -> None:
        """After the store was reopened: select the same feature again (observers show it as it is now), keeping
        the overlapping ones that are still there, or select nothing if it is gone."""
        feature_id = self.selection.feature_id
        if feature_id is None:
            return
        if self.directory is None or self.directory.get(feature_id) is None:
            self.clear_selection()
            return
        self.select(feature_id, [fid for fid in self.selection.here if self.directory.get(fid) is not None])

    def selected_name(self) -> str | None:
        info = self.directory.get(self.selection.feature_id) \
            if self.selection.feature_id and self.directory is not None else None
        return info.feature.name if info is not None else None

    # -- layers ---------------------------------------------------------------------------------------
    def set_layers(self, layers: Iterable) -> None:
        """The layers of a new map page (anything with `name` and `title`, e.g. layers.page.PageLayer), in their
        order. A layer seen before keeps whether it is shown and its opacity; a new one starts as it was remembered
        (remember_layers), else shown and opaque."""
        before = {layer.name: layer for layer in self.layers}
        self.layers = tuple(replace(before[layer.name], title=layer.title) if layer.name in before
                            else LayerState(layer.name, layer.title, *self.remembered.get(layer.name, (True, 1.0)))
                            for layer in layers)
        self.events.layers.emit(self.layers)

    def remember_layers(self, remembered: dict) -> None:
        """How the layers were shown when the viewer last closed (name → [visible, opacity], as layer_memory()
        gave it); entries that are not a name with a bool and a number from 0 to 1 are ignored."""
        self.remembered = {}
        for name, state in dict(remembered).items():
            with suppress(TypeError, ValueError):
                visible, opacity = state
                if isinstance(name, str) and isinstance(visible, bool):
                    self.remembered[name] = (visible, min(1.0, max(0.0, float(opacity))))

    def layer_memory(self) -> dict[str, tuple[bool, float]]:
        """Whether each layer is shown and its opacity, to start the next session with; layers this store does not
        have now (an imported layer removed, another store) keep what was remembered of them."""
        memory = dict(self.remembered)
        memory.update({layer.name: (layer.visible, layer.opacity) for layer in self.layers})
        return memory

    def layer(self, name: str) -> LayerState | None:
        return next((layer for layer in self.layers if layer.name == name), None)

    def is_visible(self, name: str) -> bool:
        layer = self.layer(name)
        return layer is not None and layer.visible

    def visible_layers(self) -> tuple[str, ...]:
        return tuple(layer.name for layer in self.layers if layer.visible)

    def set_visible(self, name: str, visible: bool) -> None:
        """Show or hide a layer; a layer the session does not know is ignored."""
        layer = self.layer(name)
        if layer is None or layer.visible == bool(visible):
            return
        self._replace(replace(layer, visible=bool(visible)))
        self.events.visibility.emit(name, bool(visible))

    def set_opacity(self, name: str, opacity: float) -> None:
        layer = self.layer(name)
        opacity = min(1.0, max(0.0, float(opacity)))
        if layer is None or layer.opacity == opacity:
            return
        self._replace(replace(layer, opacity=opacity))
        self.events.opacity.emit(name, opacity)

    def _replace(self, changed: LayerState) -> None:
        self.layers = tuple(changed if layer.name == changed.name else layer for layer in self.layers)

    def set_permissions(self, edit_refusal: str | None, manage_refusal: str | None) -> None:
        """What this user may change: None when they may, else why not. On a team store a read-only role may do
        neither, an editor role may edit (link, unlink, replace, style) but only the store's owner may manage
        (import, rename or remove layers, rebuild). Observers enable or disable the actions."""
        manage_refusal = manage_refusal or edit_refusal  # who may not edit may not manage either
        if (edit_refusal, manage_refusal) != (self.edit_refusal, self.manage_refusal):
            self.edit_refusal, self.manage_refusal = edit_refusal, manage_refusal
            self.events.permissions.emit(edit_refusal, manage_refusal)

    # -- basemap, view, busy --------------------------------------------------------------------------
    def set_basemap(self, choice: BasemapChoice) -> None:
        """Choose the basemap; observers apply it, also when it is the same one again (a new page needs it)."""
        self.basemap = choice
        self.events.basemap.emit(choice)

    def set_view(self, view: MapFrame | None) -> None:
        if view is None or view == self.view:
            return
        self.view = view
        self.events.view.emit(view)

    def set_busy(self, busy: bool) -> None:
        """An edit is running, or the map page it produced is still loading."""
        if bool(busy) != self.busy:
            self.busy = bool(busy)
            self.events.busy.emit(self.busy)

    def set_choropleth(self, choropleth: Choropleth | None) -> None:
        """The indicator map the 指标 dock shows (None: it shows none), so an export can offer to print it."""
        if choropleth is not self.choropleth:
            self.choropleth = choropleth
            self.events.choropleth.emit(choropleth)


@dataclass(frozen=True)
class ExportContext:
    """What an export needs from the session: the store, the map's current view, the selection, every layer
    as (name, title) in the layer panel's order, the names of those switched on, and the 指标 dock's indicator
    map when it shows one."""

    store_path: StoreAddress
    view_bbox: tuple[float, float, float, float] | None
    selected: tuple[str, str] | None  # (feature id, name)
    layers: tuple[tuple[str, str], ...]
    visible: tuple[str, ...]
    choropleth: Choropleth | None = None


def export_context(session: Session) -> ExportContext:
    name = session.selected_name()
    return ExportContext(
        store_path=session.store_path,
        view_bbox=session.view.bbox if session.view is not None else None,
        selected=(session.selection.feature_id, name) if name is not None else None,
        layers=tuple((layer.name, layer.title) for layer in session.layers),
        visible=session.visible_layers(),
        choropleth=session.choropleth,
    )
