"""The floor of each bench/scale.py phase on SQLite: what raw sqlite3 needs to write or read the
same rows, on a copy of the bench's own database (so the same data), with the store's pragmas
(WAL, synchronous=FULL, foreign keys on) and the same batches (250 attempts a transaction for
papers and grading, 500 a read for the analysis):

  papers    the attempt rows and their frozen papers' rows (JSON text) as stored, 100 blank answer
            rows each by the same INSERT … SELECT, one audit row each, the question snapshots;
  grading   the papers' JSON text read and decoded (orjson), the answer rows read, every answer's
            two points written by executemany (one UPDATE per row), the attempt rows and audit rows;
  analysis  the papers' JSON text read and decoded, the answer rows read (position, response, points);
  PDF       ReportLab's parse of the two bundled fonts, and the summary's 3,000 × 8 cells drawn with
            plain canvas.drawString calls on A4 pages (no layout, no rules, no charts).

No Python of ours runs in them except the loops that hand rows to sqlite3.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from baiwen_desktop.resources import font_path

Floor = tuple[float, float]  # wall s, CPU s


def _connect(path: Path) -> sqlite3.Connection:
    c = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000"):
        c.execute(f"PRAGMA {pragma}")
    return c


def _timed(f: Callable[[], Any]) -> Floor:
    w, c = time.perf_counter(), time.process_time()
    f()
    return time.perf_counter() - w, time.process_time() - c


def _marks(n: int) -> str:
    return ",".join("?" * n)


def floors(db: Path, exam_id: int, work: Path) -> dict[str, Floor]:
    """`db`: the bench's SQLite file after its four phases (checkpointed here first)."""
    with sqlite3.connect(db) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    full = work / "floor-full.sqlite3"
    shutil.copy(db, full)
    out = {"papers": _papers(full, exam_id, work / "floor-empty.sqlite3")}
    out["grading"] = _grading(full, exam_id)
    out["analysis"] = _analysis(full, exam_id)
    out["PDF"] = _pdf(full, exam_id, work / "floor.pdf")
    return out


def _attempt_ids(c: sqlite3.Connection, exam_id: int) -> list[int]:
    return [r[0] for r in c.execute("SELECT id FROM attempt WHERE exam_id = ? ORDER BY id", (exam_id,))]


