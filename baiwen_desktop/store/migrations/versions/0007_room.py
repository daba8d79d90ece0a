"""training room: attempt lease (station id + token), live counters, one live attempt per
candidate and exam (partial unique index), attempt status a constrained value

Revision ID: 0007_room
Revises: 0006_cert_issuer

Written as "0003" for issue 9; re-chained after the practice, resume-code and certificate
issuer migrations that reached main first.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_room"
down_revision = "0006_cert_issuer"
branch_labels = None
depends_on = None

STATUSES = "('in_progress', 'submitted', 'auto_submitted', 'forced')"
LIVE = "status = 'in_progress'"
SUPERSEDED = "升级数据库时发现同一考生有多份未完成答卷，保留最新一份"


def upgrade() -> None:
    attempt = sa.table(
        "attempt",
        sa.column("id", sa.Integer),
        sa.column("exam_id", sa.Integer),
        sa.column("candidate_id", sa.Integer),
        sa.column("status", sa.String),
        sa.column("submit_reason", sa.String),
        sa.column("submitted_at", sa.DateTime),
        sa.column("started_at", sa.DateTime),
        sa.column("heartbeat_at", sa.DateTime),
    )
    # Old databases may hold what the constraints now forbid (the split-brain bug made two live
    # attempts): keep the newest live attempt per candidate and exam, close the older ones.
    conn = op.get_bind()
    newest = (
        sa.select(attempt.c.candidate_id, attempt.c.exam_id, sa.func.max(attempt.c.id).label("keep"))
        .where(attempt.c.status == "in_progress")
        .group_by(attempt.c.candidate_id, attempt.c.exam_id)
        .having(sa.func.count() > 1)
    )
    for cand, exam, keep in conn.execute(newest).all():
        conn.execute(
            attempt.update()
            .where(attempt.c.candidate_id == cand, attempt.c.exam_id == exam, attempt.c.status == "in_progress", attempt.c.id != keep)
            .values(status="forced", submit_reason=SUPERSEDED, submitted_at=sa.func.coalesce(attempt.c.heartbeat_at, attempt.c.started_at))
        )
    conn.execute(attempt.update().where(attempt.c.status.not_in(["in_progress", "submitted", "auto_submitted", "forced"])).values(status="forced"))

    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("station_id", sa.String(length=36), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("lease_token", sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("answered_count", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("clock_offset_ms", sa.Integer(), nullable=True))
        batch_op.create_check_constraint("ck_attempt_status", f"status IN {STATUSES}")
    # after the batch (SQLite rebuilds the table there, and its reflection would drop the WHERE)
    op.create_index(
        "ux_attempt_one_live", "attempt", ["candidate_id", "exam_id"], unique=True,
        sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE),
    )


def downgrade() -> None:
    op.drop_index("ux_attempt_one_live", table_name="attempt")
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_constraint("ck_attempt_status", type_="check")
        batch_op.drop_column("clock_offset_ms")
        batch_op.drop_column("answered_count")
        batch_op.drop_column("lease_token")
        batch_op.drop_column("station_id")
