"""rural stations' USB packages: issued/received packages, known stations, merge conflicts; where a
merged attempt or audit row came from (station id + its own id there, unique so a merge never doubles it)

Revision ID: 0008_packages
Revises: 0007_room
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_packages"
down_revision = "0007_room"
branch_labels = None
depends_on = None

ORIGIN_ATTEMPT = "origin_attempt_id IS NOT NULL"
ORIGIN_EVENT = "origin_event_id IS NOT NULL"


def upgrade() -> None:
    op.create_table(
        "package",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=True),
        sa.Column("exam_package_id", sa.String(length=36), nullable=False, server_default=""),
        sa.Column("station_id", sa.String(length=36), nullable=False, server_default=""),
        sa.Column("station_name", sa.String(length=128), nullable=False, server_default=""),
        sa.Column("station_fingerprint", sa.String(length=32), nullable=False, server_default=""),
        sa.Column("file_sha256", sa.String(length=64), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("valid_from", sa.DateTime(), nullable=True),
        sa.Column("valid_until", sa.DateTime(), nullable=True),
        sa.Column("candidates", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("attempts_total", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("attempts_new", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("attempts_unchanged", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("conflicts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(["exam_id"], ["exam.id"]),
        sa.PrimaryKeyConstraint("id", "direction"),
    )
    op.create_index("ix_package_created_at", "package", ["created_at"])
    op.create_table(
        "package_station",
        sa.Column("station_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False, server_default=""),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("station_id"),
    )
    op.create_table(
        "package_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("station_id", sa.String(length=36), nullable=False, server_default=""),
        sa.Column("employee_no", sa.String(length=32), nullable=False, server_default=""),
        sa.Column("exam_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False, server_default=""),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["exam_id"], ["exam.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_package_conflict_package_id", "package_conflict", ["package_id"])
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin_station_id", sa.String(length=36), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("origin_attempt_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("origin_digest", sa.String(length=64), nullable=False, server_default=""))
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin_station_id", sa.String(length=36), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("origin_event_id", sa.Integer(), nullable=True))
    # after the batches (SQLite's batch reflection would drop a partial index's WHERE)
    op.create_index(
        "ux_attempt_origin", "attempt", ["origin_station_id", "origin_attempt_id"], unique=True,
        sqlite_where=sa.text(ORIGIN_ATTEMPT), postgresql_where=sa.text(ORIGIN_ATTEMPT),
    )
    op.create_index(
        "ux_audit_event_origin", "audit_event", ["origin_station_id", "origin_event_id"], unique=True,
        sqlite_where=sa.text(ORIGIN_EVENT), postgresql_where=sa.text(ORIGIN_EVENT),
    )


def downgrade() -> None:
    op.drop_index("ux_audit_event_origin", table_name="audit_event")
    op.drop_index("ux_attempt_origin", table_name="attempt")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("origin_event_id")
        batch_op.drop_column("origin_station_id")
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_column("origin_digest")
        batch_op.drop_column("origin_attempt_id")
        batch_op.drop_column("origin_station_id")
    op.drop_index("ix_package_conflict_package_id", table_name="package_conflict")
    op.drop_table("package_conflict")
    op.drop_table("package_station")
    op.drop_index("ix_package_created_at", table_name="package")
    op.drop_table("package")
