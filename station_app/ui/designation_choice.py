"""The fund or project a donor chose: a list that is searched by typing.

Names are long and many (微心愿, 助学, a district's projects), so the choice is an
editable box whose completer matches any part of a name; what was typed that matches no
choice is handed on as it is, for the rules to refuse with "does not exist".  The list
is replaced after a sync pulled the association's, keeping the current choice when it
still exists.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QSizePolicy, QWidget

from station_app.domain.donations import UNDESIGNATED
from station_app.services.records import DesignationInfo
from station_app.ui import texts
from station_app.ui.forms import DATA_VALUE


class DesignationChoice(QComboBox):
    def __init__(self, designations: list[DesignationInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setProperty(DATA_VALUE, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fill(designations)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        edit = self.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(self.tr("Type to search"))
        self.select(UNDESIGNATED)

    def _fill(self, designations: list[DesignationInfo]) -> None:
        for d in designations:
            self.addItem(texts.designation_name(d.code, d.name), d.code)

    def set_designations(self, designations: list[DesignationInfo]) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self._fill(designations)
        self.blockSignals(False)
        still_there = current is not None and self.findData(current) >= 0
        self.select(current if still_there else UNDESIGNATED)

    def select(self, code: str) -> None:
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)

    def code(self) -> str:
        """The chosen code, or the text typed when it names no choice."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            return text  # refused by the rules with "does not exist"
        return str(self.itemData(index))

    def popup_open(self) -> bool:
        """The completer's list is showing (Enter then picks from it, not records)."""
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        return popup is not None and popup.isVisible()
