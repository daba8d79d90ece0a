"""Merging rural stations' result packages at HQ (issue 11): 200 packages × 40 candidates × 100 questions.

    python bench/packages.py [--stations 200] [--candidates 40] [--keep DIR]

Set-up (not timed):
  1. An HQ database (SQLite, temp folder): issuer, a roster of stations × candidates, a 100-question exam
     from the bundled bank; ONE exam package issued for the whole roster (services.packages.export_exam).
  2. One station imports it (import_exam), its first 40 candidates sit it through the real services
     (services.demo.run_demo: start_attempt, save_answer ×100, submit), and it exports its result package
     through the real path (export_results). That is package 1.
  3. Packages 2…N: a faithful generator. HQ opens package 1 and, per station, rewrites its payload with a
     new station id and Ed25519 station key, that station's 40 candidates (roster names, each 简答 text
     made their own), new package id and the attempt digests recomputed with
     services.package_results.attempt_digest; the header and the package_box.seal_to_recipient call are
     the ones export_results makes. (Sitting 8,000 candidates through the services would take much longer
     than the merge being measured.)
Timed, in a fresh child process (so peak memory is the merge's, not the set-up's):
  - merge: services.merge_pipeline.import_results_many over every package, as `baiwen package import` merges
    several files: each merged in turn, the next prepared meanwhile in one worker process when a core is idle
    (merge_pipeline.a_core_to_spare, at the start; the figure; target ≤ 30 s); its CPU is given for this
    process and for the worker apart (the worker's once it has ended);
  - the same merge with no worker process (import_results for each package) into a copy of HQ as it was;
  - the same packages again (idempotency: nothing new);
  - baselines in the same run: open_package of every package (verify + decrypt + inflate + JSON: the floor
    any merge pays), and raw sqlite3 inserts of exactly the rows the merge wrote (each package's question
    snapshots, attempts and their compact papers, answers: the stored values, read back from HQ untimed)
    into bare tables with the same unique keys, one transaction per package (what the database writes
    alone cost).
Peak memory: the child's ru_maxrss before and after merging.
"""

from __future__ import annotations

import argparse
import base64
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

TARGET_S = 30.0
PASS = "bench-passphrase-1"
PARTS = [
    {"type": "单选", "count": 40, "score_each": 1},
    {"type": "多选", "count": 20, "score_each": 1},
    {"type": "判断", "count": 25, "score_each": 1},
    {"type": "填空", "count": 10, "score_each": 1},
    {"type": "简答", "count": 5, "score_each": 4},
]


