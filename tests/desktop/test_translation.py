"""UI text: English source strings, Chinese from resources/i18n on a Chinese system (or PLAN_MAP_LOCALE)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

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


def test_english_system_gets_the_source_text(qapp, monkeypatch):
    monkeypatch.setenv("PLAN_MAP_LOCALE", "en_GB")
    assert install_translator(qapp) is None
