"""Issue 17: Qt's own dialogs speak Chinese in the Chinese desk (qtbase_zh_CN.qm from
PySide6's translations folder is installed with the desk's own translation)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QFileIconProvider, QLabel
from pytestqt.qtbot import QtBot

from station_app.ui.app import Translators


def test_the_file_dialog_and_buttons_are_chinese(
    qtbot: QtBot, translators: Translators, tmp_path: Path
) -> None:
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
    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "文件夹"  # its 类型 column
    translators.install("en")
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