def build(root: Path, stations: int, per_station: int) -> list[Path]:
    """HQ + one real station + generated packages; returns the result package paths."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from baiwen_desktop.core import package_box
    from baiwen_desktop.core.exam import STANDARD_EXAM, parse_exam
    from baiwen_desktop.files.roster_file import RosterRow
    from baiwen_desktop.services import certs, exams, package_keys, packages, roster, settings, station
    from baiwen_desktop.services.context import open_app
    from baiwen_desktop.services.demo import run_demo
    from baiwen_desktop.services.package_results import attempt_digest

    t0 = time.perf_counter()
    hq = open_app(root / "hq")
    settings.put(hq, {"organisation": "国网某市供电公司", "station": "总部"}, "bench")
    certs.setup_issuer(hq, PASS, "HQ01", "bench")
    issuer = certs.unlock(hq, PASS, "bench")
    people = [
        RosterRow(f"S{k:03d}{i:03d}", f"考生{k:03d}{i:03d}", f"第{k}供电所", "", f"站点{k:03d}")
        for k in range(1, stations + 1)
        for i in range(1, per_station + 1)
    ]
    roster.import_rows(hq, people, "bench")
    exam = exams.create_exam(hq, parse_exam({**STANDARD_EXAM, "title": "百问百查 乡镇站点考试", "parts": PARTS}, "bench"), "bench")
    issued = packages.export_exam(hq, exam.id, root / "exam.bwexam", issuer=issuer, passphrase=PASS, actor="bench")
    print(f"set-up: HQ, {len(people)} candidates, exam package {issued.questions} questions: {time.perf_counter() - t0:.1f} s", flush=True)

    t0 = time.perf_counter()
    st = open_app(root / "station001", sync_bank=False)
    station.rename_station(st.data_dir, "站点001")
    imported = packages.import_exam(st, root / "exam.bwexam", issued.password, actor="bench", trust_fingerprint=issued.hq_fingerprint)
    run_demo(st, root / "demo", candidates=per_station, exam_id=imported.exam_id, with_pdfs=False)
    out = root / "results" / "station001.bwresult"
    out.parent.mkdir()
    real = packages.export_results(st, imported.exam_id, out, data_dir=st.data_dir, actor="bench")
    st.dispose()
    print(f"set-up: station 001 imported, {real.attempts} sat through the services, exported: {time.perf_counter() - t0:.1f} s", flush=True)

    t0 = time.perf_counter()
    data = out.read_bytes()
    header = package_box.read_header(data)
    verify = package_box.signer_public_key(header)
    _, template = package_box.open_package(data, verify_key=verify, recipient=package_keys.hq_private_key(hq, PASS), expect_kind="result")
    hq_public = package_keys.stored_public_key(hq)
    assert hq_public is not None
    hq.dispose()
    used = {a["employee_no"] for a in template["attempts"]}
    pool = [p for p in people if p.employee_no not in used]
    paths = [out]
    for k in range(2, stations + 1):
        mine, pool = pool[:per_station], pool[per_station:]
        paths.append(_generated(root / "results" / f"station{k:03d}.bwresult", k, mine, template, header, hq_public,
                                Ed25519PrivateKey.generate(), attempt_digest))
    size = sum(p.stat().st_size for p in paths)
    print(f"set-up: {len(paths) - 1} packages generated ({size / len(paths) / 1024:.0f} KiB each): {time.perf_counter() - t0:.1f} s", flush=True)
    return paths


def _generated(path: Path, k: int, people: list[Any], template: dict[str, Any], header: dict[str, Any], hq_public: Any,
               key: Any, attempt_digest: Any) -> Path:
    """Station k's package: package 1's attempts given to this station's candidates, sealed as export_results seals."""
    from baiwen_desktop.core import package_box

    station_id, name = str(uuid.uuid4()), f"站点{k:03d}"
    public = key.public_key()
    raw = package_box.raw_public_key(public)
    info = {"station_id": station_id, "name": name, "public_key": base64.b64encode(raw).decode("ascii"),
            "fingerprint": package_box.fingerprint(raw)}
    by_no = {}
    attempts = []
    for a, p in zip(template["attempts"], people, strict=True):
        by_no[a["employee_no"]] = p.employee_no
        b = {**a, "employee_no": p.employee_no, "name": p.name, "unit": p.unit, "post": p.post, "class_name": p.class_name, "station": name}
        # every candidate writes their own 简答 text (a copied text would let any cache of grades look better than it is)
        b["answers"] = [{**x, "response": f"{x['response']}（{p.employee_no}）"} if isinstance(x.get("response"), str) else x for x in a["answers"]]
        b["digest"] = attempt_digest(b)
        attempts.append(b)
    audit = [{**e, "employee_no": by_no.get(e.get("employee_no", ""), ""), "station": name} for e in template["audit"]]
    package_id = str(uuid.uuid4())
    payload = {**template, "package_id": package_id, "station": info, "attempts": attempts, "audit": audit}
    fields = {k2: header[k2] for k2 in ("created_at", "organisation", "issuer_code", "valid_from", "valid_until")}
    fields.update(package_id=package_id, summary={**header["summary"], "station": name})
    data = package_box.seal_to_recipient("result", fields, payload, hq_public, key, package_box.station_signer(station_id, name, public))
    path.write_bytes(data)
    return path


