"""The four 数据交换 forms. Each runs its service call itself, off the UI thread with a progress
dialog, and keeps its fields and shows the error inline when the call is refused (wrong password,
expired package …); on success it closes with `self.outcome` set."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from baiwen_desktop.core.filenames import safe_filename
from baiwen_desktop.services import certs, packages
from baiwen_desktop.services.exams import ExamInfo
from baiwen_desktop.ui.trainer.common import Notice, TrainerContext, ask, run_guarded
from baiwen_desktop.ui.trainer.readout import TrustDialog

EXAM_FILTER = "考试包 (*.bwexam)"
RESULT_FILTER = "成绩包 (*.bwresult)"
TRUST_REASONS = ("untrusted", "foreign")  # import_exam: the signer is not a key this station trusts yet


def combo() -> QComboBox:
    """A choice as wide as the form, whatever the length of an exam title or class name."""
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(24)
    return box


def two_lines(text: str = "") -> QLabel:
    """A label always two lines tall (filled once a file is chosen): a form row does not grow with
    its text after the dialog is shown, so the room is kept from the start."""
    label = QLabel(text)
    label.setMinimumHeight(label.fontMetrics().lineSpacing() * 2 + 6)
    return label


def short(text: str, limit: int) -> str:
    """A name from a file (not trusted to be short) cut to fit one line of a form."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _password(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


class FileField(QWidget):
    """A path with a 选择… button opening the (Chinese) file dialog."""

    def __init__(self, title: str, file_filter: str, save: bool, suggested: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.file_filter, self.save, self.suggested = title, file_filter, save, suggested
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("点“选择…”选择文件（通常在 U 盘上）"))
        self.button = QPushButton(self.tr("选择…"))
        self.button.clicked.connect(self.choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        self.chosen: Callable[[Path], None] | None = None

    def choose(self) -> None:
        if self.save:
            path, _ = QFileDialog.getSaveFileName(self, self.title, self.edit.text() or self.suggested, self.file_filter)
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.title, self.edit.text(), self.file_filter + self.tr(";;所有文件 (*)"))
        if path:
            self.edit.setText(path)
            if self.chosen is not None:
                self.chosen(self.path())  # type: ignore[arg-type]

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        if not text:
            return None
        p = Path(text)
        suffix = self.file_filter.rsplit("*", 1)[-1].rstrip(")")  # ".bwexam"
        if self.save and p.suffix.lower() != suffix:
            p = p.with_name(p.name + suffix)
        return p


class PackageForm(QDialog):
    """Shared frame: intro, a form, an inline notice, 取消 and the action button; a busy flag for tests."""

    def __init__(self, ctx: TrainerContext, title: str, intro: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outcome: Any = None
        self.busy = False
        self.setWindowTitle(title)
        hint = QLabel(intro)
        hint.setWordWrap(True)
        # the width on a child, not on the dialog: a dialog with its own minimum size stops growing
        # when a row gets taller (the package summary shown after a file is chosen)
        hint.setMinimumWidth(600)
        self.form = QFormLayout()
        self.notice = Notice()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(action)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(hint)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.notice)
        self.layout_.addWidget(buttons)

    def problems(self) -> list[str]:
        return []

    def submit(self) -> None:
        problems = self.problems()
        if problems:
            self.show_error("\n".join(problems))
            return
        self.notice.clear_message()
        self.start()

    def start(self) -> None:
        raise NotImplementedError

    def call(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None], progress_text: str,
             on_error: Callable[[BaseException], None] | None = None, **kwargs: Any) -> None:
        self.busy = True
        self.ok_button.setEnabled(False)

        def done(result: Any) -> None:
            self.busy = False
            self.ok_button.setEnabled(True)
            on_done(result)

        def failed(e: BaseException) -> None:
            self.busy = False
            self.ok_button.setEnabled(True)
            (on_error or self.show_error)(e)

        run_guarded(self, fn, *args, on_done=done, on_error=failed, progress_text=progress_text, **kwargs)

    def show_error(self, e: BaseException | str) -> None:
        self.notice.show_error(e)
        self.adjustSize()  # the wrapped message needs room

    def finish(self, outcome: Any) -> None:
        self.outcome = outcome
        self.accept()


