"""Chinese for Qt's own strings: qtbase_zh_CN, plus the few it lacks.

Qt 6 renamed two QFileDialog labels ("&Look in:", "Files of &type:") and qtbase_zh_CN.qm has no
translation for the new spellings, so the file dialog showed them in English beside Chinese.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QObject, QTranslator

MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Files of type:"): "文件类型：",
    ("QFileDialog", "Look in:"): "查找范围：",
    # the 类型 column of the file list
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QAbstractFileIconProvider", "Alias"): "别名",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
}


class MissingQtChinese(QTranslator):
    """Answers only the strings in MISSING; everything else falls through to the next translator."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # type: ignore[override]
        return MISSING.get((context, source))  # None is Qt's null string: "not mine, ask the next"

    def isEmpty(self) -> bool:
        return False


def install_qt_chinese(app: QObject) -> list[QTranslator]:
    """qtbase_zh_CN first, then the fill-in (searched first, as the last one installed)."""
    installed: list[QTranslator] = []
    qt_zh = QTranslator(app)
    if qt_zh.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_zh)  # type: ignore[attr-defined]
        installed.append(qt_zh)
    fill = MissingQtChinese(app)
    app.installTranslator(fill)  # type: ignore[attr-defined]
    installed.append(fill)
    return installed
