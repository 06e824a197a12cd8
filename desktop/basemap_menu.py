"""The Basemap menu (底图): the offline map, the online tile sources and a local MBTiles file as checkable
actions. A source that needs a key, a URL or a file asks for it first, offering the one used last time; the
choice goes into the session, whose observers apply it, and the menu ticks whatever the session shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMainWindow

from desktop.messages import message_box
from layers.basemaps import BASEMAPS, BasemapChoice, basemap_choice
from layers.session import Session


class BasemapMenu(QObject):
    def __init__(self, session: Session, window: QMainWindow, remembered: Callable[[], dict]) -> None:
        """`remembered()` is the last online or file basemap's settings: id, key, url, path."""
        super().__init__(window)
        self.session = session
        self.window = window
        self.remembered = remembered
        self.menu = window.menuBar().addMenu(self.tr("&Basemap"))
        self.actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        titles = {
            "offline": self.tr("Offline: land and sea (default)"),
            "osm": self.tr("OpenStreetMap (online)"),
            "tianditu": self.tr("Tianditu (online, needs your key)…"),
            "amap": self.tr("AMap (online, GCJ-02)"),
            "xyz": self.tr("Custom XYZ tile URL (online)…"),
            "mbtiles": self.tr("Local MBTiles file…"),
        }
        for basemap in BASEMAPS:
            action = QAction(titles.get(basemap.id, basemap.title), self, checkable=True)
            action.setData(basemap.id)
            group.addAction(action)
            self.menu.addAction(action)
            action.triggered.connect(lambda _=False, b=basemap.id: self.choose(b))
            self.actions[basemap.id] = action
            if basemap.id == "offline":
                self.menu.addSeparator()
        session.events.basemap.connect(self._tick)
        self._tick(session.basemap)

    def choose(self, basemap_id: str) -> bool:
        """Ask for what the basemap needs, then make it the session's; False when the user gave up or the
        answer was refused."""
        remembered = self.remembered()
        key = url = path = ""
        if basemap_id == "tianditu":
            prompt = self.tr("Your Tianditu browser key (from console.tianditu.gov.cn). "
                             "Tiles will be downloaded from the internet.")
            key, ok = QInputDialog.getText(self.window, self.tr("Tianditu key"), prompt, QLineEdit.EchoMode.Normal,
                                           remembered.get("key", ""))
            if not ok:
                return self._keep_current()
        elif basemap_id == "xyz":
            prompt = self.tr("A tile URL with {z}, {x} and {y}, e.g. https://host/{z}/{x}/{y}.png. "
                             "Tiles will be downloaded from the internet.")
            url, ok = QInputDialog.getText(self.window, self.tr("XYZ tile URL"), prompt, QLineEdit.EchoMode.Normal,
                                           remembered.get("url", ""))
            if not ok:
                return self._keep_current()
        elif basemap_id == "mbtiles":
            path, _ = QFileDialog.getOpenFileName(self.window, self.tr("MBTiles file"), remembered.get("path", ""),
                                                  self.tr("MBTiles (*.mbtiles);;All files (*)"))
            if not path:
                return self._keep_current()
        try:
            choice = basemap_choice(basemap_id, key=key, url=url, path=path)
        except ValueError as error:
            self.error_box = message_box(self.window, self.tr("Basemap"), error)
            return self._keep_current()
        self.session.set_basemap(choice)
        return True

    def _keep_current(self) -> bool:
        self._tick(self.session.basemap)  # the action clicked ticked itself
        return False

    def _tick(self, choice: BasemapChoice) -> None:
        self.actions[choice.id].setChecked(True)