# ---- HQ: 导出考试包 ----------------------------------------------------------------------------
def export_exam(store: Any, exam_id: int, out: Path, class_name: str | None, valid_days: int, passphrase: str, actor: str,
                progress: Any = None) -> tuple[certs.Issuer, packages.IssuedExamPackage]:
    """Off the UI thread: the 签发口令 unlocks the signing key (and is checked), then the package is written."""
    issuer = certs.unlock(store, passphrase, actor)
    return issuer, packages.export_exam(store, exam_id, out, issuer=issuer, passphrase=passphrase, class_name=class_name,
                                        valid_days=valid_days, actor=actor)


class ExportExamForm(PackageForm):
    def __init__(self, ctx: TrainerContext, exams: list[ExamInfo], classes: list[str], passphrase: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("导出考试包"), self.tr(
            "考试包装有考试、题目和所选班级的考生名单，用随机密码加密并由总部签名。导出后会显示一次密码，"
            "请抄下，U 盘送到站点后电话告诉站点负责人。"), self.tr("导出"), parent)
        self.remembered = passphrase
        self.exam = combo()
        for e in exams:
            self.exam.addItem(f"#{e.id} {e.title}", e.id)
        self.klass = combo()
        self.klass.addItem(self.tr("全部考生"), None)
        for c in classes:
            self.klass.addItem(c, c)
        self.valid_days = QSpinBox()
        self.valid_days.setRange(1, 365)
        self.valid_days.setValue(30)
        self.valid_days.setSuffix(self.tr(" 天"))
        self.passphrase = _password(self.tr("本单位的签发口令"))
        self.file = FileField(self.tr("保存考试包"), self.tr(EXAM_FILTER), save=True)
        self.exam.currentIndexChanged.connect(self._suggest)
        self.klass.currentIndexChanged.connect(self._suggest)
        self._suggest()
        self.form.addRow(self.tr("考试"), self.exam)
        self.form.addRow(self.tr("班级/批次"), self.klass)
        self.form.addRow(self.tr("有效期"), self.valid_days)
        if not passphrase:
            self.form.addRow(self.tr("签发口令"), self.passphrase)
        self.form.addRow(self.tr("保存到"), self.file)

    def _suggest(self) -> None:
        title = self.exam.currentText().split(" ", 1)[-1]
        who = self.klass.currentData() or ""
        self.file.suggested = safe_filename("_".join(p for p in (title, who, "考试包") if p), ".bwexam")

    def problems(self) -> list[str]:
        out = []
        if self.exam.currentData() is None:
            out.append(self.tr("请选择考试"))
        if not self.remembered and not self.passphrase.text():
            out.append(self.tr("请输入签发口令"))
        if self.file.path() is None:
            out.append(self.tr("请选择考试包保存的位置"))
        return out

    def start(self) -> None:
        pp = self.remembered or self.passphrase.text()
        args = (self.ctx.store, self.exam.currentData(), self.file.path(), self.klass.currentData(), self.valid_days.value(), pp, self.ctx.actor)
        title = self.exam.currentText().split(" ", 1)[-1]
        self.call(export_exam, *args, on_done=lambda r: self.finish((pp, *r, title)), progress_text=self.tr("正在导出考试包…"))


