"""Changes to the store from the window: an import, an imported layer's style, name, removal or export, a
link between a feature and a passage or target, an imported feature replacing a schematic one.

Each runs as a Job on the store queue with the session's connection closed (the edit moves a new file over
the store), then the store is reopened and the window reads it again, with a new map page when the edit
changes the map.

On a team store an edit of a feature passes the version the feature panel read (`expected_version`): when
someone else changed the feature meanwhile, nothing is saved, the user is told who and when, and the panel
shows the feature as it is now. A read-only account's edits are refused before they start, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from desktop.jobs import STORE, Job, JobProgress
from desktop.messages import message_box
from desktop.team_store import lost_connection
from geodata import user_data
from geodata.edit_history import EditConflict, layer_version
from geodata.feature_queries import layer_fields
from geodata.imports import imported_layers
from geodata.progress import Progress
from geodata.store import connect
from layers.page import cached_page
from layers.style import layer_style, styled

EDIT, MANAGE = "edit", "manage"  # what a change needs: an editor role, or the team store's owner


class StoreEdits(QObject):
    """The window's edits of its session's store, one at a time; `job` is the latest."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.job: Job | None = None
        self.dialog: JobProgress | None = None
        self.stopped = False
        self.error_box: QMessageBox | None = None  # the last failure's message, kept open

    def run(self, work: Callable[[Progress], object], title: str, label: str,
            on_done: Callable[[object, BaseException | None], None] | None = None, *, cancellable: bool = False,
            page: bool = True, needs: str | None = EDIT) -> Job | None:
        """Run `work(progress)` on the store queue with the store released, then reopen it and show what it holds
        now (with a new map page when `page`); `on_done(result, error)` follows on the UI thread. A change that
        `needs` EDIT or MANAGE rights is refused, with the reason in the status bar, when this user lacks them
        (None: it only reads)."""
        if self.job is not None and self.job.is_running():
            self.window.statusBar().showMessage(self.tr("Another change to the store is still running."), 5000)
            return None
        if needs is not None and self.refused(needs):
            return None
        store, cache = self.session.store_path, self.window.page_cache

        def job(progress: Progress):
            result = work(progress)
            if not page:
                return result, None
            with connect(store) as db:
                return result, cached_page(db, store, cache)

        self.session.set_busy(True)
        self.session.release_store()
        self.job = Job(job, reports=True)
        self.job.ended.connect(lambda done=self.job: self._finished(done, title, on_done))
        self.dialog = JobProgress(self.job, title, label, self.window, cancellable=cancellable,
                                  cancelling=self.tr("Cancelling… the store stays as it was."))
        self.dialog.open()
        return self.job.start(STORE)

    def _finished(self, done: Job, title: str, on_done: Callable | None) -> None:
        if self.stopped:
            return  # the window has closed meanwhile
        result, new_page = done.result if done.error is None else (None, None)
        try:
            self.session.open_store()
        except Exception as error:  # noqa: BLE001 - a lost connection is told; anything else is re-raised
            self.session.set_busy(False)
            if not lost_connection(error):
                raise
            self.window.connection_lost(error)
            return
        if new_page is not None:
            self.window.reload_page(new_page)  # the session stays busy until the page is ready
        else:
            self.session.set_busy(False)
        self.session.refresh_selection()
        if isinstance(done.error, EditConflict):
            self.error_box = message_box(self.window, title, self.conflict_text(done.error), detail=str(done.error))
        elif done.error is not None and lost_connection(done.error):
            self.window.connection_lost(done.error)
        elif on_done is not None:
            on_done(result, done.error)
        elif done.error is not None:
            self.error_box = message_box(self.window, title, done.error)

    def refused(self, needs: str = EDIT) -> bool:
        """This user may not make a change that `needs` EDIT or MANAGE rights: say why in the status bar."""
        refusal = self.session.manage_refusal if needs == MANAGE else self.session.edit_refusal
        if refusal is not None:
            self.window.statusBar().showMessage(refusal, 15000)
        return refusal is not None

    def conflict_text(self, conflict: EditConflict) -> str:
        """该要素已被他人修改: who and when, that nothing was saved, and that the panel shows it as it is now."""
        who = conflict.actor or self.tr("someone else")
        when = conflict.at.astimezone().strftime("%Y-%m-%d %H:%M") if conflict.at is not None else "—"
        changed = (self.tr("This layer was changed by someone else since you opened it (%1, %2) — reload it.")
                   if conflict.subject.startswith("layer:") else
                   self.tr("This feature was changed by someone else since you opened it (%1, %2) — reload it."))
        return (changed.replace("%1", who).replace("%2", when) + "\n"
                + self.tr("Your change was not saved and theirs is kept. The window now shows it as it is; "
                          "make your change again if it is still needed."))

    def stop(self) -> None:
        """The window closes: cancel a running edit, wait for it to stop and ignore its end."""
        self.stopped = True
        if self.job is not None and self.job.is_running():
            self.job.cancel()
            self.job.wait()

    # -- imported layers ----------------------------------------------------------------------------
    def style_layer(self, name: str, style: user_data.LayerStyleOverride | None = None) -> Job | None:
        if self.refused():
            return None
        version = layer_version(self.session.db, name)
        if style is None:
            from desktop.layer_style_dialog import LayerStyleDialog

            db = self.session.db
            current = styled(layer_style(name), user_data.layer_style_overrides(db).get(name))
            dialog = LayerStyleDialog(name, current, layer_fields(db, name), self.window)
            if not dialog.exec():
                return None
            style = dialog.chosen_style()
        store = self.session.store_path
        return self.run(lambda _p: imported_layers.set_layer_style(store, name, style, expected_version=version),
                        self.tr("Layer style"), self.tr("Saving the style…"))

    def rename_layer(self, name: str, new_name: str | None = None) -> Job | None:
        if self.refused(MANAGE):
            return None
        version = layer_version(self.session.db, name)
        if new_name is None:
            new_name, ok = QInputDialog.getText(self.window, self.tr("Rename layer"), self.tr("New name for %1:")
                                                .replace("%1", name), QLineEdit.EchoMode.Normal, name)
            if not ok or not new_name.strip() or new_name.strip() == name:
                return None
        store = self.session.store_path
        return self.run(lambda _p: imported_layers.rename_layer(store, name, new_name, expected_version=version),
                        self.tr("Rename layer"), self.tr("Renaming %1…").replace("%1", name), needs=MANAGE)

    def remove_layer(self, name: str, confirm: bool = True) -> Job | None:
        if self.refused(MANAGE):
            return None
        version = layer_version(self.session.db, name)
        if confirm:
            answer = QMessageBox.question(
                self.window, self.tr("Remove layer"),
                self.tr("Remove the imported layer %1 with its links and style? The file it came from is not "
                        "touched.").replace("%1", name))
            if answer != QMessageBox.StandardButton.Yes:
                return None
        store = self.session.store_path
        return self.run(lambda _p: imported_layers.remove_layer(store, name, expected_version=version),
                        self.tr("Remove layer"), self.tr("Removing %1…").replace("%1", name), needs=MANAGE)

    def export_layer(self, name: str, out: Path | str | None = None) -> Job | None:
        if out is None:
            out, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export layer"), f"{name}.gpkg",
                                                 self.tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)"))
            if not out:
                return None
        store = self.session.store_path

        def done(result, error) -> None:
            if error is not None:
                self.error_box = message_box(self.window, self.tr("Export layer"), error)
            else:
                self.window.statusBar().showMessage(
                    self.tr("Exported %1 features and %2 links to %3").replace("%1", str(result.features))
                    .replace("%2", str(result.links)).replace("%3", str(result.path)), 10000)

        return self.run(lambda _p: imported_layers.export_layer(store, name, Path(out), overwrite=True),
                        self.tr("Export layer"), self.tr("Exporting %1…").replace("%1", name), done, page=False,
                        needs=None)

    # -- links and replacements ---------------------------------------------------------------------
    def pick_link(self, kind: str) -> Job | None:
        selected = self.session.selection.feature_id
        if selected is None or self.refused():
            return None
        from desktop.link_picker import LinkPicker

        picker = LinkPicker(self.window.search_box.index, kind, self.session.directory.get(selected).feature.name,
                            self.window)
        if not picker.exec() or picker.chosen() is None:
            return None
        return self.change_link(kind, picker.chosen(), "link")

    def change_link(self, kind: str, row_id: int, action: str) -> Job | None:
        """Link (or unlink) the selected feature and a passage or target; the feature panel shows the result."""
        feature_id = self.session.selection.feature_id
        if feature_id is None:
            self.window.statusBar().showMessage(self.tr("Select a feature on the map first."), 6000)
            return None
        store, version = self.session.store_path, self.shown_version(feature_id)
        change = user_data.link if action == "link" else user_data.unlink
        arguments = {"passage_id": row_id} if kind == "passage" else {"target_id": row_id}
        return self.run(lambda _p: change(store, feature_id, **arguments, expected_version=version),
                        self.tr("Links"), self.tr("Saving the link…"), page=False)

    def shown_version(self, feature_id: str) -> int | None:
        """The version of `feature_id` the feature panel read, which an edit of it must still find."""
        panel = self.window.feature_panel
        return panel.version if panel.sheet is not None and panel.sheet.id == feature_id else None

    def replace_selected(self, schematic_id: str | None = None) -> Job | None:
        """Mark the selected imported feature as replacing a schematic one (offered best overlap first)."""
        imported_id = self.session.selection.feature_id
        if imported_id is None or self.refused():
            return None
        if schematic_id is None:
            candidates = user_data.replacement_candidates(self.session.db, imported_id)
            if not candidates:
                QMessageBox.information(self.window, self.tr("Replace schematic feature"),
                                        self.tr("No schematic feature to replace."))
                return None
            overlap = self.tr("overlap")  # outside the f-string, where pyside6-lupdate finds it
            labels = [f"{c.name} · {c.layer}" + (f" · {overlap} {c.overlap:.0%}" if c.overlap else "")
                      for c in candidates]
            label, ok = QInputDialog.getItem(self.window, self.tr("Replace schematic feature"),
                                             self.tr("The schematic feature this one replaces (it will be hidden "
                                                     "and its links move here):"), labels, 0, False)
            if not ok:
                return None
            schematic_id = candidates[labels.index(label)].feature_id
        store, version = self.session.store_path, self.shown_version(imported_id)
        return self.run(lambda _p: user_data.replace_schematic(store, imported_id, schematic_id,
                                                               expected_version=version),
                        self.tr("Replace schematic feature"), self.tr("Replacing…"))
