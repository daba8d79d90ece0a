"""`baiwen package …`: USB packages between HQ and rural stations (the work is in services.packages)."""

from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import asdict
from datetime import datetime
from typing import Any

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.core.readout import groups_of
from baiwen_desktop.services import packages
from baiwen_desktop.services.context import open_app

ACTOR = "cli"


def _store(args: argparse.Namespace, sync_bank: bool = True) -> Any:
    return open_app(args.data_dir, args.db_url, sync_bank=sync_bank)


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    from baiwen_desktop.cli.main import emit

    emit(args, data, text)


def _when(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M") if t else ""


def _package_password() -> str:
    """The exam package's password: a hidden prompt, or a line on stdin (scripts)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    return getpass.getpass("考试包密码（总部电话告知的 20 位数字） / exam package password: ")


def spoken(password: str) -> str:
    """The password in big, separated groups for reading out by phone."""
    return "   ".join(groups_of(password))


def export_exam(args: argparse.Namespace) -> int:
    from baiwen_desktop.cli.commands import _passphrase
    from baiwen_desktop.services import certs

    store = _store(args)
    passphrase = _passphrase()
    issuer = certs.unlock(store, passphrase, actor=ACTOR)
    out = packages.export_exam(store, args.exam, args.out, issuer=issuer, passphrase=passphrase, class_name=args.class_name,
                               valid_days=args.valid_days, actor=ACTOR)
    data = {**asdict(out), "path": str(out.path)}
    _emit(args, data, "\n".join((
        f"考试包已导出 / exam package written: {out.path}",
        f"  {out.questions} 道题，{out.candidates} 名考生，有效至 {_when(out.valid_until)} / {out.questions} questions, {out.candidates} candidates, valid until {_when(out.valid_until)}",
        "",
        "考试包密码（只显示这一次：请抄下，电话告知站点；不要写在U盘上） / package password (shown ONCE; read it out by phone, never put it on the stick):",
        "",
        f"      {spoken(out.password)}",
        "",
        f"总部密钥指纹（站点首次导入时电话核对） / HQ key fingerprint (the station checks it by phone on its first import): {out.hq_fingerprint}",
    )))
    return 0


def import_package(args: argparse.Namespace) -> int:
    """One or more files; each is all or nothing on its own. Result packages share one 签发口令 prompt."""
    if len(args.files) == 1:
        data, text, code = _import_one(args, args.files[0], {})
        _emit(args, data, text)
        return code
    opened: dict[str, Any] = {}
    results, worst = [], 0
    merged = _merge_results(args, opened)
    for f in args.files:
        try:
            data, text, code = merged[f] if f in merged else _import_one(args, f, opened)
        except BaiwenError as e:  # this file refused: the others still go in
            data, text, code = _refusal(f, e)
        results.append(data)
        worst = max(worst, code)
        if not args.json:
            print(f"== {f}\n{text}", file=sys.stderr if "error" in data else sys.stdout)
    if args.json:
        _emit(args, results, "")
    return worst


# The services say "import again and trust it" (their words serve the console too); here that means an option.
CLI_HINTS = {
    "untrusted": ("trust_fingerprint", "核对一致后加 --trust-fingerprint {fp} 重新导入", "once checked, import again with --trust-fingerprint {fp}"),
    "foreign": ("trust_fingerprint", "核对一致后加 --trust-fingerprint {fp} 重新导入", "once checked, import again with --trust-fingerprint {fp}"),
    "station_key_changed": ("trust_station_key", "核对一致后加 --trust-station-key {fp} 重新导入", "once checked, import again with --trust-station-key {fp}"),
}


def with_cli_hint(e: BaiwenError, args: argparse.Namespace) -> BaiwenError:
    """A trust refusal plus the option that answers it, unless that option was given (then it did not match)."""
    hint = CLI_HINTS.get(str(getattr(e, "reason", "")))
    fp = str(getattr(e, "fingerprint", "") or "")
    if hint is None or not fp or getattr(args, hint[0], None):
        return e
    return BaiwenError(f"{e.zh}。{hint[1].format(fp=fp)}", f"{e.en}; {hint[2].format(fp=fp)}")


def _refusal(path: Any, e: BaiwenError) -> tuple[dict[str, Any], str, int]:
    return {"file": str(path), "error": e.zh, "error_en": e.en}, f"错误：{e.zh} / error: {e.en}", 1


def _merge_results(args: argparse.Namespace, opened: dict[str, Any]) -> dict[Any, tuple[dict[str, Any], str, int]]:
    """Two or more result packages: merged as one batch, the next prepared while one is written (services.merge_pipeline)."""
    from baiwen_desktop.services import merge_pipeline

    def is_result(f: Any) -> bool:
        try:
            return bool(packages.peek(f)["kind"] == "result")
        except BaiwenError:  # reported in its turn
            return False

    files = [f for f in args.files if is_result(f)]
    if len(files) < 2:
        return {}
    _open_hq(args, opened)
    out = {}
    batch = merge_pipeline.import_results_many(opened["store"], files, passphrase=opened["passphrase"], actor=ACTOR, hq_key=opened["hq_key"],
                                               trust_station_key=args.trust_station_key)
    for f, (_path, rep) in zip(files, batch, strict=True):  # one for each file, in turn
        out[f] = _refusal(f, with_cli_hint(rep, args)) if isinstance(rep, BaiwenError) else _merged(f, rep)
    return out


def _open_hq(args: argparse.Namespace, opened: dict[str, Any]) -> None:
    """HQ's database and its package key, the 签发口令 asked once for every result package of this run."""
    from baiwen_desktop.cli.commands import _passphrase
    from baiwen_desktop.services import package_keys

    if "store" not in opened:
        opened["store"] = _store(args, sync_bank=False)
    if "hq_key" not in opened:
        opened["passphrase"] = _passphrase()
        opened["hq_key"] = package_keys.hq_private_key(opened["store"], opened["passphrase"], ACTOR)


def _import_one(args: argparse.Namespace, path: Any, opened: dict[str, Any]) -> tuple[dict[str, Any], str, int]:
    try:
        return _import_file(args, path, opened)
    except packages.PackageRefused as e:
        raise with_cli_hint(e, args) from None


def _import_file(args: argparse.Namespace, path: Any, opened: dict[str, Any]) -> tuple[dict[str, Any], str, int]:

    kind = packages.peek(path)["kind"]  # refuses a file that is no package before any prompt
    if "store" not in opened:
        opened["store"] = _store(args, sync_bank=False)
    store = opened["store"]
    if kind == "exam":
        password = args.password or _package_password()
        imp = packages.import_exam(store, path, password, actor=ACTOR, trust_fingerprint=args.trust_fingerprint)
        text = (
            f"该考试包已导入过，未作改动 / already imported, nothing changed: 考试 {imp.exam_id}，考场 {imp.session_id}"
            if imp.already else
            f"已导入考试包 / exam package imported（{imp.organisation}）：考试编号 {imp.exam_id}，考场 {imp.session_id} 已开考，"
            f"{imp.candidates} 名考生，{imp.questions} 道题 / exam {imp.exam_id}, session {imp.session_id} open, {imp.candidates} candidates, {imp.questions} questions"
        )
        return {"kind": "exam", "file": str(path), **asdict(imp)}, text, 0
    _open_hq(args, opened)
    rep = packages.import_results(store, path, passphrase=opened["passphrase"], actor=ACTOR, trust_station_key=args.trust_station_key,
                                  hq_key=opened["hq_key"])
    return _merged(path, rep)


def _merged(path: Any, rep: packages.MergeReport) -> tuple[dict[str, Any], str, int]:
    """A result package's merge report, for the terminal and for --json."""
    if rep.already:
        text = f"该成绩包已导入过，未作改动 / already merged, nothing changed（站点 {rep.station_name}）"
    else:
        lines = [
            f"已合并成绩包 / result package merged：站点 {rep.station_name}（指纹 {rep.fingerprint}）",
            f"  {rep.attempts} 份答卷：新增 {rep.new}，已有 {rep.unchanged}，冲突 {len(rep.conflicts)}，待阅卷 {rep.pending_review}"
            f" / {rep.attempts} attempts: {rep.new} new, {rep.unchanged} already held, {len(rep.conflicts)} conflicts, {rep.pending_review} awaiting review",
        ]
        if rep.conflicts:
            lines.append("冲突（未合并，请核查） / conflicts (not merged; check them):")
            lines += [f"  - {c}" for c in rep.conflicts]
        if rep.score_differences:
            lines.append("站点成绩与总部评分不同（以总部为准） / the station's provisional score differs from HQ's grade (HQ's stands):")
            lines += [f"  - {d}" for d in rep.score_differences]
        text = "\n".join(lines)
    return {"kind": "result", "file": str(path), **asdict(rep)}, text, 1 if rep.conflicts and not rep.already else 0


def export_results(args: argparse.Namespace) -> int:
    store = _store(args, sync_bank=False)
    out = packages.export_results(store, args.exam, args.out, data_dir=store.data_dir, actor=ACTOR)
    data = {**asdict(out), "path": str(out.path), "cover_pdf": str(out.cover_pdf) if out.cover_pdf else None}
    lines = [
        f"成绩包已导出 / result package written: {out.path}",
        f"  {out.attempts} 份已交卷答卷" + (f"；另有 {out.unfinished} 份未交卷，未导出（交卷后再导出一次）" if out.unfinished else "")
        + f" / {out.attempts} finished attempts" + (f"; {out.unfinished} unfinished left out (export again later)" if out.unfinished else ""),
        f"本机指纹（总部电话核对） / station fingerprint (HQ checks it by phone): {out.fingerprint}",
    ]
    if out.cover_pdf:
        lines.append(f"封面（打印后随U盘送总部） / cover page (print it, send it with the stick): {out.cover_pdf}")
    _emit(args, data, "\n".join(lines))
    return 0


def list_packages(args: argparse.Namespace) -> int:
    rows = packages.list_packages(_store(args, sync_bank=False))
    kinds = packages.KIND_LABELS
    ways = packages.DIRECTION_LABELS
    text = "\n".join(
        f"{_when(r.at)}\t{ways.get(r.direction, r.direction)}{kinds.get(r.kind, r.kind)}\t{r.id[:8]}\t{r.exam_title}\t{r.station}\t"
        f"{r.candidates} 人\t{r.attempts} 份答卷\t新增 {r.new}\t冲突 {r.conflicts}" + (f"\t有效至 {_when(r.valid_until)}" if r.valid_until else "")
        for r in rows
    ) or "还没有数据包 / no packages yet"
    _emit(args, [asdict(r) for r in rows], text)
    return 0


def add_parsers(sub: Any, add: Any) -> None:
    """`baiwen package export-exam|import|export-results|list` (called by cli.main.build_parser)."""
    from pathlib import Path

    pkg = sub.add_parser("package", help="U盘数据包（总部 ↔ 站点） / USB packages (HQ <-> station)").add_subparsers(dest="cmd", required=True, metavar="CMD")
    p = add(pkg, "export-exam", export_exam, "总部：导出考试包（需签发口令；密码只显示一次） / HQ: write an exam package (signing passphrase; password shown once)")
    p.add_argument("--exam", type=int, required=True, help="考试编号 / exam id (baiwen exam list)")
    p.add_argument("--class", dest="class_name", default=None, help="只含这个班级/批次的考生（默认全部） / only this class (default: whole roster)")
    p.add_argument("--valid-days", type=int, default=30, help="有效天数（默认 30） / days the package stays valid (default 30)")
    p.add_argument("--out", type=Path, required=True, help="输出文件 F.bwexam / output file")
    p = add(pkg, "import", import_package,
            "导入数据包：站点导入考试包（需密码），总部导入成绩包（需签发口令） / import a package: exam at a station (password), results at HQ (signing passphrase)")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE", help="一个或多个数据包（成绩包只问一次签发口令） / one or more packages (one passphrase prompt for all result packages)")
    p.add_argument("--password", default=None, help="考试包密码（不填则提示输入） / exam package password (prompted if absent)")
    p.add_argument("--trust-fingerprint", default=None, metavar="FP",
                   help="首次导入：电话核对过的总部密钥指纹 / first import: the HQ key fingerprint checked by phone")
    p.add_argument("--trust-station-key", default=None, metavar="FP",
                   help="站点换过密钥时：电话核对过的新站点指纹 / a station's new key, its fingerprint checked by phone")
    p = add(pkg, "export-results", export_results, "站点：导出成绩包（随时可再导出，为上次的超集） / station: write the result package (again any time: a superset)")
    p.add_argument("--exam", type=int, required=True, help="考试编号 / exam id")
    p.add_argument("--out", type=Path, required=True, help="输出文件 F.bwresult / output file")
    add(pkg, "list", list_packages, "列出导出和导入的数据包 / list packages issued and received")



