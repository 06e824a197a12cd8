"""Regenerate docs/screenshots/import.png: the window after importing a file through the import dialog.

    xvfb-run -a -s "-screen 0 1600x1000x24" python bench/import_screenshot.py [--store PATH] [--lang zh_CN|en]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    from screenshots import arguments, open_window, settle, wait

    app, window, work = open_window(arguments(), "plan-map-import-shot-")
    import geopandas as gpd

    from geodata.user_data import LayerStyleOverride

    source = work / "坪山地块.geojson"
    gpd.GeoDataFrame(
        {"名称": ["测试地块", "燕子湖片区（正式）"], "编号": ["PS-01", "PS-02"]},
        geometry=gpd.GeoSeries.from_wkt([
            "POLYGON((114.330 22.700, 114.345 22.700, 114.345 22.712, 114.330 22.712, 114.330 22.700))",
            "POLYGON((114.36 22.66, 114.40 22.66, 114.40 22.70, 114.36 22.70, 114.36 22.66))",
        ]), crs="EPSG:4326").to_file(source, driver="GeoJSON", engine="pyogrio")
    window.map.set_view(22.693, 114.36, 13)  # 坪山: the imported parcels over 燕子湖片区
    settle(app, 0.5)

    run = window.import_file(source)
    run.options_dialog.accept()
    wait(app, lambda: run.outcome is not None, 60)
    if run.outcome != "imported":
        raise SystemExit(f"import {run.outcome}: {run.message_box.text() if run.message_box else ''}")
    run.message_box.close()
    wait(app, lambda: not window.busy(), 30)
    job = window.edits.style_layer("坪山地块", LayerStyleOverride(stroke="#0b7a75", fill="#1abc9c", fill_opacity=0.35,
                                                               stroke_width=2.5, label_field="名称"))
    wait(app, lambda: job is not None and not window.busy(), 30)
    parcel = next(fid for fid, info in window.session.directory.by_id.items() if info.feature.name == "测试地块")
    window.select_feature(parcel, zoom=False, here=[parcel, "district-pingshan"])
    settle(app, 1.5)
    OUT.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(OUT / "import.png"))
    print(OUT / "import.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
