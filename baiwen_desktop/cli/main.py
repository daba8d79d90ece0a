"""`baiwen`: the command-line face over the same services as the GUI."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from baiwen_desktop import __version__
from baiwen_desktop.core.errors import BaiwenError, StoreFault, ValidationError

Handler = Callable[[argparse.Namespace], int]


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", default=argparse.SUPPRESS, help="数据目录 / data folder (default: BAIWEN_HOME, portable data/, or the user data dir)")
    p.add_argument("--db-url", default=argparse.SUPPRESS, help="SQLAlchemy 数据库 URL / database URL (default: SQLite in the data dir)")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="机器可读输出 / machine-readable output")


def build_parser() -> argparse.ArgumentParser:
    from baiwen_desktop.cli import commands as c

    parser = argparse.ArgumentParser(prog="baiwen", description="百问百查考试系统 命令行 / baiwen exam station CLI")
    parser.add_argument("--version", action="version", version=f"baiwen {__version__}")
    _common(parser)
    sub = parser.add_subparsers(dest="group", required=True, metavar="COMMAND")

    def add(parent: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text, description=help_text)
        _common(p)
        p.set_defaults(handler=handler)
        return p

    bank = sub.add_parser("bank", help="题库 / question banks").add_subparsers(dest="cmd", required=True, metavar="CMD")
    p = add(bank, "check", c.bank_check, "检查题库文本格式 / validate native bank files")
    p.add_argument("paths", nargs="*", type=Path)
    p = add(bank, "stats", c.bank_stats, "题库统计 / counts by type, section and source item")
    p.add_argument("--bank", default=None)
    p.add_argument("--coverage", nargs="?", const="-", default=None, metavar="OUT", help="write COVERAGE.md (to OUT, or stdout)")
    add(bank, "list", c.bank_list, "列出题库 / list banks")
    p = add(bank, "template", c.bank_template, "生成题库导入模板（Excel，或 --format docx 的 Word 示例） / write the import template")
    p.add_argument("--format", choices=c.TEMPLATE_CHOICES, default=None, help="默认按 OUT 的扩展名 / default: from OUT's extension")
    p.add_argument("out", type=Path)
    p = add(bank, "import", c.bank_import,
            "导入题目到自建题库：Excel/CSV、Word、Moodle XML、GIFT、QTI，按内容识别格式 / import questions (format read from the content)")
    p.add_argument("file", type=Path)
    p.add_argument("--bank", required=True, help="目标题库（不存在则新建） / target bank, created if new")
    p = add(bank, "export", c.bank_export, "导出题库 / export a bank (xlsx, csv, native, docx, moodle, gift, qti, qti3)")
    p.add_argument("--bank", default=None, help="题库名称（默认内置题库） / bank name (default: the bundled bank)")
    p.add_argument("--format", choices=c.EXPORT_CHOICES, default=None, help="默认按 OUT 的扩展名 / default: from OUT's extension")
    p.add_argument("out", type=Path)

    roster = sub.add_parser("roster", help="考生名单 / roster").add_subparsers(dest="cmd", required=True, metavar="CMD")
    p = add(roster, "template", c.roster_template, "生成空白考生名单（表头：工号、姓名、单位、岗位/班组、班级/批次） / write an empty roster with the headers")
    p.add_argument("out", type=Path)
    p = add(roster, "import", c.roster_import, "导入考生名单 (xlsx/csv) / import a roster")
    p.add_argument("file", type=Path)
    p = add(roster, "list", c.roster_list, "列出考生 / list candidates")
    p.add_argument("--class", dest="class_name", default=None)

    exam = sub.add_parser("exam", help="考试 / exams").add_subparsers(dest="cmd", required=True, metavar="CMD")
    p = add(exam, "create", c.exam_create, "由 TOML 文件创建考试 / create an exam from TOML")
    p.add_argument("file", type=Path)
    add(exam, "list", c.exam_list, "列出考试 / list exams")

    res = sub.add_parser("results", help="成绩 / results").add_subparsers(dest="cmd", required=True, metavar="CMD")
    p = add(res, "export", c.results_export, "导出成绩 / export results")
    p.add_argument("--exam", type=int, required=True)
    p.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    p.add_argument("--class", dest="class_name", default=None)
    p.add_argument("out", type=Path)

    p = add(sub, "demo", c.demo, "模拟一个班参加考试（默认标准考试） / simulate a class sitting an exam (default: the standard exam)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--exam", type=int, default=None,
                   help="已有考试的编号（需 --data-dir）：已开考的场次由其名单参考，否则由演示班参考 / an existing exam (needs --data-dir): "
                        "its open session's roster sits it, else a demo class")
    p.add_argument("--candidates", type=int, default=None, help="人数（默认 50；已开考场次默认全部） / how many (default 50; an open session: all)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-pdf", action="store_true", help="不生成 PDF / skip the PDF documents")

    p = add(sub, "report", c.report, "生成 PDF：成绩单/汇总表/试题分析/合格证书 / write PDF documents")
    p.add_argument("kind", choices=("scoresheets", "summary", "analysis", "certificates"))
    p.add_argument("--exam", type=int, required=True)
    p.add_argument("--class", dest="class_name", default=None)
    p.add_argument("--out", type=Path, required=True, help="PDF 文件，或 --per-candidate 时的文件夹 / PDF file, or folder with --per-candidate")
    p.add_argument("--per-candidate", action="store_true", help="每人一个文件 工号_姓名.pdf / one file per candidate")
    p.add_argument("--hide-answers", action="store_true", help="成绩单不显示正确答案 / hide correct answers on score sheets")
    p.add_argument("--sort", choices=("unit", "score"), default="unit", help="汇总表排序 / summary order")

    retake = sub.add_parser("retake", help="补考 / retakes").add_subparsers(dest="cmd", required=True, metavar="CMD")
    p = add(retake, "grant", c.retake_grant, "准予补考（原因记入审计） / let a candidate who handed the exam in sit it once more")
    p.add_argument("--exam", type=int, required=True)
    p.add_argument("--employee-no", required=True, help="工号 / employee number")
    p.add_argument("--reason", required=True, help="补考原因 / reason (audited)")

    cert = sub.add_parser("cert", help="证书 / certificates").add_subparsers(dest="cmd", required=True, metavar="CMD")
    p = add(cert, "setup", c.cert_setup, "设置签发口令和发证代码（每个单位一次） / set up the issuer: passphrase and issuer code (once)")
    p.add_argument("--issuer-code", required=True, help="发证代码，编号的一部分，如 JN01 / part of every number, e.g. JN01")
    p = add(cert, "verify", c.cert_verify, "核验证书二维码 / verify a certificate QR code")
    p.add_argument("code")
    p.add_argument("--pubkey", type=Path, default=None, help="不连数据库：用 export-key 导出的公钥核验 / verify offline with keys from export-key")
    p.add_argument("--crl", type=Path, default=None, help="离线核验时的作废名单（cert crl 导出） / revocation list from `cert crl` (with --pubkey)")
    p = add(cert, "export-key", c.cert_export_key, "导出全部验证公钥 / export every public key of the issuer")
    p.add_argument("out", type=Path)
    p = add(cert, "revoke", c.cert_revoke, "作废证书编号 / revoke a certificate number")
    p.add_argument("number")
    p.add_argument("--reason", required=True, help="作废原因（记入审计） / reason, audited")
    p = add(cert, "crl", c.cert_crl, "导出签名的作废名单 / write a signed revocation list")
    p.add_argument("out", type=Path)
    add(cert, "rotate-key", c.cert_rotate_key, "更换签发密钥（旧证书仍可核验） / rotate the signing key; old certificates still verify")

    from baiwen_desktop.cli import package_commands

    package_commands.add_parsers(sub, add)

    from baiwen_desktop.cli import room_commands as rc

    st = sub.add_parser("station", help="本机 / this PC's identity").add_subparsers(dest="cmd", required=True, metavar="CMD")
    add(st, "show", rc.station_show, "显示本机名称和标识 / show this PC's name and station id")
    p = add(st, "rename", rc.station_rename, "修改本机名称 / rename this PC")
    p.add_argument("name")

    ses = sub.add_parser("session", help="考场 / exam sessions").add_subparsers(dest="cmd", required=True, metavar="CMD")
    p = add(ses, "open", rc.session_open, "开考 / open a session")
    p.add_argument("--exam", type=int, required=True, help="考试编号 / exam id (baiwen exam list)")
    p.add_argument("--class", dest="class_name", default=None, help="班级/批次（默认全部考生） / class (default: whole roster)")
    p.add_argument("--station", default=None, help="只在这台考试机上（默认所有） / only on this PC, by name (default: every PC)")
    p.add_argument("--ends", default=None, metavar="HH:MM", help="统一收卷时间（今天） / common end time today")
    p.add_argument("--force", action="store_true",
                   help="该考试已为同一班级开考时仍再开一场（补考仍需逐人准予） / open although the exam is already open for this class")
    p = add(ses, "list", rc.session_list, "列出进行中的考场 / list open sessions")
    p.add_argument("--all", action="store_true", help="包括已结束的 / include closed sessions")
    p = add(ses, "close", rc.session_close, "结束考场（为仍在答题的考生强制交卷） / close a session, force-submitting live papers")
    p.add_argument("id", type=int)
    p = add(ses, "live", rc.session_live, "考场实况 / live view of a session")
    p.add_argument("id", type=int)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Exit 0 done, 1 bad input or refused, 2 the database cannot be used, 3 a bug (logged), 130 Ctrl-C."""
    parser = build_parser()
    args = parser.parse_args(argv)
    for key, default in (("data_dir", None), ("db_url", None), ("json", False)):
        if not hasattr(args, key):
            setattr(args, key, default)
    started = time.perf_counter()
    try:
        code = int(args.handler(args) or 0)
        if getattr(args, "timing", False):
            print(f"({time.perf_counter() - started:.2f}s)", file=sys.stderr)
        sys.stdout.flush()  # inside the try: a closed pipe is reported here, not at exit
    except BrokenPipeError:
        return _quiet_after_closed_pipe()
    except ValidationError as e:
        print(f"错误：{e.zh}\nerror: {e.en}", file=sys.stderr)
        for issue in e.issues:
            print(f"  {issue}", file=sys.stderr)
        return 1
    except StoreFault as e:
        print(f"错误：{e.zh}\nerror: {e.en}", file=sys.stderr)
        return 2
    except BaiwenError as e:
        print(f"错误：{e.zh} / error: {e.en}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # never a traceback to a user: it goes to the log
        from baiwen_desktop import errorlog
        from baiwen_desktop.datadir import resolve_data_dir

        path = errorlog.record(e, resolve_data_dir(args.data_dir), f"baiwen {' '.join(sys.argv[1:] if argv is None else argv)}")
        zh, en = errorlog.internal_error_text(path)
        print(f"{zh}\n{en}", file=sys.stderr)
        return 3
    return code


def _quiet_after_closed_pipe() -> int:
    """`baiwen … | head`: the reader has gone; stop without a BrokenPipeError at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def json_default(value: Any) -> Any:
    """Decimals (scores) as JSON numbers, never strings; dates and paths as text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1, default=json_default))
    else:
        print(text)


if __name__ == "__main__":
    raise SystemExit(main())
