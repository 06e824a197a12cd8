"""What a user chooses for an export, and the PageLayout or HtmlExport it means. Qt-free.

The command line and the window's export dialog both fill an ExportOptions and hand it to layers/export.py,
which asks this module for the layout, so a default (the title of a feature export, the overview inset when
zoomed in) is decided once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from layers.print_layout import DEFAULT_LAYERS, Extent, Legend, NorthArrow, OverviewInset, PageLayout, ScaleBar

DEFAULT_TITLE = "深圳市规划图"
EARTH_RADIUS_M = 6371000.0  # Leaflet's L.CRS.Earth.R: the view's metresPerPixel is measured with it
WEB_MERCATOR_MAX_LAT = 85.0511287798


@dataclass(frozen=True)
class ExportOptions:
    """`layers` None means the built-in layers present in the store; `overview` None means "when zoomed in"
    (any extent but the whole city); `title` None means the feature's name for a feature, else the default."""

    paper: str = "A4"
    landscape: bool = False
    dpi: int = 300
    extent: Extent = field(default_factory=Extent.city)
    title: str | None = None
    subtitle: str = ""
    layers: tuple[str, ...] | None = None
    labels: bool = True
    legend: bool = True
    scale_bar: bool = True
    north_arrow: bool = True
    overview: bool | None = None
    review_number: str | None = None
    basemap_url: str | None = None  # HTML only: an online XYZ template; None keeps the page offline


def export_title(options: ExportOptions, feature_name: str | None = None) -> str:
    return options.title or feature_name or DEFAULT_TITLE


def page_layout(options: ExportOptions, scene) -> PageLayout:
    """The page for `options` over a loaded MapScene (it names the focus feature and the layers present)."""
    extent = options.extent
    focus = extent.feature_id if extent.kind == "feature" else None
    item = scene.find(focus) if focus else None
    layers = options.layers if options.layers is not None \
        else tuple(name for name in DEFAULT_LAYERS if name in scene.layers)
    overview = options.overview if options.overview is not None else extent.kind != "city"
    return PageLayout(
        paper=options.paper, landscape=options.landscape, dpi=options.dpi, extent=extent,
        title=export_title(options, item.info.feature.name if item else None), subtitle=options.subtitle,
        layers=layers, labels=options.labels, highlight=focus,
        legend=Legend(visible=options.legend), scale_bar=ScaleBar(visible=options.scale_bar),
        north_arrow=NorthArrow(visible=options.north_arrow), overview=OverviewInset(visible=overview),
        review_number=options.review_number or None,
    )


def html_export(options: ExportOptions, feature_name: str | None = None):
    """The interactive page for `options`: the same title, layers and focus feature as the printed page."""
    from layers.html_export import HtmlExport

    extent = options.extent
    return HtmlExport(title=export_title(options, feature_name),
                      layers=options.layers if options.layers is not None else DEFAULT_LAYERS,
                      focus=extent.feature_id if extent.kind == "feature" else None, basemap_url=options.basemap_url)


def view_bbox(lat: float, lon: float, metres_per_pixel: float, width: int, height: int
              ) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees of a Web Mercator map view of `width` × `height` pixels centred
    on (lat, lon), with `metres_per_pixel` the ground distance across the centre row divided by its width."""
    if metres_per_pixel <= 0 or width <= 0 or height <= 0:
        raise ValueError("the map view has no size yet")
    # A pixel spans the same longitude everywhere in Web Mercator; convert the centre row's metres to it.
    radians_per_px = metres_per_pixel / (EARTH_RADIUS_M * math.cos(math.radians(lat)))
    half_lon = math.degrees(radians_per_px * width / 2)
    y = math.asinh(math.tan(math.radians(lat)))  # Mercator northing in radians
    dy = radians_per_px * height / 2
    north = min(math.degrees(math.atan(math.sinh(y + dy))), WEB_MERCATOR_MAX_LAT)
    south = max(math.degrees(math.atan(math.sinh(y - dy))), -WEB_MERCATOR_MAX_LAT)
    return lon - half_lon, south, lon + half_lon, north
