"""Issue 17: Qt's own dialogs speak Chinese in the Chinese desk (qtbase_zh_CN.qm from
PySide6's translations folder is installed with the desk's own translation)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from station_app.ui.app import Translators


def test_the_file_dialog_and_buttons_are_chinese(qtbot: QtBot, translators: Translators) -> None:
    assert translators.install("zh_CN")
    assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
    dialog = QFileDialog(None, "保存")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "Look in" not in labels and "Files of type" not in labels
    assert "查找范围" in labels or "查看" in labels
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() != "Cancel"
    assert QLocale().language() == QLocale.Language.Chinese
    translators.install("en")
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
