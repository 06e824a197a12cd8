"""The viewer's session without a window: the store, selection, layers, basemap, view, busy state and the
export context, each change announced to plain observers."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from layers.basemaps import basemap_choice
from layers.page import page_layers
from layers.session import Event, LayerState, MapFrame, Selection, Session, export_context, map_frame

YANZIHU = "ps-yanzihu"
PINGSHAN = "district-pingshan"


def layer(name: str, title: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(name=name, title=title or name.upper())


class Recorder:
    """Connects to every event of a session and records (event name, arguments)."""

    def __init__(self, session: Session) -> None:
        self.calls: list[tuple] = []
        for name, event in vars(session.events).items():
            event.connect(lambda *args, name=name: self.calls.append((name, *args)))

    def named(self, name: str) -> list[tuple]:
        return [call[1:] for call in self.calls if call[0] == name]


@pytest.fixture
def session(store: Path):
    session = Session(store)
    session.open_store()
    session.set_layers(page_layers(session.db))
    yield session
    session.close()


def test_an_event_calls_its_observers_in_order_once_each():
    event, seen = Event("selection"), []
    first = event.connect(lambda value: seen.append(("first", value)))
    event.connect(lambda value: seen.append(("second", value)))
    event.connect(first)  # connecting twice does not call twice
    event.emit(1)
    event.disconnect(first)
    event.emit(2)
    event.disconnect()
    event.emit(3)
    assert seen == [("first", 1), ("second", 1), ("second", 2)]


def test_the_store_opens_reopens_and_is_released(store: Path):
    session = Session(store)
    recorder = Recorder(session)
    assert session.db is None and not session.select(YANZIHU)
    session.open_store()
    assert session.db is not None and session.directory.get(YANZIHU).feature.name == "燕子湖片区"
    session.release_store()
    assert session.db is None
    assert not session.select(YANZIHU)  # nothing is selected while an edit holds the store
    session.open_store()
    assert recorder.named("store") == [(), ()]
    assert recorder.named("selection") == []
    session.close()


def test_selecting_shows_the_layer_and_tells_observers(session: Session):
    session.set_visible("key_areas", False)
    recorder = Recorder(session)
    assert session.select(YANZIHU, [YANZIHU, PINGSHAN])
    assert session.selection == Selection(YANZIHU, (YANZIHU, PINGSHAN))
    assert session.is_visible("key_areas")  # a selected feature is always on the map
    assert recorder.calls == [("visibility", "key_areas", True), ("selection", session.selection)]
    assert session.selected_name() == "燕子湖片区"
    assert not session.select("no-such-feature")
    assert session.selection.feature_id == YANZIHU
    session.select(YANZIHU)  # the same feature again: observers show it again (after an edit, say)
    assert recorder.named("selection")[-1] == (Selection(YANZIHU),)
    session.clear_selection()
    assert session.selection == Selection() and session.selected_name() is None


def test_refreshing_keeps_what_the_reopened_store_still_holds(session: Session):
    session.select(YANZIHU, [YANZIHU, PINGSHAN])
    session.directory.by_id.pop(PINGSHAN)  # as if an edit had removed the district
    recorder = Recorder(session)
    session.refresh_selection()
    assert session.selection == Selection(YANZIHU, (YANZIHU,))
    session.directory.by_id.pop(YANZIHU)
    session.refresh_selection()
    assert session.selection == Selection()
    assert recorder.named("selection") == [(Selection(YANZIHU, (YANZIHU,)),), (Selection(),)]


def test_a_new_page_keeps_the_layers_state_by_name():
    session = Session("unused.gpkg")
    recorder = Recorder(session)
    session.set_layers([layer("districts"), layer("mine", "Mine")])
    session.set_visible("districts", False)
    session.set_opacity("mine", 0.3)
    session.set_layers([layer("districts"), layer("mine", "Renamed title"), layer("new")])
    assert session.layers == (LayerState("districts", "DISTRICTS", visible=False),
                              LayerState("mine", "Renamed title", opacity=0.3), LayerState("new", "NEW"))
    assert session.visible_layers() == ("mine", "new")
    assert recorder.named("visibility") == [("districts", False)]
    assert recorder.named("opacity") == [("mine", 0.3)]
    assert recorder.named("layers")[-1] == (session.layers,)


def test_layer_changes_are_announced_only_when_something_changes():
    session = Session("unused.gpkg")
    session.set_layers([layer("districts")])
    recorder = Recorder(session)
    session.set_visible("districts", True)
    session.set_visible("unknown", False)
    session.set_opacity("districts", 1.0)
    session.set_opacity("districts", 7)  # clamped to 1: no change
    assert recorder.calls == []
    session.set_opacity("districts", -1)
    assert session.layer("districts").opacity == 0.0 and recorder.calls == [("opacity", "districts", 0.0)]
    assert not session.is_visible("unknown") and session.layer("unknown") is None


def test_the_map_view_and_its_bbox():
    report = {"lat": 22.6, "lon": 114.1, "zoom": 11, "metresPerPixel": 50.0, "width": 800, "height": 600}
    frame = map_frame(report)
    west, south, east, north = frame.bbox
    assert west < 114.1 < east and south < 22.6 < north
    assert east - west == pytest.approx(800 * 50 / (6371000 * 0.9231) * 57.2958, rel=0.01)
    assert MapFrame(22.6, 114.1, 11).bbox is None  # no size yet
    assert map_frame({"lat": 22.6}) is None and map_frame({"lat": "x", "lon": 1, "zoom": 1}) is None
    session = Session("unused.gpkg")
    recorder = Recorder(session)
    session.set_view(frame)
    session.set_view(map_frame(dict(report)))  # the same view again
    session.set_view(None)
    assert recorder.named("view") == [(frame,)] and session.view == frame


def test_basemap_and_busy():
    session = Session("unused.gpkg")
    recorder = Recorder(session)
    assert session.basemap.id == "offline" and not session.basemap.online
    amap = basemap_choice("amap")
    session.set_basemap(amap)
    session.set_basemap(amap)  # applied again, e.g. on a page rebuilt after an edit
    assert recorder.named("basemap") == [(amap,), (amap,)]
    session.set_busy(True)
    session.set_busy(True)
    session.set_busy(False)
    assert recorder.named("busy") == [(True,), (False,)]


def test_export_context_comes_from_the_session(session: Session):
    empty = export_context(session)
    assert empty.store_path == session.store_path
    assert empty.view_bbox is None and empty.selected is None
    assert [name for name, _ in empty.layers] == [item.name for item in page_layers(session.db)]
    assert dict(empty.layers)["key_areas"] == next(item.title for item in page_layers(session.db)
                                                   if item.name == "key_areas")
    assert empty.visible == tuple(name for name, _ in empty.layers)
    session.set_view(MapFrame(22.7, 114.35, 12, 20.0, 640, 480))
    session.select(YANZIHU)
    session.set_visible("districts", False)
    context = export_context(session)
    assert context.view_bbox is not None and context.view_bbox == session.view.bbox
    assert context.selected == (YANZIHU, "燕子湖片区")
    assert "districts" not in context.visible and "key_areas" in context.visible
