"""UI text: English source strings, shown in Chinese from resources/i18n whatever the system locale, unless
English is chosen in the settings or with PLAN_MAP_LOCALE."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from desktop.app import install_translator


def test_chinese_translation_loads(qapp, monkeypatch):
    monkeypatch.setenv("PLAN_MAP_LOCALE", "zh_CN")
    translators = install_translator(qapp)
    try:
        assert translators
        assert QCoreApplication.translate("MainWindow", "Layers") == "图层"
        assert QCoreApplication.translate("FeaturePanel", "open in plan") == "在规划中打开"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "Layers") == "Layers"


def test_english_on_request_gets_the_source_text(qapp, monkeypatch):
    monkeypatch.setenv("PLAN_MAP_LOCALE", "en_GB")
    assert install_translator(qapp) is None


def test_a_c_locale_still_gets_chinese(qapp, monkeypatch, tmp_path):
    monkeypatch.delenv("PLAN_MAP_LOCALE", raising=False)
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    translators = install_translator(qapp, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    try:
        assert translators
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        assert QCoreApplication.translate("QMessageBox", "Show Details...") == "显示详情..."  # Qt's own buttons too
    finally:
        for translator in translators or ():
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)
