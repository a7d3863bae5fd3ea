"""Start the GUI: show the window first, then open the database.

The window appears as fast as a bare Qt window would; connecting, upgrading and the first query
happen right after it is on screen, with "Opening the database…" in the status bar.
"""

from __future__ import annotations

import argparse
import sys
import time

from commissioner_desk import APP_NAME, __version__, paths
from commissioner_desk.workspace import Workspace, locate


class MainThreadGarbageCollector:
    """Run Python's cyclic garbage collector only on the GUI thread.

    Left automatic, the collector can fire inside a worker thread (an import, the demo load)
    and free Qt wrappers there, which crashes Qt. Same remedy as pyqtgraph's
    util/garbage_collector.py: switch automatic collection off and collect on a timer.
    """

    def __init__(self, interval_ms: int = 1000) -> None:
        import gc

        from PySide6.QtCore import QTimer

        gc.disable()
        self.frozen = False
        self.threshold = gc.get_threshold()
        self.timer = QTimer()
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def freeze_startup(self) -> None:
        """Start-up's objects (modules, classes, the read-ahead's imports) are kept for the
        whole run: moved out of the collector's sight once, a full collection later walks
        only what came after. Otherwise it walked them all on the UI thread, blocking the
        window for about 0.1 s each time. Once per process."""
        import gc

        if not self.frozen:
            self.frozen = True
            gc.freeze()

    def check(self) -> None:
        import gc

        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                gc.collect(generation)
                break


_collector: MainThreadGarbageCollector | None = None


def freeze_startup_objects() -> None:
    if _collector is not None:
        _collector.freeze_startup()


def install_garbage_collector() -> None:
    global _collector
    if _collector is None:
        _collector = MainThreadGarbageCollector()


def create_application(argv: list[str] | None = None):
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    # High DPI: Qt 6 scales by itself and passes fractional factors (125%, 150%) through
    # unrounded by default, so layouts and printouts keep their proportions. Sizes in the
    # stylesheet are in points for the same reason.
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    install_garbage_collector()
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Independent Anti-Slavery Commissioner")
    app.setDesktopFileName("commissioner-desk")
    icon = paths.resources_dir() / "icons" / "app.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    style = paths.resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def workspace_from_args(args: argparse.Namespace) -> Workspace:
    return locate(
        getattr(args, "database", None),
        getattr(args, "data_dir", None),
        getattr(args, "geo_dir", None),
    )


def run_gui(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    ws = workspace_from_args(args)
    app = create_application()
    from PySide6.QtCore import QTimer

    from .messages import install_excepthook

    install_excepthook()  # not in create_application: tests keep pytest-qt's own hook

    from .main_window import MainWindow

    window = MainWindow(ws, started_at=started)
    window.show()
    QTimer.singleShot(0, window.open_database)
    # However the app ends (the window closed, or quit() from anywhere), no worker may
    # outlive it: one still running when Python shuts down aborts the process.
    app.aboutToQuit.connect(window.finish_work)
    code = app.exec()
    window.finish_work()  # quit() before the event loop ever ran
    return code