# ---- station: 导入考试包 ------------------------------------------------------------------------
class ImportExamForm(PackageForm):
    def __init__(self, ctx: TrainerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("导入考试包"), self.tr(
            "选择总部送来的考试包，输入总部电话告知的密码（20 位数字，横线和空格可不输）。"
            "导入后即建好考试、题库、考生名单，并开好考场。"), self.tr("导入"), parent)
        self.file = FileField(self.tr("选择考试包"), self.tr(EXAM_FILTER), save=False)
        self.file.chosen = self._peek
        self.about = two_lines()
        self.about.setStyleSheet("color:#1f3b57;")
        self.password = QLineEdit()
        self.password.setPlaceholderText(self.tr("如 1234-5678-9012-3456-7890"))
        self.password.setStyleSheet("font-size:18px;")
        self.form.addRow(self.tr("考试包"), self.file)
        self.form.addRow("", self.about)
        self.form.addRow(self.tr("密码"), self.password)
        self.trust_dialog: TrustDialog | None = None
        self.trusted: str | None = None  # the HQ fingerprint confirmed by phone in this form: asked once

    def _peek(self, path: Path) -> None:
        self.about.setText("")
        self.trusted = None
        run_guarded(self, packages.peek, path, on_done=self._show_peek, on_error=self.show_error)

    def _show_peek(self, info: dict[str, Any]) -> None:
        summary = info.get("summary") or {}
        if info.get("kind") != "exam":
            self.show_error(self.tr("这是{0}，不是考试包").format(info.get("kind_label", "")))
            return
        until = str(info.get("valid_until") or "")[:16].replace("T", " ")
        self.about.setText(self.tr("{0}：{1}\n{2} 名考生，{3} 道题{4}").format(
            short(str(info.get("organisation", "")), 20), short(str(summary.get("exam_title", "")), 36), summary.get("candidates", "?"),
            summary.get("questions", "?"), self.tr("，有效至 {0}").format(until) if until else ""))

    def problems(self) -> list[str]:
        out = []
        if self.file.path() is None:
            out.append(self.tr("请选择考试包文件"))
        if not self.password.text().strip():
            out.append(self.tr("请输入考试包密码"))
        return out

    def start(self) -> None:
        store, path, password, actor, trust = self.ctx.store, self.file.path(), self.password.text(), self.ctx.actor, self.trusted
        self.call(lambda progress: packages.import_exam(store, path, password, actor=actor, trust_fingerprint=trust),
                  on_done=self.finish, on_error=lambda e: self._refused(e, trust), progress_text=self.tr("正在导入考试包…"))

    def _refused(self, e: BaseException, trust: str | None) -> None:
        if trust is None and getattr(e, "reason", None) in TRUST_REASONS:
            foreign = getattr(e, "reason", None) == "foreign"
            run_guarded(self, packages.peek, self.file.path(), on_done=lambda info: self._ask_trust(info, foreign), on_error=self.show_error)
            return
        self.show_error(e)

    def _trust(self, fingerprint: str) -> None:
        self.trusted = fingerprint
        self.start()

    def _ask_trust(self, info: dict[str, Any], foreign: bool) -> None:
        fp = str(info.get("fingerprint") or "")
        if not fp:
            self.show_error(self.tr("考试包中没有总部公钥，无法核对指纹，未导入"))
            return
        self.trust_dialog = TrustDialog(fp, str(info.get("organisation", "")), foreign, self)
        self.trust_dialog.accepted.connect(lambda: self._trust(fp))
        self.trust_dialog.rejected.connect(lambda: self.show_error(self.tr("指纹未经核对，未导入。请与总部电话核对后再导入。")))
        self.trust_dialog.open()


# ---- station: 导出成绩包 ------------------------------------------------------------------------
class ExportResultsForm(PackageForm):
    def __init__(self, ctx: TrainerContext, exams: list[ExamInfo], station_name: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("导出成绩包"), self.tr(
            "成绩包装有这场考试全部已交卷的答卷，用本机密钥签名并加密给总部，只有总部能打开。"
            "同时生成封面 PDF：打印出来与 U 盘放在一起，并把封面上的本机指纹电话告诉总部。随时可以重新导出。"),
            self.tr("导出"), parent)
        self.station_name = station_name
        self.exam = combo()
        for e in exams:
            self.exam.addItem(f"#{e.id} {e.title}", e.id)
        self.file = FileField(self.tr("保存成绩包"), self.tr(RESULT_FILTER), save=True)
        self.exam.currentIndexChanged.connect(self._suggest)
        self._suggest()
        self.form.addRow(self.tr("考试"), self.exam)
        self.form.addRow(self.tr("保存到"), self.file)

    def _suggest(self) -> None:
        title = self.exam.currentText().split(" ", 1)[-1]
        self.file.suggested = safe_filename("_".join(p for p in (self.station_name, title, "成绩包") if p), ".bwresult")

    def problems(self) -> list[str]:
        out = []
        if self.exam.currentData() is None:
            out.append(self.tr("请选择考试"))
        if self.file.path() is None:
            out.append(self.tr("请选择成绩包保存的位置"))
        return out

    def start(self) -> None:
        store, exam_id, out, actor = self.ctx.store, self.exam.currentData(), self.file.path(), self.ctx.actor
        self.call(lambda progress: packages.export_results(store, exam_id, out, data_dir=store.data_dir, actor=actor),
                  on_done=self.finish, progress_text=self.tr("正在导出成绩包…"))


