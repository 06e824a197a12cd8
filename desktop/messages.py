"""What the window tells the user when something fails, in the user's language (Chinese by default).

geodata/ and layers/ explain their errors in English for the command line. The window shows a short
translated message chosen by the error's type and wording (`user_message`), keeps the original text for the
box's details (`error_detail`), and writes a traceback to the log file for an error nobody expected. Store text
shown in a tooltip goes through `plain_tooltip`, so a name such as `<b>x</b>` reads as written.
"""

from __future__ import annotations

import errno
import html
import re
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from geodata.store import APP_NAME

LOG_NAME = "plan-map.log"
# The error types the rules name, by module and class name, so that naming them imports nothing (the export
# modules load matplotlib); tests/desktop/test_window_behaviour.py checks each still exists.
IMPORT_CANCELLED = "geodata.imports.importer.ImportCancelled"
IMPORT_REFUSED = "geodata.imports.crs_choice.ImportRefused"
NOT_IN_STORE = "geodata.user_data.NotInStore"
STORE_ERROR = "geodata.errors.StoreError"
EDIT_CONFLICT = "geodata.edit_history.EditConflict"
READ_ONLY_STORE = "geodata.store_edit.ReadOnlyStore"
STORE_UNREACHABLE = "geodata.errors.StoreUnreachable"
CONNECTION_LOST = "psycopg.OperationalError"  # the team store's server went away (restart, network)
FONT_ERROR = "layers.cjk_text.FontError"
LAYOUT_ERROR = "layers.print_layout.LayoutError"
EXPORT_ERROR = "layers.print_render.ExportError"
PLAN_ERROR = "geodata.plans.plan.PlanError"
VALUE_ERROR = "builtins.ValueError"


translate = QCoreApplication.translate  # with the context spelled out at each call, so pyside6-lupdate finds it


@dataclass(frozen=True)
class Rule:
    """An error of the type named `kind` (or a subclass) whose English text matches `pattern` (any text when
    None) reads `text`."""

    kind: str  # module.ClassName
    pattern: str | None
    text: str  # the English source string; translated when shown


