"""The `baiwen` subcommands: argument handling and printing only; the work is in services."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from baiwen_desktop.core.bankfile import load_bank
from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.exam import load_exam_toml
from baiwen_desktop.core.numbers import format_score
from baiwen_desktop.datadir import bundled_bank_dir
from baiwen_desktop.services import banks, exams, results, roster
from baiwen_desktop.services.context import open_app

ARCHIVED = "\t已归档"
EXPORT_CHOICES = ("xlsx", "csv", "native", "docx", "moodle", "gift", "qti", "qti3")
TEMPLATE_CHOICES = ("xlsx", "csv", "docx")
_EXPORT_SUFFIX = {".xlsx": "xlsx", ".csv": "csv", ".docx": "docx", ".xml": "moodle", ".gift": "gift", ".zip": "qti"}


def _store(args: argparse.Namespace) -> Any:
    return open_app(args.data_dir, args.db_url)


PASSPHRASE_ENV = "BAIWEN_SIGN_PASSPHRASE"


def _passphrase(confirm: bool = False) -> str:
    """The 签发口令: from BAIWEN_SIGN_PASSPHRASE (scripts), a hidden prompt, or a line on stdin."""
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("签发口令 / signing passphrase: ")
    if confirm and getpass.getpass("再输入一次 / again: ") != first:
        raise BaiwenError("两次输入的签发口令不一致", "the passphrases differ")
    return first


def _issuer(store: Any) -> Any:
    from baiwen_desktop.services import certs

    return certs.unlock(store, _passphrase(), actor="cli")


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    from baiwen_desktop.cli.main import emit

    emit(args, data, text)


def bank_check(args: argparse.Namespace) -> int:
    paths = args.paths or [bundled_bank_dir()]
    bank = load_bank(paths)
    data = {"questions": len(bank.questions), "errors": [str(i) for i in bank.issues]}
    if args.json:
        _emit(args, data, "")
    else:
        for issue in bank.issues:
            print(issue)
        verdict = "通过 / OK" if not bank.issues else f"{len(bank.issues)} 处错误 / error(s)"
        print(f"{len(bank.questions)} 道题，{verdict}", file=sys.stderr if bank.issues else sys.stdout)
    return 1 if bank.issues else 0


def bank_stats(args: argparse.Namespace) -> int:
    store = _store(args)
    st = banks.stats(store, args.bank or banks.BUNDLED_NAME)
    if args.coverage is not None:
        md = banks.coverage_markdown(st)
        if args.coverage == "-":
            print(md)
        else:
            Path(args.coverage).write_text(md, encoding="utf-8")
            print(f"已写入 / written: {args.coverage}")
        return 0
    lines = [f"{st.name}：共 {st.total} 题"]
    lines.append("题型 / by type: " + "，".join(f"{k} {v}" for k, v in st.by_type.items()))
    lines.append("章节 / by section: " + "，".join(f"{k or '（无）'} {v}" for k, v in st.by_section.items()))
    lines.append("出处 / by source: " + "，".join(f"{k or '（无）'} {sum(v.values())}" for k, v in st.by_source.items()))
    _emit(args, asdict(st), "\n".join(lines))
    return 0


def bank_list(args: argparse.Namespace) -> int:
    infos = banks.list_banks(_store(args))
    text = "\n".join(f"{b.name}\t{b.question_count} 题{'（内置，只读）' if b.bundled else ''}" for b in infos)
    _emit(args, [asdict(b) for b in infos], text)
    return 0


def bank_template(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    by_suffix = {".xlsx": "xlsx", ".csv": "csv", ".docx": "docx"}.get(suffix)
    fmt = args.format or by_suffix
    choices = "、".join(f".{c}" for c in TEMPLATE_CHOICES)
    if fmt not in TEMPLATE_CHOICES:  # never silently an xlsx under another name
        raise BaiwenError(
            f"模板只能是 {choices}：请让文件名以其中之一结尾（现在是“{suffix or '无扩展名'}”），或用 --format 指定",
            f"the template is {', '.join(TEMPLATE_CHOICES)} only: end the file name with one of them (not '{suffix or 'no extension'}'), or pass --format",
        )
    if by_suffix is not None and by_suffix != fmt:
        raise BaiwenError(f"--format {fmt} 与文件扩展名“{suffix}”不符", f"--format {fmt} does not match the file extension '{suffix}'")
    if fmt == "csv":
        from baiwen_desktop.files.bank_excel import write_csv_template

        write_csv_template(args.out)
    elif fmt == "docx":
        from baiwen_desktop.files.interchange.docx_bank import write_docx_template

        write_docx_template(args.out)
    else:
        from baiwen_desktop.files.bank_excel import write_template

        write_template(args.out)
    _emit(args, {"out": str(args.out)}, f"已生成导入模板 / template written: {args.out}")
    return 0


_UNIT_ZH = {"question": "题", "paragraph": "段", "line": "行", "row": "行"}


def _print_notes(report: dict[str, Any]) -> None:
    unit = _UNIT_ZH.get(str(report.get("unit")), "题")
    for key, zh, en in (("skipped", "未导入", "skipped"), ("changed", "已导入但有改动", "imported with changes")):
        for n in report.get(key, []):
            print(f"  {zh} / {en}：第 {n['where']} {unit}“{n['question']}”：{n['reason']}")


def bank_import(args: argparse.Namespace) -> int:
    from baiwen_desktop.core.errors import ValidationError
    from baiwen_desktop.services import bank_transfer

    try:
        out = bank_transfer.import_bank_file(_store(args), args.file, args.bank, actor="cli")
    except ValidationError as e:
        try:
            report: dict[str, Any] | None = bank_transfer.read_bank_file(args.file).to_dict()
        except BaiwenError:
            report = None
        errors = bank_transfer.issue_dicts(e.issues)
        if args.json:
            _emit(args, {"imported": 0, "duplicates": 0, "errors": errors, "report": report}, "")
        else:
            print(f"错误：{e.zh}\nerror: {e.en}", file=sys.stderr)
            unit = str((report or {}).get("unit") or "row")
            zh_unit = _UNIT_ZH.get(unit, "行")
            for i in e.issues:
                col = f" [{i.field}]" if i.field else ""
                print(f"  第 {i.line} {zh_unit} / {unit} {i.line}{col}：{i.zh}" + (f" / {i.en}" if i.en else ""), file=sys.stderr)
        return 1
    except BaiwenError as e:
        if not args.json:
            raise
        _emit(args, {"imported": 0, "duplicates": 0, "errors": [{"row": None, "column": "", "message": f"{e.zh} / {e.en}"}]}, "")
        return 1
    report = out.report or {}
    skipped = len(report.get("skipped", []))
    text = (f"导入完成 / imported into {args.bank}（{report.get('format', '')}）：新增 {out.imported} 题，"
            f"重复 {out.duplicates} 题（未导入），跳过 {skipped} 题 / {out.imported} new, "
            f"{out.duplicates} duplicate(s), {skipped} skipped")
    if args.json:
        _emit(args, {"imported": out.imported, "duplicates": out.duplicates, "errors": [], "report": report}, "")
    else:
        print(text)
        _print_notes(report)
    return 0


def bank_export(args: argparse.Namespace) -> int:
    from baiwen_desktop.services import bank_transfer

    fmt = args.format or _EXPORT_SUFFIX.get(args.out.suffix.lower(), "native")
    name = args.bank or banks.BUNDLED_NAME
    n = bank_transfer.export_bank(_store(args), name, fmt, args.out)
    _emit(args, {"bank": name, "format": fmt, "questions": n, "out": str(args.out)}, f"已导出 {n} 题 / exported {n} questions ({fmt}): {args.out}")
    return 0


def roster_template(args: argparse.Namespace) -> int:
    from baiwen_desktop.files.roster_file import accepted_headers, write_roster_template

    write_roster_template(args.out)
    _emit(args, {"out": str(args.out)}, f"已生成名单模板 / roster template written: {args.out}\n列 / columns: {accepted_headers()}")
    return 0


def roster_import(args: argparse.Namespace) -> int:
    r = roster.import_roster(_store(args), args.file, actor="cli")
    _emit(args, asdict(r), f"导入完成 / imported: 新增 added {r.added}，更新 updated {r.updated}，未变 unchanged {r.unchanged}")
    return 0


def roster_list(args: argparse.Namespace) -> int:
    people = roster.list_candidates(_store(args), class_name=args.class_name)
    text = "\n".join(f"{p.employee_no}\t{p.name}\t{p.unit}\t{p.post}\t{p.class_name}" for p in people) or "（名单为空 / empty roster）"
    _emit(args, [asdict(p) for p in people], text)
    return 0


def exam_create(args: argparse.Namespace) -> int:
    definition = load_exam_toml(args.file)
    info = exams.create_exam(_store(args), definition, actor="cli")
    d = info.definition
    _emit(args, {"id": info.id, "title": info.title, "questions": d.question_count, "total": d.total, "pass_mark": d.pass_mark},
          f"已创建考试 / created exam {info.id}：{info.title}，{d.question_count} 题，总分 {d.total}，及格 {d.pass_mark}")
    return 0


def exam_list(args: argparse.Namespace) -> int:
    infos = exams.list_exams(_store(args), include_archived=True)
    text = "\n".join(
        f"{e.id}\t{e.title}\t{e.definition.question_count} 题\t总分 {e.definition.total}\t{e.definition.duration_minutes} 分钟{ARCHIVED if e.archived else ''}"
        for e in infos
    ) or "（没有考试 / no exams）"
    data = [
        {"id": e.id, "title": e.title, "questions": e.definition.question_count, "total": e.definition.total,
         "pass_mark": e.definition.pass_mark, "duration_minutes": e.definition.duration_minutes, "archived": e.archived}
        for e in infos
    ]
    _emit(args, data, text)
    return 0


def results_export(args: argparse.Namespace) -> int:
    store = _store(args)
    exams.get_exam(store, args.exam)
    n = results.export(store, args.exam, args.format, args.out, args.class_name)
    _emit(args, {"rows": n, "out": str(args.out)}, f"已导出 {n} 人的成绩 / exported {n} rows: {args.out}")
    return 0


def _need_folder(path: Path, option: str) -> None:
    """A folder option given a file (or a path through a file): say so before any work is done."""
    for p in (path, *path.parents):
        if p.exists():
            if not p.is_dir():
                raise BaiwenError(
                    f"{option} 应是一个文件夹，但 {p} 是一个文件；请换一个文件夹名",
                    f"{option} must be a folder, but {p} is a file; choose another folder name",
                )
            return


def demo(args: argparse.Namespace) -> int:
    from baiwen_desktop.services.demo import run_demo

    if args.candidates is not None and args.candidates < 1:
        raise BaiwenError("--candidates 至少为 1", "--candidates must be at least 1")
    if args.exam is not None and not args.data_dir and not args.db_url:
        raise BaiwenError(
            "--exam 需要同时给出 --data-dir（或 --db-url）：演示要在已有考试的数据目录里进行",
            "--exam needs --data-dir (or --db-url): the demo runs in the data folder that holds the exam",
        )
    _need_folder(args.out, "--out")
    started = time.perf_counter()
    # Without --data-dir the demo's database lives in a temp folder that is removed afterwards.
    with tempfile.TemporaryDirectory(prefix="baiwen-demo-", ignore_cleanup_errors=True) as temp:
        data_dir = args.data_dir or temp
        store = open_app(data_dir, args.db_url)
        try:
            outcome = run_demo(store, args.out, args.candidates, args.seed, with_pdfs=not args.no_pdf, exam_id=args.exam)
        finally:
            store.dispose()
    secs = time.perf_counter() - started
    kept = str(data_dir) if args.data_dir else None
    written = "\n".join(f"  {f}" for f in outcome.files)
    _emit(
        args,
        {**asdict(outcome), "seconds": round(secs, 2), "data_dir": kept},
        f"演示完成 / demo done：考试 {outcome.exam_id}“{outcome.exam_title}”，{outcome.candidates} 人，平均分 {format_score(outcome.mean)}，合格率 {outcome.pass_rate:.0%}，"
        f"用时 {secs:.1f} 秒\n已写入 / wrote:\n{written}\n"
        + (f"数据目录 / data dir: {kept}" if kept else "数据目录为临时目录，已删除 / temporary data dir removed (use --data-dir to keep it)"),
    )
    return 0


def report(args: argparse.Namespace) -> int:
    from baiwen_desktop.services import documents

    store = _store(args)
    exams.get_exam(store, args.exam)
    if args.kind == "certificates":
        documents.require_certificates_here(store, args.exam)  # before asking for the 签发口令
    issuer = _issuer(store) if args.kind == "certificates" else None
    files = documents.generate(
        store, args.kind, args.exam, args.out, args.class_name, args.per_candidate,
        show_correct_answers=not args.hide_answers, sort_by=args.sort, actor="cli", issuer=issuer,
    )
    _emit(args, {"files": [str(f) for f in files]}, f"已生成 {len(files)} 个文件 / wrote {len(files)} file(s): {args.out}")
    return 0


def retake_grant(args: argparse.Namespace) -> int:
    from baiwen_desktop.services import retakes

    g = retakes.grant(_store(args), args.exam, args.employee_no, args.reason, actor="cli")
    _emit(args, {"grant_id": g.id, "exam": g.exam_id, "employee_no": g.employee_no, "name": g.name, "reason": g.reason},
          f"已准予补考 / retake granted: {g.employee_no} {g.name}（{g.reason}）")
    return 0


def cert_setup(args: argparse.Namespace) -> int:
    from baiwen_desktop.services import certs

    store = _store(args)
    kid = certs.setup_issuer(store, _passphrase(confirm=True), args.issuer_code, actor="cli")
    _emit(args, {"key_id": kid, "issuer_code": args.issuer_code.strip().upper()},
          f"已设置签发口令，发证代码 {args.issuer_code.strip().upper()}，密钥 {kid} / issuer set up, key {kid}")
    return 0


REASONS_EN = {"有效": "valid", "无效": "invalid (not signed by this issuer)", "已篡改": "tampered", "格式错误": "bad format", "已作废": "revoked"}


def cert_verify(args: argparse.Namespace) -> int:
    from baiwen_desktop.services import certs

    if args.crl is not None and args.pubkey is None:
        raise BaiwenError("--crl 需与 --pubkey 一起使用（不连数据库时）", "--crl needs --pubkey (offline check)")
    if args.pubkey is not None:
        res = certs.verify_offline(args.code, args.pubkey, args.crl)
    else:
        res = certs.verify(_store(args), args.code)
    f = res.fields
    data = {"valid": res.valid, "reason": res.reason, "note": res.note, "fields": None if f is None else {
        "number": f.number, "employee_no": f.employee_no, "name": f.name, "exam": f.exam_title, "score": f.score, "date": f.issue_date.isoformat()}}
    text = f"{res.reason} / {REASONS_EN.get(res.reason, res.reason)}"
    if res.note:
        text += f"\n{res.note}"
    if f is not None:
        text += (f"\n证书编号 {f.number}\n工号 {f.employee_no}  姓名 {f.name}\n"
                 f"考试 {f.exam_title}\n成绩 {format_score(f.score)}\n日期 {f.issue_date.isoformat()}")
    _emit(args, data, text)
    return 0 if res.valid else 1


def cert_export_key(args: argparse.Namespace) -> int:
    from baiwen_desktop.services import certs

    out = certs.export_keys(_store(args), args.out)
    _emit(args, {"out": str(out)}, f"公钥已导出 / public keys written: {out}")
    return 0


def cert_revoke(args: argparse.Namespace) -> int:
    from baiwen_desktop.services import certs

    certs.revoke(_store(args), args.number, args.reason, actor="cli")
    _emit(args, {"number": args.number, "revoked": True}, f"已作废 / revoked: {args.number}")
    return 0


def cert_crl(args: argparse.Namespace) -> int:
    from baiwen_desktop.services import certs

    store = _store(args)
    n = certs.write_crl(store, _issuer(store), args.out)
    _emit(args, {"out": str(args.out), "revoked": n}, f"作废名单已导出（{n} 个编号） / revocation list written ({n} numbers): {args.out}")
    return 0


def cert_rotate_key(args: argparse.Namespace) -> int:
    from baiwen_desktop.services import certs

    old, new = certs.rotate_key(_store(args), _passphrase(), actor="cli")
    _emit(args, {"old_key_id": old, "key_id": new}, f"签发密钥已更换 / key rotated: {old} → {new}（旧证书仍可核验 / old certificates still verify）")
    return 0
