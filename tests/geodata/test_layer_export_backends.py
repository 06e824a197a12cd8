"""A layer exported from a database store is the file the same layer gives from a GeoPackage."""

from __future__ import annotations

import pyogrio
import pytest

from geodata.imports.imported_layers import export_layer

pytest_plugins = ("edit_fixtures",)


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".csv"])
def test_an_imported_layer_exports_the_same_from_either_backend(store, official_store, tmp_path, suffix):
    ours = export_layer(store, "official", tmp_path / f"from-store{suffix}")
    reference = export_layer(official_store, "official", tmp_path / f"reference{suffix}")
    assert (ours.features, ours.links) == (reference.features, reference.links) == (3, reference.links)
    got = pyogrio.read_dataframe(ours.path, layer="official" if suffix == ".gpkg" else None)
    expected = pyogrio.read_dataframe(reference.path, layer="official" if suffix == ".gpkg" else None)
    assert list(got.columns) == list(expected.columns)
    assert got.drop(columns="geometry").astype(str).equals(expected.drop(columns="geometry").astype(str))
    assert all(a.equals_exact(b, 1e-9) for a, b in zip(got.geometry, expected.geometry, strict=True))
