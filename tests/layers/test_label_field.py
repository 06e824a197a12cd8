"""A label field is a column name a user chose, read from a file they imported: it can never change a query.

A GeoJSON property key that reads like SQL must come back as the literal label texts of that column,
and the page must still build.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geodata.feature_queries import layer_fields
from geodata.store import connect
from layers.page import feature_labels, page_data, write_page

HOSTILE_KEY = 'name" || (SELECT title FROM documents) || "name'
LABELS = ["甲地块", "乙地块"]


@pytest.fixture(scope="module")
def hostile_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's store with an imported point layer whose label field is HOSTILE_KEY."""
    from geodata.imports.imported_layers import set_layer_style
    from geodata.imports.importer import import_file
    from geodata.user_data import LayerStyleOverride

    folder = tmp_path_factory.mktemp("hostile_label")
    store = folder / "store.gpkg"
    shutil.copyfile(built_store, store)
    points = [(114.05, 22.54), (114.35, 22.69)]
    source = folder / "hostile.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {HOSTILE_KEY: label, "名称": f"测试点{n}"},
         "geometry": {"type": "Point", "coordinates": list(point)}}
        for n, (label, point) in enumerate(zip(LABELS, points))
    ]}, ensure_ascii=False), encoding="utf-8")
    import_file(store, source)
    set_layer_style(store, "hostile", LayerStyleOverride(label_field=HOSTILE_KEY))
    return store


def test_the_key_is_a_field_of_the_layer(hostile_store: Path):
    with connect(hostile_store) as db:
        assert HOSTILE_KEY in layer_fields(db, "hostile")


def test_labels_are_the_literal_values(hostile_store: Path):
    with connect(hostile_store) as db:
        labels = feature_labels(db)
        titles = [row[0] for row in db.execute("SELECT title FROM documents")]
    assert [label["name"] for label in labels] == LABELS
    assert {label["layer"] for label in labels} == {"hostile"}
    assert not any(title in label["name"] for title in titles for label in labels)


def test_the_page_still_builds(hostile_store: Path, tmp_path: Path):
    with connect(hostile_store) as db:
        data = page_data(db)
        page = write_page(db, tmp_path / "page")
    assert [label["name"] for label in data["featureLabels"]] == LABELS
    assert page.path.exists() and "hostile" in [layer.name for layer in page.layers]
