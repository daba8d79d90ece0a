"""resume codes: salted scrypt, an expiry, and a wrong-try lock per attempt (the unsalted column goes)

Revision ID: 0005_resume_codes
Revises: 0004_practice
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_resume_codes"
down_revision = "0004_practice"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resume_code",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=256), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("wrong_tries", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("lockouts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempt.id"]),
        sa.PrimaryKeyConstraint("attempt_id"),
    )
    # Old codes were unsalted SHA-256 with no expiry: they are dropped, the trainer issues a new one.
    # SQLite >= 3.35 drops a column in place: no table copy under the answers' foreign keys.
    op.drop_column("attempt", "resume_code_hash")


def downgrade() -> None:
    op.add_column("attempt", sa.Column("resume_code_hash", sa.String(length=256), nullable=True))
    op.drop_table("resume_code")
