"""papers by reference: each question snapshot stored once (question_snapshot, named by the hash of its
content), every attempt's frozen paper converted in place to name its questions by that hash

Revision ID: 0009_paper_refs
Revises: 0008_packages

The stored form is the one result packages already carry (services.frozen_papers): each item's
"question" becomes core.canonical.canonical_hash of the snapshot that was there; every other key
of the paper and its items stays as it was. Downgrade puts the snapshots back into the papers.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

from baiwen_desktop.core.canonical import parsed_hash

revision = "0009_paper_refs"
down_revision = "0008_packages"
branch_labels = None
depends_on = None

BATCH = 200  # papers read and rewritten at a time (a whole paper is ≈ 70 KB of JSON)

_attempt = sa.table("attempt", sa.column("id", sa.Integer()), sa.column("paper", sa.JSON()))
_snapshot = sa.table("question_snapshot", sa.column("digest", sa.String(64)), sa.column("question", sa.JSON()))


def _items(paper: Any) -> list[Any] | None:
    items = paper.get("items") if isinstance(paper, dict) else None
    return items if isinstance(items, list) else None


def _batches(conn: sa.Connection) -> Any:
    last = 0
    while True:
        rows = conn.execute(sa.select(_attempt.c.id, _attempt.c.paper).where(_attempt.c.id > last).order_by(_attempt.c.id).limit(BATCH)).all()
        if not rows:
            return
        last = rows[-1][0]
        yield rows


def _rewrite(conn: sa.Connection, changed: list[dict[str, Any]]) -> None:
    if changed:
        conn.execute(_attempt.update().where(_attempt.c.id == sa.bindparam("b_id")).values(paper=sa.bindparam("b_paper")), changed)


def upgrade() -> None:
    op.create_table(
        "question_snapshot",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("question", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("digest"),
    )
    conn = op.get_bind()
    stored: set[str] = set()  # the table is new: what this migration inserted is all it holds
    for rows in _batches(conn):
        new: dict[str, Any] = {}
        changed = []
        for attempt_id, paper in rows:
            items = _items(paper)
            if items is None or not any(isinstance(i, dict) and isinstance(i.get("question"), dict) for i in items):
                continue
            compact = []
            for item in items:
                question = item.get("question") if isinstance(item, dict) else None
                if isinstance(question, dict):
                    digest = parsed_hash(question)  # = canonical_hash, ten times faster (a value read from JSON)
                    if digest not in stored:
                        new.setdefault(digest, question)
                    item = {**item, "question": digest}
                compact.append(item)
            changed.append({"b_id": attempt_id, "b_paper": {**paper, "items": compact}})
        if new:
            conn.execute(_snapshot.insert(), [{"digest": d, "question": q} for d, q in new.items()])
            stored.update(new)
        _rewrite(conn, changed)


def downgrade() -> None:
    conn = op.get_bind()
    for rows in _batches(conn):
        wanted = {i["question"] for _, p in rows for i in (_items(p) or ()) if isinstance(i, dict) and isinstance(i.get("question"), str)}
        found: dict[str, Any] = {}
        ids = sorted(wanted)
        for n in range(0, len(ids), 500):
            found.update(list(conn.execute(sa.select(_snapshot.c.digest, _snapshot.c.question).where(_snapshot.c.digest.in_(ids[n : n + 500])))))
        changed = []
        for attempt_id, paper in rows:
            items = _items(paper)
            if items is None or not any(isinstance(i, dict) and isinstance(i.get("question"), str) for i in items):
                continue
            whole = [{**i, "question": found[i["question"]]} if isinstance(i, dict) and isinstance(i.get("question"), str) else i for i in items]
            changed.append({"b_id": attempt_id, "b_paper": {**paper, "items": whole}})
        _rewrite(conn, changed)
    op.drop_table("question_snapshot")