# First match wins: specific wordings before the catch-all of each type, subclasses before their bases.
RULES: tuple[Rule, ...] = (
    Rule(IMPORT_CANCELLED, None, QT_TRANSLATE_NOOP("Messages", "Import cancelled; the store is unchanged.")),
    Rule(IMPORT_REFUSED, r"far from Shenzhen", QT_TRANSLATE_NOOP(
        "Messages", "Some features lie far from Shenzhen while the others are near it: those coordinates are "
        "wrong, not the coordinate system. Fix or delete those features and import again.")),
    Rule(IMPORT_REFUSED, r"do not fall near Shenzhen|does not say which CRS", QT_TRANSLATE_NOOP(
        "Messages", "The file's coordinates do not fall near Shenzhen in the chosen coordinate system, or the "
        "file does not say which one it uses. Choose the coordinate system the file was made in.")),
    Rule(IMPORT_REFUSED, r"not a known EPSG code|Unknown CRS", QT_TRANSLATE_NOOP(
        "Messages", "This coordinate system is not known. Choose one from the list, or enter an EPSG code.")),
    Rule(IMPORT_REFUSED, r"is empty \(0 bytes\)", QT_TRANSLATE_NOOP(
        "Messages", "The file is empty: there is nothing to import.")),
    Rule(IMPORT_REFUSED, r"has no features with geometry|has no layer with geometry", QT_TRANSLATE_NOOP(
        "Messages", "The file holds no features with a geometry: nothing was imported.")),
    Rule(IMPORT_REFUSED, r"^No file at|which does not exist", QT_TRANSLATE_NOOP(
        "Messages", "The file is not there any more. Check where it is and choose it again.")),
    Rule(IMPORT_REFUSED, r"permission denied", QT_TRANSLATE_NOOP(
        "Messages", "You may not read this file. Copy it somewhere you can read it and import the copy.")),
    Rule(IMPORT_REFUSED, r"is a folder", QT_TRANSLATE_NOOP(
        "Messages", "That is a folder. Choose a file inside it (for a shapefile, its .shp file).")),
    Rule(IMPORT_REFUSED, r"not a regular file", QT_TRANSLATE_NOOP(
        "Messages", "That is not an ordinary file. Save the data to a file and import that.")),
    Rule(IMPORT_REFUSED, r"is not a format this program imports", QT_TRANSLATE_NOOP(
        "Messages", "This kind of file cannot be imported. Use GeoJSON, Shapefile, GeoPackage, KML/KMZ or a CSV "
        "with longitude and latitude.")),
    Rule(IMPORT_REFUSED, r"shapefile .* is incomplete", QT_TRANSLATE_NOOP(
        "Messages", "The shapefile is incomplete: its .shx or .dbf file is missing. Copy all its files (same name, "
        ".shp, .shx, .dbf, .prj, .cpg) together.")),
    Rule(IMPORT_REFUSED, r"not text this program can read|neither UTF-8", QT_TRANSLATE_NOOP(
        "Messages", "The file's text is in an encoding this program cannot read (neither UTF-8 nor GB18030/GBK). "
        "Save it again as UTF-8.")),
    Rule(IMPORT_REFUSED, r"longitude/latitude columns", QT_TRANSLATE_NOOP(
        "Messages", "The CSV file has no longitude and latitude columns. Name them lon and lat (or 经度 and "
        "纬度).")),
    Rule(IMPORT_REFUSED, r"has no field", QT_TRANSLATE_NOOP(
        "Messages", "The file has no field of that name. Choose the name field from the list.")),
    Rule(IMPORT_REFUSED, r"KMZ|ZIP", QT_TRANSLATE_NOOP(
        "Messages", "The KMZ file is damaged or holds no KML map data. Export it again.")),
    Rule(IMPORT_REFUSED, r"this program imports .* files of up to", QT_TRANSLATE_NOOP(
        "Messages", "The file is too large to import. Split it into smaller files, or keep only the features "
        "you need.")),
    Rule(IMPORT_REFUSED, r"cut short|is not a shapefile part|not a dBASE table", QT_TRANSLATE_NOOP(
        "Messages", "The shapefile is damaged (a part is cut short or is not a shapefile part). Export it "
        "again.")),
    Rule(IMPORT_REFUSED, None, QT_TRANSLATE_NOOP(
        "Messages", "This file cannot be imported; the store is unchanged. The details say why.")),
    Rule(NOT_IN_STORE, None, QT_TRANSLATE_NOOP(
        "Messages", "The store no longer holds what this refers to (it may have been removed meanwhile).")),
    Rule(EDIT_CONFLICT, None, QT_TRANSLATE_NOOP(
        "Messages", "This feature was changed by someone else since you opened it; nothing was saved. Reload it "
        "and make your change again.")),
    Rule(READ_ONLY_STORE, None, QT_TRANSLATE_NOOP(
        "Messages", "Your database account may only read the team store; nothing was changed. Ask the office's "
        "database administrator for the editor role.")),
    Rule(CONNECTION_LOST, None, QT_TRANSLATE_NOOP(
        "Messages", "The connection to the team store was lost (the server restarted or the network is down). "
        "Nothing was half-saved. Try again once the server is back.")),
    Rule(STORE_UNREACHABLE, r"database \".*\" does not exist", QT_TRANSLATE_NOOP(
        "Messages", "The server has no database of that name. Check the database name in the address.")),
    Rule(STORE_UNREACHABLE, r"role \".*\" does not exist", QT_TRANSLATE_NOOP(
        "Messages", "The server has no account of that name. Check the user name in the address.")),
    Rule(STORE_UNREACHABLE, r"password authentication failed|no password supplied",
         QT_TRANSLATE_NOOP("Messages", "The login was refused: the password is wrong or missing. Put this account's "
                                       "password in PGPASSWORD or ~/.pgpass, then try again.")),
    Rule(STORE_UNREACHABLE, None, QT_TRANSLATE_NOOP(
        "Messages", "The team store's database server cannot be reached: it is not running, the address is wrong "
        "or the login was refused. Check the server and the address (the password comes from PGPASSWORD or "
        "~/.pgpass), then try again.")),
    Rule(STORE_ERROR, r"holds no plan-map store yet", QT_TRANSLATE_NOOP(
        "Messages", "That database holds no plan map data yet. Copy a store into it first: plan-map copy "
        "PATH.gpkg URL.")),
    Rule(STORE_ERROR, r"磁盘已满|disk is full", QT_TRANSLATE_NOOP(
        "Messages", "The disk is full. Free some space and try again; nothing was changed.")),
    Rule(STORE_ERROR, r"另一个编辑正在进行|changed by another program", QT_TRANSLATE_NOOP(
        "Messages", "Another program was changing the store at the same time; nothing was changed. Try again "
        "in a moment.")),
    Rule(STORE_ERROR, r"read-only|Cannot write in|Cannot create the folder", QT_TRANSLATE_NOOP(
        "Messages", "The store's folder cannot be written. Choose a folder you may write in.")),
    Rule(STORE_ERROR, r"newer version", QT_TRANSLATE_NOOP(
        "Messages", "The map data was written by a newer version of this program, which this version cannot "
        "read.")),
    Rule(STORE_ERROR, r"old schema", QT_TRANSLATE_NOOP(
        "Messages", "The map data was written by an older version of this program and must be rebuilt.")),
    Rule(STORE_ERROR, r"is not a plan-map store|schema version this program does not know|Cannot open the store",
         QT_TRANSLATE_NOOP("Messages", "The map data file is damaged or is not this program's file.")),
    Rule(STORE_ERROR, r"^No store at", QT_TRANSLATE_NOOP("Messages", "There is no map data file there.")),
    Rule(STORE_ERROR, r"is a built-in layer", QT_TRANSLATE_NOOP(
        "Messages", "Built-in layers are rebuilt from the program's data; they cannot be renamed or removed.")),
    Rule(STORE_ERROR, r"already used in the store", QT_TRANSLATE_NOOP(
        "Messages", "That name is already used by another layer. Choose another name.")),
    Rule(STORE_ERROR, r"is not a colour|out of range", QT_TRANSLATE_NOOP(
        "Messages", "That style cannot be used: a colour is written #rrggbb, a line width is 0.1 to 50 pixels "
        "and a fill opacity 0 to 1.")),
    Rule(STORE_ERROR, r"is already in the store", QT_TRANSLATE_NOOP(
        "Messages", "This plan is already in the store; nothing was changed.")),
    Rule(STORE_ERROR, r"Cannot export to|use a \.gpkg", QT_TRANSLATE_NOOP(
        "Messages", "Export the layer to a .gpkg, .geojson or .csv file.")),
    Rule(STORE_ERROR, r"use a \.csv or \.xlsx", QT_TRANSLATE_NOOP(
        "Messages", "Export the table to a .csv or .xlsx file.")),
    Rule(STORE_ERROR, r"FTS5", QT_TRANSLATE_NOOP(
        "Messages", "This Python's SQLite cannot search Chinese text (no FTS5 trigram). Install the program with "
        "a newer Python.")),
    Rule(STORE_ERROR, r"only an imported feature can replace|is itself imported|is not replaced", QT_TRANSLATE_NOOP(
        "Messages", "Only an imported feature can replace a built-in (schematic) one.")),
    Rule(STORE_ERROR, None, QT_TRANSLATE_NOOP(
        "Messages", "The map data could not be changed; it is as it was. The details say why.")),
    Rule(FONT_ERROR, None, QT_TRANSLATE_NOOP(
        "Messages", "No Chinese font was found, so the map cannot be exported with its Chinese text. Install "
        "one (e.g. Noto Sans CJK) and try again.")),
    Rule(LAYOUT_ERROR, r"no layers", QT_TRANSLATE_NOOP(
        "Messages", "There is nothing to export: switch on at least one layer.")),
    Rule(LAYOUT_ERROR, r"too little room", QT_TRANSLATE_NOOP(
        "Messages", "The title, legend and footer leave too little room for the map: use a larger paper.")),
    Rule(LAYOUT_ERROR, r"dpi must be", QT_TRANSLATE_NOOP("Messages", "That resolution (dpi) is out of range.")),
    Rule(LAYOUT_ERROR, r"missing or empty|no feature with id", QT_TRANSLATE_NOOP(
        "Messages", "The chosen feature or layer is not in the map data any more, so it has no extent.")),
    Rule(LAYOUT_ERROR, None, QT_TRANSLATE_NOOP("Messages", "This page layout cannot be drawn.")),
    Rule(EXPORT_ERROR, r"exists already", QT_TRANSLATE_NOOP(
        "Messages", "A file of that name exists already: choose another name.")),
    Rule(EXPORT_ERROR, r"must end in|cannot export", QT_TRANSLATE_NOOP(
        "Messages", "The file name must end in .png, .pdf, .svg or .html.")),
    Rule(EXPORT_ERROR, r"no features to make sheets", QT_TRANSLATE_NOOP(
        "Messages", "There are no features to make commitment sheets for.")),
    Rule(EXPORT_ERROR, r"cannot write|cannot create the folder", QT_TRANSLATE_NOOP(
        "Messages", "The file cannot be written there: choose another folder.")),
    Rule(EXPORT_ERROR, None, QT_TRANSLATE_NOOP("Messages", "The map could not be exported.")),
    Rule(PLAN_ERROR, None, QT_TRANSLATE_NOOP("Messages", "The plan text cannot be read.")),
    Rule(VALUE_ERROR, r"天地图 key", QT_TRANSLATE_NOOP(
        "Messages", "A 天地图 key is 32 letters and digits; get one at console.tianditu.gov.cn.")),
    Rule(VALUE_ERROR, r"No MBTiles file|not an MBTiles file", QT_TRANSLATE_NOOP(
        "Messages", "That is not an MBTiles file, or it is not there any more.")),
    Rule(VALUE_ERROR, r"XYZ tile URL starts", QT_TRANSLATE_NOOP(
        "Messages", "A tile URL starts with https:// (or http://) and names a server.")),
    Rule(VALUE_ERROR, r"XYZ tile URL must contain", QT_TRANSLATE_NOOP(
        "Messages", "A tile URL must contain {z}, {x} and {y}, e.g. https://host/{z}/{x}/{y}.png")),
)
OS_ERRORS = {
    errno.ENOSPC: QT_TRANSLATE_NOOP("Messages", "The disk is full. Free some space and try again."),
    errno.EACCES: QT_TRANSLATE_NOOP("Messages", "You may not read or write there. Choose another file or folder."),
    errno.EPERM: QT_TRANSLATE_NOOP("Messages", "You may not read or write there. Choose another file or folder."),
    errno.ENOENT: QT_TRANSLATE_NOOP("Messages", "The file or folder is not there."),
    errno.EROFS: QT_TRANSLATE_NOOP("Messages", "That disk is read-only. Choose another folder."),
}


