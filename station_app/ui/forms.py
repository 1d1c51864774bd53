"""How the desk lays out a form: every field with a label whose mnemonic focuses it.

A label's ``&`` key (Alt+letter) only works when the label knows its field (its
*buddy*); written out in each dialog that was five copies of the same loop, and the
one a dialog forgot was a mnemonic that did nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

#: A widget's dynamic property saying it shows data (a name, a number, an address), not
#: UI text: the translation test skips it, and a stylesheet may set it apart.
DATA_VALUE = "dataValue"


def buddy_form(rows: Iterable[tuple[str, QWidget]]) -> QFormLayout:
    """A form of ``(label text, field)`` rows, each label the buddy of its field."""
    form = QFormLayout()
    for text, widget in rows:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)
    return form


def password_field() -> QLineEdit:
    """A field whose text is never shown (a password someone types at the counter)."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field
