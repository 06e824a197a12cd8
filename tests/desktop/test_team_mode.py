"""The window on a team store (a PostgreSQL/PostGIS database of the session's throwaway cluster): opened like a
GeoPackage, named in the title without its password, a read-only account's edits disabled with the reason, an
edit made from an old version refused with who and when, and a dropped connection told with 重试."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from pg_cluster import EDITOR_ROLE, READER_ROLE, url_for_role
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from viewer_helpers import js_json, open_window, run_js

from desktop.app import connection_lost
from desktop.team_store import LAST_DATABASE_KEY, ConnectDialog
from geodata import user_data
from geodata.edit_history import ensure_history_tables, feature_version, history_of
from geodata.feature_queries import feature_by_id, geometry_of
from geodata.store import connect
from geodata.store_address import PostgresAddress
from geodata.store_copy import copy_store
from geodata.store_edit import writing

YANZIHU = "ps-yanzihu"
CLICK_ZOOM = 13
TIMEOUT_MS = 20000



@pytest.fixture
def team_store(pg_url: str, built_store: Path) -> PostgresAddress:
    """The seed store copied into this test's own database (the test may change it)."""
    address = PostgresAddress(pg_url)
    copy_store(built_store, address)
    return address


@pytest.fixture
def team_window(qtbot, chinese, team_store: PostgresAddress, tmp_path: Path):
    window = open_window(qtbot, team_store, tmp_path)
    yield window
    window.close()


def unlinked_passages(store: PostgresAddress, feature_id: str, count: int) -> list[int]:
    """Passages not linked to `feature_id`, to link in a test."""
    with connect(store) as db:
        rows = db.execute("SELECT id FROM passages WHERE id NOT IN (SELECT passage_id FROM feature_passages "
                          "WHERE feature_id = ?) ORDER BY id LIMIT ?", (feature_id, count)).fetchall()
    return [row[0] for row in rows]


def click_feature(qtbot, window, store: PostgresAddress, feature_id: str) -> None:
    """A real mouse click on a point inside `feature_id`, the map centred there."""
    with connect(store) as db:
        point = geometry_of(db, feature_by_id(db, feature_id)).representative_point()
    run_js(qtbot, window.map, f"PlanMap.setView({point.y}, {point.x}, {CLICK_ZOOM}); 1")
    screen = js_json(qtbot, window.map, f"PlanMap.screenPoint({point.y}, {point.x})")
    target = window.map.focusProxy() or window.map
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(screen["x"]), round(screen["y"])))


def test_the_window_opens_on_a_team_store_and_a_click_shows_the_passages(qtbot, team_window, team_store):
    window = team_window
    assert "团队库" in window.windowTitle() and team_store.shown in window.windowTitle()
    assert window.store_label.text().startswith("团队库") and window.store_label.isVisible()
    qtbot.waitUntil(lambda: window.permissions_job is not None and not window.permissions_job.is_running(),
                    timeout=TIMEOUT_MS)
    assert window.session.edit_refusal is None and "只读" not in window.windowTitle()

    click_feature(qtbot, window, team_store, YANZIHU)
    qtbot.waitUntil(lambda: YANZIHU in window.session.selection.here, timeout=TIMEOUT_MS)
    window.select_feature(YANZIHU, zoom=False, here=window.session.selection.here)
    panel = window.feature_panel
    assert panel.name.text() == "燕子湖片区"
    assert len(panel.sheet.passages) > 0
    assert panel.passages_label.text() == f"相关条文（{len(panel.sheet.passages)}）"
    assert panel.sheet.passages[0].text[:20] in panel.passages.toPlainText()
    assert panel.history.toPlainText() == "还没有人修改过该要素的链接。"
    assert panel.link_passage.isEnabled()
    assert window.map.map_page.console_errors() == []
    found = window.search_box.search("燕子湖")  # the database's own search index
    assert any(place.feature_id == YANZIHU for place in found.places) and found.passages


