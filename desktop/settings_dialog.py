"""The viewer's settings: where they are kept, the interface language, and the 设置… dialog that changes it.

The window is Chinese whatever the system locale (servers and fresh installs often run C.UTF-8); English is a
choice made here, or PLAN_MAP_LOCALE=en for one run. Translations load before any widget exists, so a new
language shows from the next start, which the dialog says.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from geodata.store import APP_NAME

LOCALE_ENV = "PLAN_MAP_LOCALE"  # zh_CN or en: overrides the chosen language for one run
LANGUAGE_KEY = "language"
LANGUAGE_PROPERTY = "plan_map_language"  # on the application: the language of this run
CHINESE, ENGLISH = "zh_CN", "en"
LANGUAGES = ((CHINESE, "中文"), (ENGLISH, "English"))  # each named in its own language


def default_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, "viewer")


def chosen_language(settings: QSettings) -> str:
    """The language chosen in the settings: Chinese unless English was chosen."""
    return ENGLISH if str(settings.value(LANGUAGE_KEY, CHINESE) or CHINESE) == ENGLISH else CHINESE


def ui_language(settings: QSettings) -> str:
    """The language of this run: PLAN_MAP_LOCALE when set (zh… is Chinese, anything else English), else the
    chosen one. The system locale plays no part."""
    override = os.environ.get(LOCALE_ENV, "").strip()
    if override:
        return CHINESE if override.lower().startswith("zh") else ENGLISH
    return chosen_language(settings)


class SettingsDialog(QDialog):
    """设置…: the interface language, remembered in `settings` when the dialog is accepted."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.shown_language = run_language(settings)  # before the dialog changes the setting
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(chosen_language(settings)))
        self.note = QLabel(self.tr("A new language shows after the program is restarted."))
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)

    def accept(self) -> None:
        self.settings.setValue(LANGUAGE_KEY, self.language.currentData())
        self.settings.sync()
        super().accept()

    def language_changed(self) -> bool:
        """Whether the accepted choice differs from the language this run shows (from the next start)."""
        return self.language.currentData() != self.shown_language


def run_language(settings: QSettings) -> str:
    """The language this run shows: what install_translator recorded on the application, else what it would
    choose."""
    app = QCoreApplication.instance()
    recorded = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return str(recorded) if recorded in (CHINESE, ENGLISH) else ui_language(settings)
