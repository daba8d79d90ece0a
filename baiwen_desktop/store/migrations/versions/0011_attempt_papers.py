"""attempt papers in a table of their own: each attempt's frozen paper moved, as stored, from
attempt.paper into attempt_paper (attempt_id → paper), the column dropped

Revision ID: 0011_attempt_papers
Revises: 0010_bank_digests

On SQLite every UPDATE of a row rewrites the whole record, and the paper (≈ 11 KB of JSON, overflow
pages) went with each heartbeat, claim and hand-in of the attempt. The paper is copied by the
database (INSERT … SELECT, its stored text as it is), so every paper reads back the same. Downgrade
copies them back and drops the table.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_attempt_papers"
down_revision = "0010_bank_digests"
branch_labels = None
depends_on = None

BATCH = 1000  # attempts copied at a time (≈ 11 MB of papers)

_attempt = sa.table("attempt", sa.column("id", sa.Integer()), sa.column("paper", sa.JSON()))
_paper = sa.table("attempt_paper", sa.column("attempt_id", sa.Integer()), sa.column("paper", sa.JSON()))


def _ranges(conn: sa.Connection) -> list[tuple[int, int]]:
    """(after, up to) id ranges of at most BATCH attempts each, in id order."""
    ids = list(conn.execute(sa.select(_attempt.c.id).order_by(_attempt.c.id)).scalars())
    return [(ids[n - 1] if n else ids[0] - 1, ids[min(n + BATCH, len(ids)) - 1]) for n in range(0, len(ids), BATCH)]


def upgrade() -> None:
    op.create_table(
        "attempt_paper",
        sa.Column("attempt_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("paper", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("attempt_id"),
    )
    conn = op.get_bind()
    for after, upto in _ranges(conn):
        rows = sa.select(_attempt.c.id, _attempt.c.paper).where(_attempt.c.id > after, _attempt.c.id <= upto).order_by(_attempt.c.id)
        conn.execute(_paper.insert().from_select(["attempt_id", "paper"], rows))
    counts = conn.execute(sa.select(sa.select(sa.func.count()).select_from(_attempt).scalar_subquery(), sa.select(sa.func.count()).select_from(_paper).scalar_subquery())).one()
    if counts[0] != counts[1]:  # never drop a paper that was not copied
        raise RuntimeError(f"0011_attempt_papers: {counts[1]} papers copied of {counts[0]} attempts")
    if conn.dialect.name == "sqlite":
        # SQLite's own DROP COLUMN (≥ 3.35): a batch copy of the table would rebuild its partial indexes and check
        op.execute("ALTER TABLE attempt DROP COLUMN paper")
    else:
        op.drop_column("attempt", "paper")


def downgrade() -> None:
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    # NOT NULL at once (an empty paper as the default while the papers are copied back), the default dropped after
    op.add_column("attempt", sa.Column("paper", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    for after, upto in _ranges(conn):
        stored = sa.select(_paper.c.paper).where(_paper.c.attempt_id == _attempt.c.id).scalar_subquery()
        conn.execute(_attempt.update().where(_attempt.c.id > after, _attempt.c.id <= upto).values(paper=stored))
    if not sqlite:
        op.alter_column("attempt", "paper", server_default=None)
    op.drop_table("attempt_paper")
