"""Every console dialog fits the smallest station screen: 1920×1080 at 150 % (1280×720 logical)
and 1366×768, with a taskbar and the window frame. What does not fit scrolls inside."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import test_trainer_support
from openpyxl import Workbook
from PySide6.QtWidgets import QDialog

from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
from baiwen_desktop.files.bank_excel import write_template
from baiwen_desktop.services import banks
from baiwen_desktop.ui.cert_verify_dialog import CertVerifyDialog
from baiwen_desktop.ui.pdf_preview import PdfPreviewDialog
from baiwen_desktop.ui.screen_fit import FRAME_PX, SMALLEST_SCREEN, available
from baiwen_desktop.ui.trainer.bank_import import BankImportDialog
from baiwen_desktop.ui.trainer.candidate_dialog import CandidateDialog
from baiwen_desktop.ui.trainer.common import TrainerContext
from baiwen_desktop.ui.trainer.exam_form import ExamForm
from baiwen_desktop.ui.trainer.paper_preview import PaperPreviewDialog
from baiwen_desktop.ui.trainer.question_editor import QuestionEditor
from baiwen_desktop.ui.trainer.resume_code import ResumeCodeDialog
from baiwen_desktop.ui.trainer.retake_dialog import RetakeDialog
from baiwen_desktop.ui.trainer.roster_import import RosterImportDialog
from baiwen_desktop.ui.trainer.settings_page import AddTrainerDialog
from baiwen_desktop.ui.trainer.unlock_dialog import UnlockDialog

pytestmark = pytest.mark.gui
console_env = test_trainer_support.console_env
TASKBAR_PX = 48
MAX_W = SMALLEST_SCREEN.width() - FRAME_PX
MAX_H = SMALLEST_SCREEN.height() - TASKBAR_PX - FRAME_PX


def _pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, 720, "page")
    c.save()
    return path


def _roster(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["工号", "姓名", "单位", "岗位/班组", "班级/批次"])  # type: ignore[union-attr]
    ws.append(["T1", "张三", "城区供电所", "营业班", "一班"])  # type: ignore[union-attr]
    wb.save(path)
    return path


def test_every_dialog_fits_the_smallest_screen(qtbot: Any, store: Any, console_env: Any, tmp_path: Path) -> None:
    console = console_env()
    ctx: TrainerContext = console.ctx
    parent = console
    banks.copy_bank(store, banks.BUNDLED_NAME, "自建", "t")
    exam = parse_exam(STANDARD_EXAM, "std")
    makers: dict[str, Callable[[], QDialog]] = {
        "新建考试": lambda: ExamForm(ctx, [banks.BUNDLED_NAME], None, 60, parent),
        "编辑题目": lambda: QuestionEditor(ctx, "自建", None, parent),
        "预览试卷": lambda: PaperPreviewDialog(ctx, exam, parent),
        "导入题库": lambda: BankImportDialog(ctx, write_template(tmp_path / "t.xlsx") or tmp_path / "t.xlsx", ["自建"], "自建", parent),
        "导入名单": lambda: RosterImportDialog(ctx, _roster(tmp_path / "r.xlsx"), ["一班"], parent),
        "考生": lambda: CandidateDialog(ctx, ["一班"], None, parent),
        "恢复码": lambda: ResumeCodeDialog("123456", "T1 张三", parent),
        "证书核验": lambda: CertVerifyDialog(store, parent),
        "PDF 预览": lambda: PdfPreviewDialog(_pdf(tmp_path / "p.pdf"), parent),
        "新增账号": lambda: AddTrainerDialog(parent),
        "签发口令": lambda: UnlockDialog(store, "t", True, parent),
        "准予补考": lambda: RetakeDialog(store, "t", 1, "百问百查闭卷考试", "T1", "张三", [], "取最高分", parent),
    }
    room = available(console)
    for name, make in makers.items():
        dialog = make()
        dialog.show()
        qtbot.waitExposed(dialog)
        need = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        assert need.width() <= MAX_W and need.height() <= MAX_H, f"{name}: needs {need.width()}×{need.height()}"
        # opened no larger than the screen it is on (this offscreen screen is smaller than a station's)
        assert dialog.width() <= max(room.width(), need.width()) and dialog.height() <= max(room.height(), need.height()), name
        qtbot.waitUntil(lambda d=dialog: not getattr(d, "busy", False), timeout=10_000)
        dialog.reject()
        dialog.deleteLater()
