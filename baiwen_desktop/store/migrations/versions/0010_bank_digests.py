"""bank questions carry the digest of their snapshot (bank_question.digest = canonical_hash of content),
filled in place for every existing row, so a start names its questions without hashing them

Revision ID: 0010_bank_digests
Revises: 0009_paper_refs

The digest is that of the content stored in the row, as read (the snapshot a start copies from the
row is that same content): services.frozen_papers names snapshots the same way. NOT NULL once
filled, so a writer that forgets it fails instead of leaving a row a start would name wrongly.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

from baiwen_desktop.core.canonical import parsed_hash

revision = "0010_bank_digests"
down_revision = "0009_paper_refs"
branch_labels = None
depends_on = None

BATCH = 1000  # rows read and updated at a time (a question is ≈ 1 KB of JSON)

_bq = sa.table("bank_question", sa.column("id", sa.Integer()), sa.column("content", sa.JSON()), sa.column("digest", sa.String(64)))


def _fill(conn: sa.Connection) -> None:
    last = 0
    while True:
        rows = conn.execute(sa.select(_bq.c.id, _bq.c.content).where(_bq.c.id > last).order_by(_bq.c.id).limit(BATCH)).all()
        if not rows:
            return
        last = rows[-1][0]
        values: list[dict[str, Any]] = [{"b_id": row_id, "b_digest": parsed_hash(content)} for row_id, content in rows]
        conn.execute(_bq.update().where(_bq.c.id == sa.bindparam("b_id")).values(digest=sa.bindparam("b_digest")), values)


def upgrade() -> None:
    with op.batch_alter_table("bank_question", schema=None) as batch_op:
        batch_op.add_column(sa.Column("digest", sa.String(length=64), nullable=True))
    _fill(op.get_bind())
    with op.batch_alter_table("bank_question", schema=None) as batch_op:
        batch_op.alter_column("digest", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index("ix_bank_question_digest", ["digest"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("bank_question", schema=None) as batch_op:
        batch_op.drop_index("ix_bank_question_digest")
        batch_op.drop_column("digest")
