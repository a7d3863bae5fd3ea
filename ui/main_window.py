"""The shell: navigation between pages, menus, status bar, DEMO banner and saved window state."""

from __future__ import annotations

import contextlib
import importlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk import APP_NAME
from commissioner_desk.workspace import Workspace

from . import messages, read_cache
from .operations import Background, Operation
from .page_loading import PageLoader, when_loaded
from .pages.base import Page, PageFolders
from .window_state import restore_splitters, restore_window, save_window

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database

    from .damage_banner import DamageBanner


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    factory: str  # "module:Class", imported when the page is first shown


# Pages are built on first visit: start-up pays only for the page it opens on, and pages that
# need heavy libraries (charts, maps) do not slow the window's appearance.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", "Home", "ui.pages.home:HomePage"),
    PageSpec("returns", "Returns", "ui.pages.returns:ReturnsPage"),
    PageSpec("map", "Map", "ui.pages.map:MapPage"),
    PageSpec("trends", "Trends", "ui.pages.trends:TrendsPage"),
    PageSpec("profile", "Force profile", "ui.pages.profile:ProfilePage"),
    PageSpec("meetings", "Meetings", "ui.pages.meetings:MeetingsPage"),
    PageSpec("actions", "Actions", "ui.pages.actions:ActionsPage"),
    PageSpec("practices", "Practice library", "ui.pages.practices:PracticesPage"),
    PageSpec("membership", "Membership", "ui.pages.membership:MembershipPage"),
    PageSpec("imports", "Imports", "ui.pages.imports:ImportsPage"),
    PageSpec("forces", "Forces", "ui.pages.forces:ForcesPage"),
    PageSpec("figures", "Figures", "ui.pages.figures:FiguresPage"),
)
CHANGES = frozenset({"load_demo", "remove_demo", "import_returns", "undo_batch"})  # commands


