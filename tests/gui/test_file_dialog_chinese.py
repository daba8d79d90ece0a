"""The file dialog (Qt's own, used where the system has none, e.g. a kiosk session) is all Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton, QToolButton, QTreeView

from baiwen_desktop.ui.qt_chinese import install_qt_chinese

pytestmark = pytest.mark.gui


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    installed = install_qt_chinese(qapp)
    yield
    for t in installed:
        qapp.removeTranslator(t)


def test_file_dialog_labels_are_chinese(qtbot: Any, chinese: None, tmp_path: Path) -> None:
    (tmp_path / "名单").mkdir()
    (tmp_path / "名单.xlsx").write_bytes(b"x")
    dialog = QFileDialog(None, "选择考生名单", str(tmp_path), "名单文件 (*.xlsx *.csv)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    tree = dialog.findChild(QTreeView)
    qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) == 2, timeout=5000)
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert labels == ["查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："]
    assert {b.text() for b in dialog.findChildren(QPushButton)} == {"打开(&O)", "取消"}
    assert all(b.toolTip() and b.toolTip().isascii() is False for b in dialog.findChildren(QToolButton) if b.objectName())
    model = tree.model()
    heads = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert heads == ["名称", "体积", "类型", "修改日期"]
    kinds = {model.index(r, 2, tree.rootIndex()).data() for r in range(2)}
    assert "文件夹" in kinds and "Folder" not in kinds


def test_other_strings_fall_through_to_qtbase(chinese: None) -> None:
    assert QCoreApplication.translate("QFileDialog", "&Open") == "打开(&O)"  # from qtbase_zh_CN
    assert QCoreApplication.translate("BaiwenNoSuchContext", "保存") == "保存"  # untouched
