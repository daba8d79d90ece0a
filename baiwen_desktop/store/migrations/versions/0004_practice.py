"""practice: answers, per-question review cards (FSRS, 错题本), per-station switch

Revision ID: 0004_practice
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_practice"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("bank", sa.String(length=200), nullable=False),
        sa.Column("qid", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("section", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("elapsed_ms", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("station", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_practice_answer_candidate_at", "practice_answer", ["candidate_id", "answered_at"])
    op.create_index("ix_practice_answer_source", "practice_answer", ["source"])
    op.create_table(
        "practice_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("bank", sa.String(length=200), nullable=False),
        sa.Column("qid", sa.String(length=64), nullable=False),
        sa.Column("fsrs", sa.JSON(), nullable=False),
        sa.Column("due", sa.DateTime(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.Column("in_wrong_book", sa.Boolean(), nullable=False),
        sa.Column("right_in_row", sa.Integer(), nullable=False),
        sa.Column("wrong_since", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("candidate_id", "bank", "qid"),
    )
    op.create_index("ix_practice_card_due", "practice_card", ["candidate_id", "due"])
    op.create_table(
        "practice_station",
        sa.Column("station", sa.String(length=128), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("station"),
    )


def downgrade() -> None:
    op.drop_table("practice_station")
    op.drop_index("ix_practice_card_due", table_name="practice_card")
    op.drop_table("practice_card")
    op.drop_index("ix_practice_answer_source", table_name="practice_answer")
    op.drop_index("ix_practice_answer_candidate_at", table_name="practice_answer")
    op.drop_table("practice_answer")