def type_names(error: BaseException) -> set[str]:
    """module.ClassName of the error's class and every class it derives from."""
    return {f"{cls.__module__}.{cls.__qualname__}" for cls in type(error).__mro__}


def matching_rule(error: BaseException) -> Rule | None:
    names, text = type_names(error), str(error)
    for rule in RULES:
        if rule.kind in names and (rule.pattern is None or re.search(rule.pattern, text)):
            return rule
    return None


def expected(error: BaseException) -> bool:
    """An error the program explains (a refusal, a bad file, a full disk); anything else is a bug to log."""
    return matching_rule(error) is not None or isinstance(error, OSError)


def user_message(error: BaseException) -> str:
    """The message the window shows for `error`, in the interface language; never a traceback."""
    rule = matching_rule(error)
    if rule is not None:
        return translate("Messages", rule.text)
    if isinstance(error, MemoryError):
        return translate("Messages", "There was not enough memory for this. Close other programs and try again.")
    if isinstance(error, OSError):
        known = OS_ERRORS.get(error.errno)
        if known is not None:
            return translate("Messages", known)
        return translate("Messages", "A file could not be read or written (%1).") \
            .replace("%1", error.strerror or type(error).__name__)
    return translate("Messages", "Something unexpected went wrong (%1). What happened is written to the log file "
                                 "%2.").replace("%1", type(error).__name__).replace("%2", str(log_path()))


