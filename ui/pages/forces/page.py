"""Forces: the registry of forces and police bodies, their codes, populations and aliases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from commissioner_desk.formatting import count

from ...table_model import ROW_ROLE, Column, RowTableModel
from ...widgets import DetailPanel, list_and_detail, make_table
from ..base import Page, page_heading

if TYPE_CHECKING:  # the queries import SQLAlchemy: not before the window is shown
    from commissioner_desk.queries.forces import ForceRow

KIND_LABELS = {
    "territorial": "Territorial force",
    "non_territorial": "Non-territorial force",
    "national": "National agency",
    "rocu": "Regional organised crime unit",
}


def _population(r: ForceRow) -> str:
    return f"{count(r.population)} ({r.population_year})" if r.population else "not known"


COLUMNS: list[Column[ForceRow]] = [
    Column("Force", lambda r: r.display_name),
    Column("Code", lambda r: r.code),
    Column("Kind", lambda r: KIND_LABELS.get(r.kind, r.kind)),
    Column("Region", lambda r: r.region),
    Column(
        "Population",
        lambda r: count(r.population) if r.population else "not known",
        sort=lambda r: r.population,
        numeric=True,
        muted=lambda r: r.population is None,
    ),
    Column(
        "Returns",
        lambda r: count(r.returns_received),
        sort=lambda r: r.returns_received,
        numeric=True,
    ),
]


class ForcesPage(Page):
    title = "Forces"
    key = "forces"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = None
        self.model: RowTableModel[ForceRow] = RowTableModel(COLUMNS, self)
        self.view, self.proxy = make_table(self.model, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by name, code or region…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.detail = DetailPanel()
        self.detail.show_hint("Select a force to see its names and population.")
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.detail.linkActivated.connect(self._draft_practice)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.search)
        lv.addWidget(self.view)
        self.splitter = list_and_detail(left, self.detail, "forcesSplitter")

        layout = QVBoxLayout(self)
        layout.addWidget(
            page_heading(
                "Forces",
                "The 43 territorial forces of England and Wales with their ONS police force "
                "area codes, Police Scotland, PSNI, British Transport Police and other police "
                "bodies. Rates per 100,000 people need a population; bodies without one show "
                "“not known” and get no rate.",
            )
        )
        layout.addWidget(self.splitter, 1)

    def refresh(self, db) -> None:
        from commissioner_desk.queries.forces import list_forces

        self._db = db
        self.model.set_rows(list_forces(db))
        self.view.resizeColumnsToContents()

    def _show_detail(self, current, _previous) -> None:
        row: ForceRow | None = current.data(ROW_ROLE) if current.isValid() else None
        if row is None:
            self.detail.show_hint("Select a force to see its names and population.")
            return
        notes, links = [], []
        if self._db is not None:
            from commissioner_desk.importing.template.spec import QUESTIONS
            from commissioner_desk.queries.forces import force_texts

            labels = {q.key: q.label for q in QUESTIONS}  # as the template asks them
            for t in force_texts(self._db, row.code):
                question = labels.get(t.question, t.question)
                demo = " (DEMO)" if t.is_demo else ""
                notes.append((f"{t.period}: {question}{demo}", t.text))
                links.append((f"practice-draft:{t.id}", "Draft practice entry…"))
        self.detail.show_pairs(
            row.display_name,
            [
                ("Code", row.code),
                ("ONS name", row.ons_name),
                ("Kind", KIND_LABELS.get(row.kind, row.kind)),
                ("Nation", row.nation),
                ("Region", row.region),
                ("Population", _population(row)),
                ("Returns received", count(row.returns_received)),
                ("Also written as", "; ".join(row.aliases) or "–"),
            ],
            notes,
            links,
        )

    def _draft_practice(self, link: str) -> None:
        """A free-text answer made into a draft entry in the Practice library, opened to edit."""
        kind, _, text_id = link.partition(":")
        if kind == "practice-draft" and self._db is not None:
            from ..practices.from_return import draft_and_edit

            draft_and_edit(self, self._db, int(text_id))