def test_a_url_with_a_password_is_never_shown_or_saved(qtbot, chinese, team_store, built_store, tmp_path,
                                                        monkeypatch):
    """文件 → 连接数据库… from a window on a GeoPackage: the database opens in the same window; the password
    written into the URL (trust login ignores it) appears neither in the title nor in the settings. 打开地图数据文件…
    goes back to the GeoPackage."""
    window = open_window(qtbot, built_store, tmp_path)
    try:
        parts = urlsplit(team_store.url)
        with_password = parts._replace(netloc=f"postgres:s3cret-pw@{parts.netloc.rpartition('@')[2]}").geturl()
        opening = window.open_database(with_password)
        qtbot.waitUntil(lambda: window.session.store_path == PostgresAddress(with_password) and window.map.is_ready
                        and not window.session.busy, timeout=TIMEOUT_MS)
        assert opening.box is None
        assert "团队库" in window.windowTitle() and "s3cret" not in window.windowTitle()
        assert "s3cret" not in window.store_label.text()
        window.save_settings()
        saved = Path(window.settings.fileName()).read_text(encoding="utf-8")
        assert "s3cret" not in saved
        assert window.settings.value(LAST_DATABASE_KEY) == PostgresAddress(with_password).shown
        assert window.select_feature(YANZIHU, zoom=False)
        assert window.feature_panel.name.text() == "燕子湖片区"

        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(built_store), ""))
        window.open_store_file()  # 文件 → 打开地图数据文件…: back to the GeoPackage, by the same path
        qtbot.waitUntil(lambda: window.session.store_path == built_store and window.map.is_ready
                        and not window.session.busy, timeout=TIMEOUT_MS)
        assert "团队库" not in window.windowTitle() and not window.store_label.isVisible()
        assert window.select_feature(YANZIHU, zoom=False)
    finally:
        window.close()


def test_the_connect_dialog_says_what_an_address_lacks(qtbot, chinese):
    dialog = ConnectDialog("")
    qtbot.addWidget(dialog)
    assert "PGPASSWORD" in dialog.hint.text() and "从不保存密码" in dialog.hint.text()
    dialog.url.setText("/tmp/plan-map.gpkg")
    assert dialog.address() is None and "postgresql://" in dialog.problem.text()
    dialog.url.setText("postgresql://planner@db.example:5432")
    assert dialog.address() is None and "没有数据库名" in dialog.problem.text()
    dialog.url.setText("postgresql://planner@db.example:5432/plans")
    assert dialog.address() == PostgresAddress("postgresql://planner@db.example:5432/plans")


def test_a_database_that_cannot_be_reached_offers_retry_and_keeps_the_open_store(qtbot, chinese, built_store,
                                                                               pg_server, tmp_path):
    window = open_window(qtbot, built_store, tmp_path)
    try:
        missing = pg_server.url("no_such_database")
        opening = window.open_database(missing)
        qtbot.waitUntil(lambda: opening.box is not None and opening.box.isVisible(), timeout=TIMEOUT_MS)
        assert "服务器上没有这个名字的数据库" in opening.box.text()
        assert "no_such_database" in opening.box.detailedText()
        assert {button.text() for button in opening.box.buttons()} >= {"重试", "取消"}
        next(button for button in opening.box.buttons() if button.text() == "取消").click()
        assert window.session.store_path == built_store and window.session.db is not None
        assert "团队库" not in window.windowTitle()
    finally:
        window.close()


def open_as_role(qtbot, team_store: PostgresAddress, role: str, privileges: str, tmp_path: Path):
    """The window on the team store as `role`, granted `privileges` on every table."""
    with psycopg.connect(team_store.url, autocommit=True) as db:
        db.execute(f"GRANT {privileges} ON ALL TABLES IN SCHEMA public TO {role}")
    return open_window(qtbot, PostgresAddress(url_for_role(team_store.url, role)), tmp_path)


