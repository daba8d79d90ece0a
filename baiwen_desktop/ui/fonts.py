"""Register the bundled CJK font with Qt and make it the application font."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from baiwen_desktop.resources import font_path

FAMILY_FALLBACK = "Noto Sans SC"


def install_fonts(app: QApplication, point_size: int = 12) -> str:
    """Load Regular and Bold from resources/fonts; never rely on system fonts."""
    family = FAMILY_FALLBACK
    for bold in (False, True):
        font_id = QFontDatabase.addApplicationFont(str(font_path(bold)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    app.setFont(QFont(family, point_size))
    return family