def merge(root: Path) -> dict[str, Any]:
    """In the child process: the timed merge, the re-import and the baselines."""
    from baiwen_desktop.core import package_box
    from baiwen_desktop.services import merge_pipeline, package_keys, packages
    from baiwen_desktop.services.context import open_app

    paths = sorted((root / "results").glob("*.bwresult"))
    if not (root / "hq-alone").exists():
        shutil.copytree(root / "hq", root / "hq-alone")  # HQ as it was, for the merge with no worker process
    hq = open_app(root / "hq", sync_bank=False)
    rss_before = _peak_kib()
    load_before = _load()
    spare = merge_pipeline.a_core_to_spare()  # whether the batch takes a worker process (the CLI's rule), at this load
    t0, c0, w0 = time.perf_counter(), time.process_time(), _children_cpu()
    hq_key = package_keys.hq_private_key(hq, PASS)  # the 签发口令 once for the batch, as the console and CLI do
    reports, each = [], []
    t1 = time.perf_counter()
    for _p, rep in merge_pipeline.import_results_many(hq, paths, passphrase=PASS, actor="bench", hq_key=hq_key, worker=spare):
        if isinstance(rep, Exception):
            raise rep
        reports.append(rep)
        each.append(time.perf_counter() - t1)
        t1 = time.perf_counter()
    merge_s, merge_cpu, worker_cpu = time.perf_counter() - t0, time.process_time() - c0, _children_cpu() - w0
    rss_after = _peak_kib()
    # the same merge with no worker process, into a copy of HQ as it was (the figure where no process can start)
    alone = open_app(root / "hq-alone", sync_bank=False)
    t0, c0 = time.perf_counter(), time.process_time()
    solo = [packages.import_results(alone, p, passphrase=PASS, actor="bench", hq_key=hq_key) for p in paths]
    alone_s, alone_cpu = time.perf_counter() - t0, time.process_time() - c0
    alone.dispose()
    assert [(r.new, r.unchanged, len(r.conflicts), r.pending_review) for r in solo] == [(r.new, r.unchanged, len(r.conflicts), r.pending_review) for r in reports]
    t0, c0 = time.perf_counter(), time.process_time()
    again = [packages.import_results(hq, p, passphrase=PASS, actor="bench", hq_key=hq_key) for p in paths]
    again_s, again_cpu = time.perf_counter() - t0, time.process_time() - c0

    t0, c0 = time.perf_counter(), time.process_time()
    opened = []
    for p in paths:
        data = p.read_bytes()
        h = package_box.read_header(data)
        opened.append(package_box.open_package(data, verify_key=package_box.signer_public_key(h), recipient=hq_key)[1])
    open_s, open_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    scrypt_n = 5
    for _ in range(scrypt_n):
        package_keys.hq_private_key(hq, PASS)
    unlock_s = (time.perf_counter() - t0) / scrypt_n
    raw_s, raw_cpu = _raw_sqlite(root / "raw.sqlite", hq, [p["station"]["station_id"] for p in opened])
    hq.dispose()
    return {
        "packages": len(paths),
        "attempts": sum(r.attempts for r in reports),
        "new": sum(r.new for r in reports),
        "conflicts": sum(len(r.conflicts) for r in reports),
        "pending_review": sum(r.pending_review for r in reports),
        "merge_s": merge_s,
        "merge_cpu": merge_cpu,
        "worker": spare,
        "worker_cpu": worker_cpu,
        "worker_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "alone_s": alone_s,
        "alone_cpu": alone_cpu,
        "first_ms": sum(each[:10]) / len(each[:10]) * 1000,
        "last_ms": sum(each[-10:]) / len(each[-10:]) * 1000,
        "again_new": sum(r.new for r in again),
        "again_already": sum(r.already for r in again),
        "again_s": again_s,
        "again_cpu": again_cpu,
        "open_s": open_s,
        "open_cpu": open_cpu,
        "unlock_s": unlock_s,
        "raw_sqlite_s": raw_s,
        "raw_sqlite_cpu": raw_cpu,
        "load": f"{load_before} before the merge, {_load()} after the baselines",
        "rss_before_mib": rss_before / 1024,
        "rss_after_mib": rss_after / 1024,
    }


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the merge's worker, once it has been shut down)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _peak_kib() -> int:
    """This process's peak resident memory (KiB). VmHWM starts afresh at exec; ru_maxrss would carry the
    parent's set-up peak into the child on Linux."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _raw_sqlite(path: Path, hq: Any, stations: list[str]) -> tuple[float, float]:
    """The rows the merge wrote, package by package, as stored (read back from HQ, not timed), inserted by
    sqlite3 into bare tables with the merge's unique keys, one transaction per package (WAL,
    synchronous=FULL); returns (wall, CPU) seconds of the inserts and commits."""
    from sqlalchemy import text

    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    with hq.session() as s:
        cols = {t: [r[1] for r in s.execute(text(f"PRAGMA table_info({t})"))] for t in ("attempt", "attempt_paper", "answer", "question_snapshot")}
    for t, names in cols.items():
        db.execute(f"CREATE TABLE {t} ({', '.join(n + (' INTEGER PRIMARY KEY' if n in ('id', 'attempt_id') and t != 'answer' else '') for n in names)})")
    db.execute("CREATE UNIQUE INDEX ux_snapshot ON question_snapshot (digest)")
    db.execute("CREATE UNIQUE INDEX ux_origin ON attempt (origin_station_id, origin_attempt_id)")
    db.execute("CREATE UNIQUE INDEX ux_answer ON answer (attempt_id, position)")
    a_cols = [n for n in cols["attempt"] if n != "id"]
    x_cols = [n for n in cols["answer"] if n not in ("id", "attempt_id")]
    insert_attempt = f"INSERT INTO attempt ({', '.join(a_cols)}) VALUES ({', '.join('?' * len(a_cols))})"
    insert_answer = f"INSERT INTO answer (attempt_id, {', '.join(x_cols)}) VALUES (?, {', '.join('?' * len(x_cols))})"
    wall = cpu = 0.0
    for station in stations:
        with hq.session() as s:  # what the merge stored for this package, as stored
            attempts = list(s.execute(text(f"SELECT id, {', '.join(a_cols)} FROM attempt WHERE origin_station_id = :s ORDER BY id"), {"s": station}))
            ids = [r[0] for r in attempts]
            answers: dict[int, list[Any]] = {i: [] for i in ids}
            for r in s.execute(text(f"SELECT attempt_id, {', '.join(x_cols)} FROM answer WHERE attempt_id IN ({', '.join(map(str, ids)) or '0'})"
                                    " ORDER BY attempt_id, position")):
                answers[r[0]].append(tuple(r[1:]))
            papers = dict(list(s.execute(text(f"SELECT attempt_id, paper FROM attempt_paper WHERE attempt_id IN ({', '.join(map(str, ids)) or '0'})"))))
            digests = {i["question"] for paper in papers.values() for i in json.loads(paper)["items"]}
            snapshots = [tuple(r) for r in s.execute(text("SELECT digest, question FROM question_snapshot")) if r[0] in digests]
        t0, c0 = time.perf_counter(), time.process_time()
        db.execute("BEGIN")
        db.executemany("INSERT OR IGNORE INTO question_snapshot (digest, question) VALUES (?, ?)", snapshots)
        for r in attempts:
            new_id = db.execute(insert_attempt, tuple(r[1:])).lastrowid
            db.execute("INSERT INTO attempt_paper (attempt_id, paper) VALUES (?, ?)", (new_id, papers[r[0]]))
            db.executemany(insert_answer, [(new_id, *x) for x in answers[r[0]]])
        db.execute("COMMIT")
        wall, cpu = wall + time.perf_counter() - t0, cpu + time.process_time() - c0
    db.close()
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--candidates", type=int, default=40)
    parser.add_argument("--keep", type=Path, help="build in this (empty) folder and keep it")
    parser.add_argument("--build-only", action="store_true", help="with --keep: build, copy HQ aside as hq-pristine, stop")
    parser.add_argument("--merge-only", type=Path, help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--profile", action="store_true", help="with --merge-only: cProfile the merge to stderr")
    args = parser.parse_args()
    if args.merge_only:
        if args.profile:
            import cProfile
            import pstats

            with cProfile.Profile() as prof:
                result = merge(args.merge_only)
            pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
        else:
            result = merge(args.merge_only)
        print(json.dumps(result))
        return
    if args.build_only:
        if not args.keep:
            sys.exit("--build-only needs --keep DIR")
        build(args.keep, args.stations, args.candidates)
        shutil.copytree(args.keep / "hq", args.keep / "hq-pristine")
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        build(root, args.stations, args.candidates)
        child = subprocess.run([sys.executable, __file__, "--merge-only", str(root)], capture_output=True, text=True, check=False)
        if child.returncode != 0:
            sys.exit(f"merge failed:\n{child.stderr}")
        r = json.loads(child.stdout.strip().splitlines()[-1])
    n = r["packages"]
    print(f"\nmerge {n} result packages ({r['attempts']} attempts, {r['attempts'] * sum(p['count'] for p in PARTS)} answers) into HQ (SQLite)"
          f" — wall s, and this process's CPU s (the machine may be shared: load average {r['load']}):")
    verdict = ("OK" if r["merge_s"] <= TARGET_S else "OVER") if n == 200 else f"{r['merge_s'] / n * 200:.0f} s extrapolated to 200"
    worker = "with a worker process" if r["worker"] else "no worker process: no core idle at this load"
    print(f"  merge (import_results_many, {worker})")
    print(f"                                   {r['merge_s']:7.2f} s  CPU {r['merge_cpu']:7.2f} s + worker process {r['worker_cpu']:.2f} s"
          f" = {r['merge_cpu'] + r['worker_cpu']:.2f} s  ({r['merge_s'] / n * 1000:.0f} ms per package)  target ≤ {TARGET_S:.0f} s for 200: {verdict}")
    print(f"    the same, no worker process    {r['alone_s']:7.2f} s  CPU {r['alone_cpu']:7.2f} s  (import_results each, into a copy of HQ as it was)")
    print(f"    per package: first 10 {r['first_ms']:.0f} ms, last 10 {r['last_ms']:.0f} ms (flat = no cost growing with HQ's size)")
    print(f"    new {r['new']}, conflicts {r['conflicts']}, 简答 waiting for 阅卷 {r['pending_review']}")
    print(f"  again (idempotent)               {r['again_s']:7.2f} s  CPU {r['again_cpu']:7.2f} s  new {r['again_new']}, already {r['again_already']}/{n}")
    print(f"  baseline: open_package each      {r['open_s']:7.2f} s  CPU {r['open_cpu']:7.2f} s  (verify + decrypt + inflate + JSON)")
    print(f"  baseline: raw sqlite3 inserts    {r['raw_sqlite_s']:7.2f} s  CPU {r['raw_sqlite_cpu']:7.2f} s  (the rows the merge wrote, as stored, bare tables, one transaction per package)")
    print(f"  one 签发口令 unlock (scrypt)       {r['unlock_s']:7.3f} s  (× {n} = {r['unlock_s'] * n:.1f} s if unlocked per package)")
    floor, floor_cpu = r["open_s"] + r["raw_sqlite_s"], r["open_cpu"] + r["raw_sqlite_cpu"]
    print(f"  ratio merge / (open + raw inserts) = {r['merge_s'] / floor:.1f}× wall, {(r['merge_cpu'] + r['worker_cpu']) / floor_cpu:.1f}× CPU"
          f" (no worker: {r['alone_s'] / floor:.1f}× wall, {r['alone_cpu'] / floor_cpu:.1f}× CPU)")
    print(f"  peak memory (merge child, VmHWM): {r['rss_before_mib']:.0f} MiB before merging, {r['rss_after_mib']:.0f} MiB after;"
          f" worker process {r['worker_rss_mib']:.0f} MiB")


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"

if __name__ == "__main__":
    main()
