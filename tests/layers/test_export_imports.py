"""A print export loads only what it draws with: no pyplot (GUI backends, a global figure list) and no pandas or
GDAL (geopandas is for importing files, not for printing), so `plan-map export` starts fast."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_NEEDED = ("matplotlib.pyplot", "pandas", "geopandas", "pyogrio", "PySide6")
SCRIPT = """
import json, sys
from layers.export import export
from layers.export_options import ExportOptions
export(sys.argv[1], ExportOptions(dpi=50), sys.argv[2])
print(json.dumps(sorted(m for m in {modules} if m in sys.modules)))
"""


def test_a_png_and_a_pdf_export_load_no_pyplot_pandas_or_qt(store, tmp_path):
    for name in ("city.png", "city.pdf"):
        done = subprocess.run([sys.executable, "-c", SCRIPT.format(modules=NOT_NEEDED), str(store),
                               str(tmp_path / name)], capture_output=True, text=True, cwd=ROOT, check=True)
        assert json.loads(done.stdout.strip().splitlines()[-1]) == [], name
        assert (tmp_path / name).stat().st_size > 10_000