# ---- HQ: 导入成绩包 -----------------------------------------------------------------------------
class ImportResultsForm(PackageForm):
    def __init__(self, ctx: TrainerContext, passphrase: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("导入成绩包"), self.tr(
            "选择站点交回的成绩包。先核对下面显示的站点指纹与成绩包封面、与站点电话读出的一致，再导入。"
            "重复导入不会重复计入；同一考生在两处的答卷等冲突会列出，不会覆盖。"), self.tr("导入"), parent)
        self.remembered = passphrase
        self.file = FileField(self.tr("选择成绩包"), self.tr(RESULT_FILTER), save=False)
        self.file.chosen = self._peek
        self.station = two_lines(self.tr("（选择文件后显示）"))
        self.fingerprint = QLabel()
        self.fingerprint.setStyleSheet("font-size:24px; font-weight:bold; color:#10283f;")
        self.checked = QCheckBox(self.tr("站点指纹与封面一致，并已与站点电话核对"))
        self.passphrase = _password(self.tr("本单位的签发口令"))
        self.form.addRow(self.tr("成绩包"), self.file)
        self.form.addRow(self.tr("站点"), self.station)
        self.form.addRow(self.tr("站点指纹"), self.fingerprint)
        self.form.addRow("", self.checked)
        if not passphrase:
            self.form.addRow(self.tr("签发口令"), self.passphrase)
        self.peeked: dict[str, Any] = {}

    def _peek(self, path: Path) -> None:
        self.peeked = {}
        self.checked.setChecked(False)
        run_guarded(self, packages.peek, path, on_done=self._show_peek, on_error=self.show_error)

    def _show_peek(self, info: dict[str, Any]) -> None:
        if info.get("kind") != "result":
            self.show_error(self.tr("这是{0}，不是成绩包").format(info.get("kind_label", "")))
            return
        self.peeked = info
        summary = info.get("summary") or {}
        self.station.setText(self.tr("{0}（{1}）\n{2}：{3} 份答卷，{4} 名考生").format(
            short(str(info.get("station_name", "")), 30), str(info.get("station_id", ""))[:8], short(str(summary.get("exam_title", "")), 36),
            summary.get("attempts", "?"), summary.get("candidates", "?")))
        self.fingerprint.setText(str(info.get("fingerprint", "")))
        self.notice.clear_message()

    def problems(self) -> list[str]:
        out = []
        if self.file.path() is None:
            out.append(self.tr("请选择成绩包文件"))
        elif not self.peeked:
            out.append(self.tr("无法读取这个成绩包的站点信息"))
        if not self.checked.isChecked():
            out.append(self.tr("请先核对站点指纹，并勾选“站点指纹与封面一致”"))
        if not self.remembered and not self.passphrase.text():
            out.append(self.tr("请输入签发口令"))
        return out

    def start(self, trust: str | None = None) -> None:
        store, path, pp, actor = self.ctx.store, self.file.path(), self.remembered or self.passphrase.text(), self.ctx.actor
        self.call(lambda progress: packages.import_results(store, path, passphrase=pp, actor=actor, progress=progress,
                                                           trust_station_key=trust),
                  on_done=lambda r: self.finish((pp, r)), on_error=lambda e: self._refused(e, trust),
                  progress_text=self.tr("正在合并成绩包…"))

    def _refused(self, e: BaseException, trust: str | None) -> None:
        fp = str(self.peeked.get("fingerprint", ""))
        if trust is None and getattr(e, "reason", None) == "station_key_changed" and fp:
            if ask(self, self.tr("站点密钥已更换"), self.tr(
                    "站点“{0}”这次用的密钥与上次不同（站点换了电脑或重装过）。\n\n"
                    "请电话让站点负责人在“设置 → 本机指纹”读出指纹，确认是：\n{1}\n\n一致才选“是”。").format(
                    self.peeked.get("station_name", ""), fp)):
                self.start(fp)
                return
        self.show_error(e)
