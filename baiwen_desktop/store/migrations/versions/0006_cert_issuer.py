"""one certificate issuer per organisation: keys in the database, serials, revocation; 补考 grants

Revision ID: 0006_cert_issuer
Revises: 0005_resume_codes
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_cert_issuer"
down_revision = "0005_resume_codes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cert_key",
        sa.Column("kid", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("private_key", sa.Text(), nullable=False, server_default=""),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("kid"),
    )
    op.create_index(
        "uq_cert_key_active", "cert_key", ["active"], unique=True,
        sqlite_where=sa.text("active = 1"), postgresql_where=sa.text("active"),
    )
    op.create_table(
        "cert_serial",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("year"),
    )
    # numbers already handed out stay taken
    op.execute("INSERT INTO cert_serial (year, last) SELECT year, MAX(serial) FROM certificate GROUP BY year")
    with op.batch_alter_table("certificate") as batch:
        batch.add_column(sa.Column("key_id", sa.String(length=16), nullable=False, server_default=""))
        batch.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("revoke_reason", sa.Text(), nullable=False, server_default=""))
    # v1 checked "one live certificate per attempt" in Python only: keep the newest before the index
    op.execute(
        "UPDATE certificate SET revoked = " + ("1" if op.get_bind().dialect.name == "sqlite" else "TRUE")
        + ", revoke_reason = '升级时发现同一答卷有多张有效证书，保留最新一张'"
        " WHERE NOT revoked AND id < (SELECT MAX(c2.id) FROM certificate c2 WHERE c2.attempt_id = certificate.attempt_id AND NOT c2.revoked)"
    )
    op.create_index(
        "uq_certificate_live_attempt", "certificate", ["attempt_id"], unique=True,
        sqlite_where=sa.text("revoked = 0"), postgresql_where=sa.text("NOT revoked"),
    )
    op.create_table(
        "retake_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("granted_by", sa.String(length=64), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"]),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"]),
        sa.ForeignKeyConstraint(["exam_id"], ["exam.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("attempt_id"),
    )
    op.create_index(
        "uq_retake_grant_open", "retake_grant", ["exam_id", "candidate_id"], unique=True,
        sqlite_where=sa.text("attempt_id IS NULL"), postgresql_where=sa.text("attempt_id IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_retake_grant_open", table_name="retake_grant")
    op.drop_table("retake_grant")
    op.drop_index("uq_certificate_live_attempt", table_name="certificate")
    with op.batch_alter_table("certificate") as batch:
        batch.drop_column("revoke_reason")
        batch.drop_column("revoked_at")
        batch.drop_column("key_id")
    op.drop_table("cert_serial")
    op.drop_index("uq_cert_key_active", table_name="cert_key")
    op.drop_table("cert_key")