def error_detail(error: BaseException) -> str:
    """The program's own explanation (English, as the command line prints it), for the box's details."""
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if not expected(error) or not text else text


def message_box(parent: QWidget | None, title: str, error: BaseException | str, *, detail: str = "",
                heading: str = "", icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
                wait: bool = False) -> QMessageBox:
    """A message box in plain text (file and layer names are never markup): `heading` (what failed), the
    error's message, and its original explanation under the details button. It does not block (the caller
    keeps the box) unless `wait`."""
    text = error if isinstance(error, str) else user_message(error)
    detail = detail or ("" if isinstance(error, str) else error_detail(error))
    box = QMessageBox(icon, title, f"{heading}\n{text}" if heading else text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if detail and detail != text:
        box.setDetailedText(details_text(detail))
    if wait:
        box.exec()
    else:
        box.open()
    return box


def details_text(detail: str) -> str:
    """What a box's details show: the program's own explanation, under a heading in the user's language."""
    return translate("Messages", "Details (the program's own explanation):") + "\n" + detail


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` exactly: Qt reads a tooltip that looks like markup as rich text, so the
    text is escaped inside an explicit rich-text envelope (which also wraps long lines)."""
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br/>") + "</qt>"


# -- the log of unexpected errors ---------------------------------------------------------------------
def log_path() -> Path:
    return platformdirs.user_log_path(APP_NAME, appauthor=False) / LOG_NAME


def log_exception(kind: type[BaseException], error: BaseException, trace: TracebackType | None,
                  path: Path | None = None) -> Path | None:
    """Append the traceback to the log file; its path, or None when it cannot be written either."""
    path = path or log_path()
    text = "".join(traceback.format_exception(kind, error, trace))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}\n")
    except OSError:
        return None
    return path