def _papers(full: Path, exam_id: int, empty: Path) -> Floor:
    src = _connect(full)
    ids = _attempt_ids(src, exam_id)
    columns = [r[1] for r in src.execute("PRAGMA table_info(attempt)")]
    attempts = src.execute("SELECT * FROM attempt WHERE exam_id = ? ORDER BY id", (exam_id,)).fetchall()
    papers = src.execute("SELECT p.attempt_id, p.paper FROM attempt_paper p JOIN attempt a ON a.id = p.attempt_id WHERE a.exam_id = ? ORDER BY p.attempt_id", (exam_id,)).fetchall()
    audit = src.execute("SELECT at, actor, event, candidate_id, exam_id, attempt_id, station, detail FROM audit_event WHERE event = 'start' AND exam_id = ? ORDER BY attempt_id", (exam_id,)).fetchall()
    snapshots = src.execute("SELECT digest, question FROM question_snapshot").fetchall()
    saved_at = src.execute("SELECT saved_at FROM answer WHERE attempt_id = ? LIMIT 1", (ids[0],)).fetchone()[0]
    empty.unlink(missing_ok=True)
    dst = _connect(empty)
    dst.execute("PRAGMA foreign_keys=OFF")  # the schema and the rows the attempts refer to, not timed
    for (sql,) in src.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'"):
        dst.execute(sql)
    tables = [r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in (t for t in tables if t not in ("attempt", "attempt_paper", "answer", "audit_event", "question_snapshot")):
        rows = src.execute(f"SELECT * FROM {table}").fetchall()
        if rows:
            dst.executemany(f"INSERT INTO {table} VALUES ({_marks(len(rows[0]))})", rows)
    dst.execute("PRAGMA foreign_keys=ON")
    src.close()
    answers = """INSERT INTO answer (attempt_id, position, response, marked, saved_at, comment)
        WITH RECURSIVE slot(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM slot WHERE i + 1 < 100)
        SELECT a.id, slot.i, 'null', 0, ?, '' FROM attempt a JOIN slot WHERE a.id IN (SELECT value FROM json_each(?))"""

    def write() -> None:
        for i in range(0, len(attempts), 250):
            dst.execute("BEGIN IMMEDIATE")
            if i == 0:
                dst.executemany("INSERT INTO question_snapshot (digest, question) VALUES (?, ?) ON CONFLICT DO NOTHING", snapshots)
            dst.executemany(f"INSERT INTO attempt ({','.join(columns)}) VALUES ({_marks(len(columns))})", attempts[i : i + 250])
            dst.executemany("INSERT INTO attempt_paper (attempt_id, paper) VALUES (?, ?)", papers[i : i + 250])
            dst.execute(answers, (saved_at, orjson.dumps(ids[i : i + 250]).decode()))
            dst.executemany("INSERT INTO audit_event (at, actor, event, candidate_id, exam_id, attempt_id, station, detail, origin_station_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')", audit[i : i + 250])
            dst.execute("COMMIT")

    got = _timed(write)
    dst.close()
    return got


def _grading(full: Path, exam_id: int) -> Floor:
    c = _connect(full)
    ids = _attempt_ids(c, exam_id)
    points = c.execute("SELECT auto_points, final_points, id FROM answer WHERE attempt_id IN (SELECT id FROM attempt WHERE exam_id = ?) ORDER BY id", (exam_id,)).fetchall()
    by_attempt = dict(c.execute("SELECT id, score FROM attempt WHERE exam_id = ?", (exam_id,)).fetchall())
    done = c.execute("SELECT status, submit_reason, submitted_at, counted_ms FROM attempt WHERE id = ?", (ids[0],)).fetchone()
    audit = c.execute("SELECT at, actor, event, candidate_id, exam_id, attempt_id, station, detail FROM audit_event WHERE event = 'submit' AND exam_id = ? ORDER BY attempt_id", (exam_id,)).fetchall()
    start = 0

    def grade() -> None:
        nonlocal start
        for i in range(0, len(ids), 250):
            chunk = ids[i : i + 250]
            c.execute("BEGIN IMMEDIATE")
            for _, paper in c.execute(f"SELECT attempt_id, paper FROM attempt_paper WHERE attempt_id IN ({_marks(len(chunk))})", chunk):
                orjson.loads(paper)
            rows = c.execute(
                f"SELECT attempt_id, id, position, CAST(response AS TEXT), final_points FROM answer WHERE attempt_id IN ({_marks(len(chunk))}) ORDER BY attempt_id, position", chunk
            ).fetchall()
            c.executemany("UPDATE answer SET auto_points = ?, final_points = ? WHERE id = ?", points[start : start + len(rows)])
            start += len(rows)
            c.executemany(
                "UPDATE attempt SET status = ?, submit_reason = ?, submitted_at = ?, counted_ms = ?, score = ?, pending_review = 0, passed = 1 WHERE id = ?",
                [(*done, by_attempt[a], a) for a in chunk],
            )
            c.executemany("INSERT INTO audit_event (at, actor, event, candidate_id, exam_id, attempt_id, station, detail, origin_station_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')", audit[i : i + 250])
            c.execute("COMMIT")

    got = _timed(grade)
    c.close()
    return got


def _analysis(full: Path, exam_id: int) -> Floor:
    c = _connect(full)
    ids = _attempt_ids(c, exam_id)

    def read() -> None:
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for _, paper in c.execute(f"SELECT attempt_id, paper FROM attempt_paper WHERE attempt_id IN ({_marks(len(chunk))})", chunk):
                orjson.loads(paper)
            c.execute(
                f"SELECT attempt_id, position, CAST(response AS TEXT), coalesce(final_points, auto_points) FROM answer WHERE attempt_id IN ({_marks(len(chunk))}) ORDER BY attempt_id, position",
                chunk,
            ).fetchall()

    got = _timed(read)
    c.close()
    return got


def _pdf(full: Path, exam_id: int, out: Path) -> Floor:
    c = _connect(full)
    rows = c.execute(
        "SELECT c.employee_no, c.name, c.unit, a.score, a.passed, a.counted_ms, a.status FROM attempt a JOIN candidate c ON c.id = a.candidate_id WHERE a.exam_id = ? ORDER BY c.unit, c.employee_no",
        (exam_id,),
    ).fetchall()
    c.close()
    xs = (40, 74, 136, 194, 330, 386, 432, 494)  # the summary's column starts, roughly

    def draw() -> None:
        pdfmetrics.registerFont(TTFont("FloorRegular", str(font_path(bold=False))))
        pdfmetrics.registerFont(TTFont("FloorBold", str(font_path(bold=True))))
        canv = Canvas(str(out), pagesize=A4)
        y = 800.0
        canv.setFont("FloorRegular", 9)
        for n, (emp, name, unit, score, passed, ms, status) in enumerate(rows, start=1):
            cells = (str(n), emp, name, unit, f"{score:g}", "合格" if passed else "不合格", f"{ms // 60000}分{ms // 1000 % 60:02d}秒", status)
            for x, text in zip(xs, cells, strict=True):
                canv.drawString(x, y, text)
            y -= 16.5
            if y < 40:
                canv.showPage()
                canv.setFont("FloorRegular", 9)
                y = 800.0
        canv.save()

    return _timed(draw)