def test_a_read_only_account_sees_every_edit_disabled_with_the_reason(qtbot, chinese, team_store, pg_server,
                                                                      tmp_path):
    window = open_as_role(qtbot, team_store, READER_ROLE, "SELECT", tmp_path)
    try:
        qtbot.waitUntil(lambda: window.session.edit_refusal is not None, timeout=TIMEOUT_MS)
        reason = window.session.edit_refusal
        assert reason.startswith("只读账号")
        assert "只读" in window.windowTitle() and window.store_label.text().endswith("只读")
        assert f"{READER_ROLE} may only read" in window.store_label.toolTip()  # which right is missing, for the admin
        for action in (window.import_action, window.rebuild_action):
            assert not action.isEnabled() and action.toolTip()
        assert window.import_action.toolTip() == reason

        assert window.select_feature(YANZIHU, zoom=False)  # browsing works
        panel = window.feature_panel
        assert len(panel.sheet.passages) > 0
        for button in (panel.link_passage, panel.link_target):
            assert not button.isEnabled() and button.toolTip() == reason
        assert "unlink-passage:" not in panel.passages_html(panel.sheet)
        passage = panel.sheet.passages[0].passage_id
        window.reader.highlight_feature(YANZIHU)
        link = window.reader.link_menu(passage).actions()[-1]
        assert not link.isEnabled() and link.toolTip() == reason

        assert window.edits.change_link("passage", passage, "unlink") is None  # refused before it starts
        assert window.statusBar().currentMessage() == reason
        assert window.import_file(tmp_path / "any.geojson") is None
        assert window.rebuild_store(confirm=False) is None
        with connect(team_store) as db:
            assert history_of(db, YANZIHU) == []
    finally:
        window.close()


def test_an_editor_account_links_but_leaves_importing_and_rebuilding_to_the_owner(qtbot, chinese, team_store,
                                                                                  tmp_path):
    with writing(team_store) as db:
        ensure_history_tables(db)  # made by the owner, as the first edit of a fresh copy would
    window = open_as_role(qtbot, team_store, EDITOR_ROLE, "SELECT, INSERT, UPDATE, DELETE", tmp_path)
    try:
        qtbot.waitUntil(lambda: window.session.manage_refusal is not None, timeout=TIMEOUT_MS)
        assert window.session.edit_refusal is None and "只读" not in window.windowTitle()
        assert not window.import_action.isEnabled() and "所有者" in window.import_action.toolTip()
        assert not window.rebuild_action.isEnabled() and "所有者" in window.rebuild_action.toolTip()
        assert window.select_feature(YANZIHU, zoom=False)
        assert window.feature_panel.link_passage.isEnabled()
        passage = unlinked_passages(team_store, YANZIHU, 1)[0]
        job = window.edits.change_link("passage", passage, "link")
        qtbot.waitUntil(lambda: not job.is_running() and window.feature_panel.version == 1, timeout=TIMEOUT_MS)
        assert window.edits.error_box is None
        assert EDITOR_ROLE in window.feature_panel.history.toPlainText()  # who, as the server knows them
    finally:
        window.close()


def test_an_edit_from_an_old_version_is_refused_with_who_and_when_and_the_panel_reloads(qtbot, team_window,
                                                                                         team_store):
    window = team_window
    assert window.select_feature(YANZIHU, zoom=False)
    panel = window.feature_panel
    assert panel.version == 0
    theirs, ours = unlinked_passages(team_store, YANZIHU, 2)
    user_data.link(team_store, YANZIHU, passage_id=theirs, expected_version=0)  # another planner, meanwhile

    job = window.edits.change_link("passage", ours, "link")
    qtbot.waitUntil(lambda: not job.is_running() and window.edits.error_box is not None, timeout=TIMEOUT_MS)
    box = window.edits.error_box
    assert box.text().startswith("该要素已被他人修改——请重新载入")
    assert "postgres" in box.text()  # who
    assert "您的修改没有保存" in box.text()
    box.close()
    # Theirs is kept, ours not saved; the panel shows the feature as it is now.
    with connect(team_store) as db:
        assert feature_version(db, YANZIHU) == 1
        assert [entry.action for entry in history_of(db, YANZIHU)] == ["link"]
    qtbot.waitUntil(lambda: panel.version == 1, timeout=TIMEOUT_MS)
    assert theirs in [item.passage_id for item in panel.sheet.passages]
    assert ours not in [item.passage_id for item in panel.sheet.passages]
    assert panel.history_label.text() == "修改记录（1）" and "链接了" in panel.history.toPlainText()

    # Made again from the reloaded version, the edit goes through.
    window.edits.error_box = None
    job = window.edits.change_link("passage", ours, "link")
    qtbot.waitUntil(lambda: not job.is_running() and panel.version == 2, timeout=TIMEOUT_MS)
    assert window.edits.error_box is None
    assert ours in [item.passage_id for item in panel.sheet.passages]
    assert panel.history_label.text() == "修改记录（2）"


