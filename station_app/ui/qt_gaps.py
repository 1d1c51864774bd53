"""Qt's own strings its Chinese translation lacks (qtbase_zh_CN.qm of Qt 6 still has
"Look in:" but not the newer "&Look in:", so the file dialog showed English labels, and
calls every folder "Folder").

A translator installed after Qt's answers only these; everything else falls through to
qtbase_zh_CN.qm, and a later Qt that translates them wins nothing from us either.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

_ZH_CN: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    # The file dialog's 类型 column for folders (the files' types come from the MIME data).
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
}


class QtGapsTranslator(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, never "": an empty string would be taken as the translation of everything.
        return _ZH_CN.get((context, source))

    def isEmpty(self) -> bool:
        return False