class MainWindow(QMainWindow):
    changed = Signal()  # the database changed: pages refresh when next shown
    database_opened = Signal()

    def __init__(self, ws: Workspace, started_at: float | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.db: Database | None = None
        self.started_at = started_at or time.perf_counter()
        self.timings: dict[str, float] = {}
        self._operations: list[Operation] = []
        self.daily_backup: Background | None = None  # today's automatic backup, if running
        self.integrity_check: Background | None = None  # a large file's check, if running
        self.damage_banner: DamageBanner | None = None  # built if the database is damaged
        self._stale: set[str] = set()
        self.loader = PageLoader(self)  # pages' reads, off the UI thread
        self.loader.loaded.connect(self._page_shown)
        self.loader.failed.connect(self._page_failed)
        self.loader.slow.connect(self._show_loading)
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)  # spreadsheets dropped on the window are imported

        self.page_keys = tuple(spec.key for spec in PAGES)
        self._built: dict[str, Page] = {}
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Pages")
        for spec in PAGES:
            self.stack.addWidget(QWidget())  # stands in until the page is first shown
            self.nav.addItem(QListWidgetItem(spec.title))
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.banner = self._build_banner()
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(12, 8, 12, 8)
        rv.addWidget(self.banner)
        rv.addWidget(self.stack, 1)
        self.right_layout = rv
        # Horizontal by default. This module avoids the `Qt` namespace: building its ~150 enums
        # costs more than a bare window takes to appear, and the shell must appear first.
        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([170, 1030])
        self.setCentralWidget(self.splitter)

        self._pending_shortcuts: list[tuple[QAction, object]] = []
        self._build_menus()
        self.loading_label = QLabel()  # "Loading Map…" while the page shown reads slowly
        self.loading_label.setObjectName("pageLoading")
        self.statusBar().addPermanentWidget(self.loading_label)
        self.db_label = QLabel()
        self.statusBar().addPermanentWidget(self.db_label)
        self.statusBar().showMessage("Opening the database…")
        self.resize(1200, 780)
        start_page = restore_window(self, self.ws.settings.window_state)
        keys = self.page_keys
        self.nav.setCurrentRow(keys.index(start_page) if start_page in keys else 0)
        self.set_enabled(False)

    # ----- building -------------------------------------------------------------------------

    def _build_banner(self) -> QWidget:
        banner = QWidget()
        banner.setObjectName("demoBanner")
        layout = QHBoxLayout(banner)
        layout.setContentsMargins(10, 4, 10, 4)
        text = QLabel(
            "<b>DEMO DATA</b>: the figures, meetings and actions shown are synthetic, "
            "not real returns."
        )
        remove = QPushButton("Remove demo data…")
        remove.clicked.connect(self.remove_demo)
        layout.addWidget(text, 1)
        layout.addWidget(remove)
        banner.setVisible(False)
        return banner

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.act_import = self._action(
            file_menu, "&Import returns…", self.import_returns, QKeySequence.StandardKey.Open
        )
        self.act_templates = self._action(file_menu, "Make return &templates…", self.make_templates)
        self.act_populations = self._action(
            file_menu, "Load &population estimates…", self.load_populations
        )
        file_menu.addSeparator()
        self.act_pack = self._action(
            file_menu, "Briefing &pack…", self.briefing_pack, QKeySequence.StandardKey.Print
        )
        file_menu.addSeparator()
        self.act_load_demo = self._action(file_menu, "Load &demo data", self.load_demo)
        self.act_remove_demo = self._action(file_menu, "&Remove demo data…", self.remove_demo)
        file_menu.addSeparator()
        self.act_backup = self._action(file_menu, "&Back up database…", self.backup)
        self.act_restore = self._action(file_menu, "Re&store database…", self.restore)
        self._action(file_menu, "Bac&kups…", self.edit_backups)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu("&Edit")
        self._action(edit_menu, "&Undo", self.undo_last, QKeySequence.StandardKey.Undo)
        edit_menu.addSeparator()
        self._action(
            edit_menu,
            "&Find across the network…",
            self.find_across_network,
            QKeySequence("Ctrl+Shift+F"),
        )

        view_menu = bar.addMenu("&View")
        for n, spec in enumerate(PAGES, start=1):
            self._action(
                view_menu,
                spec.title,
                lambda _=False, key=spec.key: self.show_page(key),
                QKeySequence(f"Ctrl+{n % 10}") if n <= 10 else None,  # the tenth is Ctrl+0
            )
        view_menu.addSeparator()
        self._action(view_menu, "Re&fresh", self.reload_current, QKeySequence.StandardKey.Refresh)

        map_menu = bar.addMenu("&Map")
        self.act_boundaries = self._action(
            map_menu, "Load &boundaries…", lambda: self.page("map").load_boundaries_file()
        )
        self.act_rule = self._action(map_menu, "Low-reporting &rule…", self.edit_low_reporting_rule)

        figures_menu = bar.addMenu("Fi&gures")
        self.act_metrics = self._action(figures_menu, "&Metrics…", self.edit_metrics)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, f"&About {APP_NAME}", self.about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            # Assigned once the window is on screen: the first setShortcut builds Qt's key
            # enums, which takes longer than a bare window needs to appear.
            self._pending_shortcuts.append((action, shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _install_shortcuts(self) -> None:
        for action, shortcut in self._pending_shortcuts:
            action.setShortcut(shortcut)
        self._pending_shortcuts.clear()

    def set_enabled(self, opened: bool) -> None:
        for action in (*self.changing_actions(), self.act_pack, self.act_restore):
            action.setEnabled(opened)

    def changing_actions(self) -> tuple[QAction, ...]:
        """The actions that change the database (or back it up): off while it is damaged."""
        return (
            self.act_boundaries,
            self.act_rule,
            self.act_metrics,
            self.act_import,
            self.act_populations,
            self.act_load_demo,
            self.act_remove_demo,
            self.act_backup,
        )

    # ----- database -------------------------------------------------------------------------

    def open_database(self) -> None:
        """Connect, upgrade and show the first page. Called just after the window is shown."""
        self.timings["window_shown_s"] = time.perf_counter() - self.started_at
        self._install_shortcuts()
        from .opening import open_database

        open_database(self)

    def reopen(self) -> None:
        """After a damaged file was restored: open it again as at start-up."""
        from .opening import reopen

        reopen(self)

    def _update_demo_state(self) -> None:
        from commissioner_desk.demo import has_demo

        if self.db is None or self.db.damage is not None:
            return  # damaged: opening.show_damage set the title and actions
        demo = has_demo(self.db)
        self.banner.setVisible(demo)
        self.act_load_demo.setEnabled(not demo)
        self.act_remove_demo.setEnabled(demo)
        self.setWindowTitle(f"{APP_NAME} — DEMO" if demo else APP_NAME)

    def notify_changed(self) -> None:
        if self.db is not None and self.db.damage is None:
            # The office's metrics (a restore, another user) as they are now.
            from commissioner_desk.db.user_metrics import load_user_metrics

            load_user_metrics(self.db)
        self._stale = set(self.page_keys)
        self.loader.drop()  # reads begun before the change would show the old figures
        read_cache.clear()
        self.changed.emit()
        self.refresh_current()

    # ----- pages ----------------------------------------------------------------------------

    def page(self, key: str) -> Page:
        """The page for `key`, built (and put into the stack) on first use."""
        if key not in self._built:
            index = self.page_keys.index(key)
            module, _, name = PAGES[index].factory.partition(":")
            page: Page = getattr(importlib.import_module(module), name)()
            page.folders = PageFolders(self.ws.folder, self.ws.geo_dir)
            # What a page asks of the window (it never reaches for the window itself).
            page.command_requested.connect(self.run_command)
            page.open_requested.connect(self.open_record)
            page.data_changed.connect(self.notify_changed)
            page.status_message.connect(self.statusBar().showMessage)
            page.status_widget_offered.connect(lambda w: self.statusBar().addWidget(w))
            placeholder = self.stack.widget(index)
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            self._built[key] = page
            restore_splitters(page, self.ws.settings.window_state)
        return self._built[key]

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.page_keys.index(key))

    def current_page(self) -> Page:
        return self.page(self.page_keys[max(self.stack.currentIndex(), 0)])

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(self.page_keys[row])
        self.stack.setCurrentIndex(row)
        if page.key in self._stale:
            self.refresh_current()
        self._show_loading()

    def _show_loading(self) -> None:
        page = self._built.get(self.page_keys[max(self.stack.currentIndex(), 0)])
        self.loading_label.setText(f"Loading {page.title}…" if page and page.is_loading() else "")

    def reload_current(self) -> None:
        """View › Refresh: read the page again from the database, nothing kept from before
        (another user may have changed it)."""
        read_cache.clear()
        self.refresh_current()

    def refresh_current(self) -> None:
        if self.db is None:
            return
        page = self.current_page()
        try:
            query = page.query()
            if query is None:  # a page with nothing slow to read
                page.refresh(self.db)
        except Exception as exc:
            self._page_failed(page.key, exc)
            return
        if query is not None:  # read in the background; the page keeps its last content
            self._stale.discard(page.key)  # a change meanwhile marks it stale again
            self.loader.load(page, self.db, query)
            return
        self._page_shown(page.key)

    def _page_shown(self, key: str) -> None:
        self._stale.discard(key)
        if "first_data_s" not in self.timings:
            self.timings["first_data_s"] = time.perf_counter() - self.started_at
            self._read_ahead()
        self._update_demo_state()

    def _read_ahead(self) -> None:
        """Once the first page shows, one worker imports what the other pages need
        (warm_up.PAGES) and reads what the map and the trends open on (read_cache.prefetch),
        so that opening them later does neither on the UI thread or while the user waits. One
        worker, not two: each takes the interpreter from the UI thread for a while."""
        from . import warm_up
        from .metric_choices import metric_items

        db, items = self.db, metric_items()
        folders = (self.ws.folder, self.ws.geo_dir)

        def ahead() -> None:
            warm_up.import_all(warm_up.PAGES)
            if db is not None and db.damage is None and items:
                read_cache.prefetch(db, items[0][1], folders)

        def done(_result=None) -> None:
            from .app import freeze_startup_objects

            freeze_startup_objects()  # what start-up imported stays: out of the collector's way

        job = Background(
            self,
            ahead,
            on_success=done,
            on_failure=done,  # the page's own read will say what went wrong
        )
        job.start()

    def _page_failed(self, key: str, exc: BaseException) -> None:
        page = self.page(key)
        self._stale.add(key)  # read again when next shown
        if self.db is not None and self.db.damage is not None:  # the banner says why
            unread = f"The {page.title} page could not be read from the damaged database."
            self.statusBar().showMessage(unread)
            if hasattr(page, "show_opening"):  # Home: not "Opening the database…"
                page.show_opening(f"{unread}\nRestore a backup: see above.")
            return
        messages.show_error(self, f"The {page.title} page could not be shown", exc)

    # ----- commands -------------------------------------------------------------------------

    def run_command(self, command: str) -> None:
        """A page asks for one of the window's commands: "load_demo", "undo_batch:12"."""
        from .opening import refused

        name, _, argument = command.partition(":")
        if name not in CHANGES or not refused(self):  # a damaged database takes no change
            getattr(self, name)(*([argument] if argument else []))

    def show_force(self, code: str) -> None:
        """A force clicked on the map or Home: its profile."""
        page = self.page("profile")
        page.choose_force(code)  # read with its page, in the background
        if self.current_page() is page:
            self.refresh_current()
        else:
            self._stale.add("profile")
            self.show_page("profile")

    def show_figures(self, argument: str) -> None:
        """A force's figures for one metric and quarter: "CODE,METRIC,PERIOD" (its profile)."""
        from commissioner_desk.importing.many import default_resolver

        code, metric, period = [*argument.split(","), "", ""][:3]
        record = default_resolver().resolve(code)
        self.show_page("figures")

        def select(figures) -> None:
            if metric and period:
                figures.select(metric, period)
            figures.search.setText(record.display_name if record else code)

        self._once_loaded("figures", select)

    def show_trend(self, metric_key: str) -> None:
        """A key figure clicked on Home: the national trend of that metric."""
        self.show_page("trends")
        self._once_loaded("trends", lambda page: page.show_metric(metric_key))

    def show_meeting(self, meeting_id: str | int) -> None:
        """A meeting named elsewhere (search, an action's minute reference): its page."""
        self.show_page("meetings")
        self._once_loaded("meetings", lambda page: page.select_meeting(int(meeting_id)))

    def _once_loaded(self, key: str, then) -> None:
        """`then(page)` once the page's background read is shown: a choice made before would
        be overwritten by the read's result."""
        when_loaded(self.loader, key, lambda: then(self.page(key)))

    def show_actions(self, arg: str = "") -> None:
        """The action log: "overdue", "due_soon", "force=CODE", "id=12", or "" for all open."""
        self.show_page("actions")
        page = self.page("actions")
        if arg.startswith("id="):
            page.select_action(int(arg[3:]))
        elif arg.startswith("force="):
            page.show_filter(force_code=arg[6:])
        else:
            page.show_filter(overdue=arg == "overdue", due_soon=arg == "due_soon")

    def open_record(self, kind: str, record_id: int) -> None:
        """A meeting, action or practice entry named elsewhere: its page, the record shown."""
        if kind == "meeting":
            self.show_meeting(record_id)
        elif kind == "action":
            self.show_actions(f"id={record_id}")
        elif kind == "practice":
            self.show_page("practices")
            self.page("practices").select_practice(record_id)

    def undo_last(self) -> None:
        """Edit › Undo: the current page's last deletion, if it can undo one."""
        page = self.current_page()
        if self.db is not None and hasattr(page, "undo"):
            page.undo()
        else:
            self.statusBar().showMessage("Nothing to undo on this page.", 4000)

    def find_across_network(self) -> None:
        from .search_dialog import open_search

        if self.db is not None:
            open_search(self)

    def undo_batch(self, batch_id: str) -> None:
        from .import_flow import undo

        undo(self, int(batch_id))

    def built_pages(self) -> list[Page]:
        return list(self._built.values())

    def running_operations(self) -> list[Operation]:
        return list(self._operations)

    def run_operation(self, title: str, fn, on_success, cancellable: bool = True) -> Operation:
        op = Operation(
            self,
            title,
            fn,
            on_success=on_success,
            on_failure=lambda exc: messages.show_error(self, title.rstrip("…."), exc),
            cancellable=cancellable,
        )
        self._operations.append(op)
        op.done.connect(lambda: self._operations.remove(op))
        op.start()
        return op

    def load_demo(self) -> None:
        from . import demo_commands

        demo_commands.load(self)

    def remove_demo(self) -> None:
        from . import demo_commands

        demo_commands.remove(self)

    def import_returns(self) -> None:
        from .import_flow import choose_and_import

        choose_and_import(self)

    def import_files(self, paths: list[Path]) -> None:
        from .import_flow import import_paths

        import_paths(self, paths)

    def _dropped_files(self, event) -> list[Path]:
        from .import_flow import is_importable

        if self.db is None or self.db.damage is not None or not event.mimeData().hasUrls():
            return []
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        return [p for p in paths if is_importable(p)]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_files(event)
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    def briefing_pack(self) -> None:
        from .pack.dialog import open_pack_dialog

        open_pack_dialog(self)

    def make_templates(self) -> None:
        from .template_dialog import make_templates

        make_templates(self)

    def load_populations(self) -> None:
        from .population_dialog import load_populations

        load_populations(self)

    def backup(self) -> None:
        from .backup_dialogs import backup

        backup(self)

    def restore(self) -> None:
        from .backup_dialogs import restore

        restore(self)

    def edit_backups(self) -> None:
        from .backup_settings import edit_backups

        edit_backups(self)

    def edit_low_reporting_rule(self) -> None:
        from .rule_dialog import edit_rule

        edit_rule(self)

    def edit_metrics(self) -> None:
        from .metrics_dialog import edit_metrics

        edit_metrics(self)

    def about(self) -> None:
        from .about import show_about

        show_about(self)

    # ----- window state ---------------------------------------------------------------------

    def save_state(self) -> None:
        save_window(self, self.ws.settings.window_state, self.current_page().key)
        self.ws.save_settings()

    def closeEvent(self, event: QCloseEvent) -> None:
        from .closing import may_close

        if not may_close(self):
            event.ignore()
            return
        self.finish_work()
        with contextlib.suppress(OSError):  # a read-only data folder must not block quitting
            self.save_state()
        event.accept()

    def finish_work(self) -> None:
        """Cancel or wait for the work running off the main thread, so that nothing is left
        half done (a backup file, a transaction) and no worker outlives the window."""
        from .operations import finish_all

        self.statusBar().showMessage("Finishing the work in progress…")
        self.loader.drop()  # no page is shown again
        finish_all()
