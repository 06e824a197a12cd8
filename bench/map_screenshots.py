"""Retake docs/screenshots/nanshan-z13.png: 南山 at zoom 13 with its labels (districts, key areas, metro numbers
on their line colours, stations, line names turned along the lines), the map view of a 1600×1000 window.
bench/screenshots.py retakes the window itself (window.png).

    xvfb-run -a -s "-screen 0 1600x1000x24" python bench/map_screenshots.py [--store PATH]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.screenshots import OUT, arguments, open_window, settle, wait  # noqa: E402

NANSHAN = (22.535, 113.935, 13)  # 后海, 深圳湾超级总部基地 and 高新区南山园区 between the metro lines


def placed_labels(app, window) -> list[dict]:
    result = []
    window.map.map_page.runJavaScript("PlanMap.placedLabels()", 0, result.append)
    wait(app, lambda: bool(result))
    return json.loads(result[0])


def main() -> int:
    app, window, _ = open_window(arguments(), "plan-map-map-shots-")
    lat, lon, zoom = NANSHAN
    window.map.set_view(lat, lon, zoom)
    settle(app, 1.5)
    OUT.mkdir(parents=True, exist_ok=True)
    window.map.grab().save(str(OUT / "nanshan-z13.png"))
    labels = placed_labels(app, window)
    print(OUT / "nanshan-z13.png", f"{len(labels)} labels:", "、".join(label["text"] for label in labels))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