def test_a_server_restart_is_told_with_retry_and_the_window_reconnects(qtbot, team_window, team_store, pg_server):
    """The server stops under the window (pg_ctl stop, as in a restart): the next action says so with 重试, an
    edit tried meanwhile saves nothing, 重试 while it is down asks again, and once it is back 重试 reconnects."""
    window = team_window
    passage = unlinked_passages(team_store, YANZIHU, 1)[0]
    pg_server.stop_server()
    try:
        window.select_feature(YANZIHU, zoom=False)
        box = window.connection_box
        assert box is not None and box.isVisible()
        assert "与团队库的连接已中断" in box.text()
        assert {button.text() for button in box.buttons()} >= {"重试", "取消"}
        assert window.store_label.text() == "团队库：连接已中断"
        assert "重试" in window.statusBar().currentMessage()

        job = window.edits.change_link("passage", passage, "link")  # an edit while the server is down
        qtbot.waitUntil(lambda: not job.is_running() and not window.session.busy, timeout=TIMEOUT_MS)
        assert window.edits.error_box is None and window.connection_box is box  # told once, by the same box

        box.retry.click()  # still down: asked again
        qtbot.waitUntil(lambda: window.opening.box is not None and window.opening.box.isVisible(), timeout=TIMEOUT_MS)
        assert "仍然无法连接团队库" in window.opening.box.text()
    finally:
        pg_server.start_server()
    window.opening.box.retry.click()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "已重新连接团队库。", timeout=TIMEOUT_MS)
    assert window.store_label.text().startswith("团队库 ")
    assert window.select_feature(YANZIHU, zoom=False)
    assert window.feature_panel.name.text() == "燕子湖片区"
    with connect(team_store) as db:
        assert history_of(db, YANZIHU) == []  # the edit tried while it was down left nothing behind


def test_a_read_that_loses_the_connection_anywhere_in_the_window_is_told_not_crashed(qtbot, team_window):
    """A slot that reads the store (a search, the reader) and meets a dropped connection: the viewer's
    excepthook hands it to the window's 重试 box instead of the unexpected-error box."""
    assert connection_lost(psycopg.OperationalError("server closed the connection unexpectedly"))
    assert team_window.connection_box.isVisible() and "连接已中断" in team_window.connection_box.text()
    assert not connection_lost(ValueError("not a connection problem"))
    team_window.connection_box.close()


def test_the_owner_imports_and_rebuilds_a_team_store_from_the_window(qtbot, team_window, team_store, tmp_path,
                                                                      monkeypatch):
    """Import and 重建地图数据 on a team store run the GeoPackage code on a local copy that replaces the database's
    store; a link made before survives both, and the rebuild keeps the store as it was in the user's data folder."""
    from test_import_ui import LAYER, import_by_drop, parcels, wait_imported

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    window = team_window
    passage = unlinked_passages(team_store, YANZIHU, 1)[0]
    user_data.link(team_store, YANZIHU, passage_id=passage)
    wait_imported(qtbot, window, import_by_drop(qtbot, window, parcels(tmp_path)))
    assert LAYER in window.layer_panel.items
    with connect(team_store) as db:
        assert LAYER in [row[0] for row in db.execute("SELECT f_table_name FROM geometry_columns")]

    job = window.rebuild_store(confirm=False)
    assert job is not None
    qtbot.waitUntil(lambda: not job.is_running() and not window.busy(), timeout=60000)
    box = window.rebuild_box
    assert box is not None and "重建" in box.text(), box.text()
    kept = next((tmp_path / "data").rglob("team-*.rebuilt-*.gpkg"))
    assert kept.stat().st_size > 0
    with connect(team_store) as db:
        assert LAYER in [row[0] for row in db.execute("SELECT f_table_name FROM geometry_columns")]
        assert db.execute("SELECT 1 FROM feature_passages WHERE feature_id = ? AND passage_id = ?",
                          (YANZIHU, passage)).fetchone()
