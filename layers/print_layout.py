"""The page layout of a map export: plain models, no drawing (print_render.py draws them).

Like QGIS's print layout items: a page holds a map (its extent and visible layers), a legend, a scale bar, a
north arrow, an optional overview inset, a title and a footer (sources, date, 示意 note, 审图号). The
window's export dialog edits a PageLayout (with dataclasses.replace) and hands it to the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

MM_PER_INCH = 25.4

# ISO 216 paper sizes, portrait (width, height) in millimetres.
PAPER_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "A3": (297.0, 420.0),
}
DPI_RANGE = (50, 1200)

# Layers an export shows when none are named: everything built in.
DEFAULT_LAYERS = ("neighbours", "districts", "key_areas", "structure_lines", "transport_lines", "transport_points")


class LayoutError(ValueError):
    """A layout setting the user chose that cannot be printed; the message says which and why."""


@dataclass(frozen=True)
class Extent:
    """What the map frame shows. Build with Extent.city(), .view(bbox), .feature(id) or .layer(name).

    `bbox` is (west, south, east, north) in WGS 84 degrees. The frame is widened to the map's aspect ratio,
    so the requested area is always fully visible. `padding` is the margin around a feature or layer as a
    fraction of its size.
    """

    kind: str = "city"  # "city" | "bbox" | "feature" | "layer"
    bbox: tuple[float, float, float, float] | None = None
    feature_id: str | None = None
    layer_name: str | None = None
    padding: float = 0.08

    def __post_init__(self) -> None:
        if self.kind not in ("city", "bbox", "feature", "layer"):
            raise LayoutError(f"unknown extent kind {self.kind!r}; use city, bbox, feature or layer")
        if self.kind == "bbox":
            if self.bbox is None or len(self.bbox) != 4:
                raise LayoutError("a view extent needs a bbox (west, south, east, north)")
            west, south, east, north = self.bbox
            if not (west < east and south < north):
                raise LayoutError(f"the view bbox {self.bbox} is empty: west < east and south < north are needed")
        if self.kind == "feature" and not self.feature_id:
            raise LayoutError("a feature extent needs a feature id")
        if self.kind == "layer" and not self.layer_name:
            raise LayoutError("a layer extent needs a layer name")

    @classmethod
    def city(cls) -> Extent:
        """The whole city: its districts and new areas, with 深汕 (60 km east) in an inset of its own, since in
        the same frame it would shrink the rest to a strip."""
        return cls("city")

    @classmethod
    def view(cls, bbox: tuple[float, float, float, float]) -> Extent:
        return cls("bbox", bbox=tuple(bbox))

    @classmethod
    def feature(cls, feature_id: str, padding: float = 0.35) -> Extent:
        return cls("feature", feature_id=feature_id, padding=padding)

    @classmethod
    def layer(cls, name: str) -> Extent:
        return cls("layer", layer_name=name)


@dataclass(frozen=True)
class ScaleBar:
    """A scale bar in metres or kilometres, true at the latitude it is drawn at.

    The renderer picks the longest round length (1, 2 or 5 × 10ⁿ m) not longer than `max_fraction` of the
    map frame's width, and divides it into at most `segments` alternating black/white blocks, each itself a
    1-2-5 length and a whole number in the bar's unit (0 5 10 km, 0 1 2 3 4 5 km).
    """

    visible: bool = True
    max_fraction: float = 0.25
    segments: int = 5
    font_size_pt: float = 7.0
    position: str = "lower left"  # "lower left" | "lower right"


@dataclass(frozen=True)
class Legend:
    """The legend of the visible layers: one entry per feature kind where the styles define kinds."""

    visible: bool = True
    title: str = "图例"
    font_size_pt: float = 7.5
    mark_schematic: bool = True  # dashed symbol and "（示意）" for entries with schematic geometry


@dataclass(frozen=True)
class NorthArrow:
    """North is straight up: the map is drawn in geographic coordinates, not rotated."""

    visible: bool = True
    size_mm: float = 11.0
    position: str = "upper right"  # "upper right" | "upper left"


@dataclass(frozen=True)
class OverviewInset:
    """A small whole-city map with the frame's extent outlined; worth showing only for zoomed-in exports."""

    visible: bool = False
    width_fraction: float = 0.28  # of the map frame's width
    position: str = "lower right"  # "upper left" | "lower right" | ...


@dataclass(frozen=True)
class PageLayout:
    """One exported page. Sizes in millimetres; `dpi` matters for PNG only (PDF and SVG are vector)."""

    paper: str = "A4"
    landscape: bool = False
    dpi: int = 200
    extent: Extent = field(default_factory=Extent.city)
    title: str = "深圳市规划图"
    subtitle: str = ""
    layers: tuple[str, ...] = DEFAULT_LAYERS
    labels: bool = True
    highlight: str | None = None  # a feature id drawn emphasised
    legend: Legend = field(default_factory=Legend)
    scale_bar: ScaleBar = field(default_factory=ScaleBar)
    north_arrow: NorthArrow = field(default_factory=NorthArrow)
    overview: OverviewInset = field(default_factory=OverviewInset)
    show_sources: bool = True
    date: str | None = None  # shown as 制图日期; None = the day of rendering
    review_number: str | None = None  # 审图号, printed when given
    margin_mm: float = 10.0

    def __post_init__(self) -> None:
        if self.paper not in PAPER_SIZES_MM:
            raise LayoutError(f"unknown paper size {self.paper!r}; choose one of {', '.join(PAPER_SIZES_MM)}")
        low, high = DPI_RANGE
        if not low <= self.dpi <= high:
            raise LayoutError(f"dpi must be between {low} and {high}, not {self.dpi}")
        if not self.layers:
            raise LayoutError("no layers to show; name at least one visible layer")
        object.__setattr__(self, "layers", tuple(self.layers))

    @property
    def page_size_mm(self) -> tuple[float, float]:
        width, height = PAPER_SIZES_MM[self.paper]
        return (height, width) if self.landscape else (width, height)

    @property
    def pixel_size(self) -> tuple[int, int]:
        """PNG size in pixels: paper size × dpi, rounded (A4 at 300 dpi is 2480 × 3508)."""
        width, height = self.page_size_mm
        return round(width / MM_PER_INCH * self.dpi), round(height / MM_PER_INCH * self.dpi)

    @property
    def figure_size_inches(self) -> tuple[float, float]:
        """Exactly pixel_size / dpi, so the PNG comes out at exactly pixel_size."""
        width, height = self.pixel_size
        return width / self.dpi, height / self.dpi

    def date_text(self) -> str:
        return self.date or date.today().isoformat()
