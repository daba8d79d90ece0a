"""SQLAlchemy 2 typed models. Every schema change goes through an alembic migration."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

Score = Numeric(10, 2, asdecimal=True)


LIVE = "in_progress"
STATUSES = (LIVE, "submitted", "auto_submitted", "forced")


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON, Decimal: Score}


class Bank(Base):
    __tablename__ = "bank"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    bundled: Mapped[bool] = mapped_column(default=False)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime]
    questions: Mapped[list[BankQuestion]] = relationship(back_populates="bank", cascade="all, delete-orphan")


class BankQuestion(Base):
    __tablename__ = "bank_question"
    __table_args__ = (
        UniqueConstraint("bank_id", "qid"),
        Index("ix_bank_question_norm", "bank_id", "qtype", "stem_norm"),
        Index("ix_bank_question_digest", "digest"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    bank_id: Mapped[int] = mapped_column(ForeignKey("bank.id", ondelete="CASCADE"))
    qid: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(default=0)
    qtype: Mapped[str] = mapped_column(String(8))
    stem_norm: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(32))
    section: Mapped[str | None] = mapped_column(String(16))
    difficulty: Mapped[int]
    tags: Mapped[str] = mapped_column(Text, default="")  # "、"-joined, for LIKE filters
    content: Mapped[dict[str, Any]]
    # 0010_bank_digests: core.canonical.canonical_hash of `content`, the name of the snapshot a paper drawn
    # with this question stores (services.frozen_papers); every writer sets it with the content (banks._row)
    digest: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime]
    bank: Mapped[Bank] = relationship(back_populates="questions")


class Candidate(Base):
    __tablename__ = "candidate"
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    unit: Mapped[str] = mapped_column(String(128), default="")
    post: Mapped[str] = mapped_column(String(128), default="")
    class_name: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime]


class Trainer(Base):
    __tablename__ = "trainer"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    is_admin: Mapped[bool] = mapped_column(default=False)
    failed_count: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]


class Exam(Base):
    __tablename__ = "exam"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    definition: Mapped[dict[str, Any]]
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]


class ExamSession(Base):
    __tablename__ = "exam_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exam.id"))
    class_name: Mapped[str] = mapped_column(String(128), default="")  # "" = whole roster
    station: Mapped[str] = mapped_column(String(128), default="")  # "" = every station on this database
    opened_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]  # optional absolute end
    closed_at: Mapped[datetime | None]
    opened_by: Mapped[str] = mapped_column(String(64), default="")
    exam: Mapped[Exam] = relationship()


class Attempt(Base):
    __tablename__ = "attempt"
    __table_args__ = (
        Index("ix_attempt_session_candidate", "session_id", "candidate_id"),
        # migration 0007_room (issue 9 "0003"): the database, not a check before insert, keeps one live attempt
        Index(
            "ux_attempt_one_live", "candidate_id", "exam_id", unique=True,
            sqlite_where=text(f"status = '{LIVE}'"), postgresql_where=text(f"status = '{LIVE}'"),
        ),
        CheckConstraint(f"status IN ({', '.join(repr(x) for x in STATUSES)})", name="ck_attempt_status"),
        # migration 0008_packages: a merge at HQ can never insert one station attempt twice
        Index(
            "ux_attempt_origin", "origin_station_id", "origin_attempt_id", unique=True,
            sqlite_where=text("origin_attempt_id IS NOT NULL"), postgresql_where=text("origin_attempt_id IS NOT NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("exam_session.id"))
    exam_id: Mapped[int] = mapped_column(ForeignKey("exam.id"))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"))
    station: Mapped[str] = mapped_column(String(128), default="")  # name of the PC holding it
    station_id: Mapped[str] = mapped_column(String(36), default="")  # its id (data folder's station.json)
    lease_token: Mapped[str] = mapped_column(String(64), default="")  # every write compares it
    status: Mapped[str] = mapped_column(String(16), default=LIVE)  # one of STATUSES
    submit_reason: Mapped[str] = mapped_column(String(200), default="")
    exam_definition: Mapped[dict[str, Any]]  # frozen copy of the exam settings at start
    # the frozen paper: its own row in attempt_paper (0011_attempt_papers), read and written by services.frozen_papers
    seed: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    limit_ms: Mapped[int]
    counted_ms: Mapped[int] = mapped_column(default=0)
    heartbeat_at: Mapped[datetime | None]  # the holder's last report, server time
    answered_count: Mapped[int] = mapped_column(default=0)  # as the holder last reported
    clock_offset_ms: Mapped[int | None]  # holder's clock minus the server's (PostgreSQL only)
    current_index: Mapped[int] = mapped_column(default=0)
    focus_losses: Mapped[int] = mapped_column(default=0)
    score: Mapped[Decimal | None]
    total: Mapped[Decimal]
    pass_mark: Mapped[Decimal]
    passed: Mapped[bool | None]
    pending_review: Mapped[bool] = mapped_column(default=False)
    # 0008_packages: merged at HQ from a station's result package ("" / None = sat here)
    origin_station_id: Mapped[str] = mapped_column(String(36), default="")
    origin_attempt_id: Mapped[int | None]
    origin_digest: Mapped[str] = mapped_column(String(64), default="")  # what it was when submitted
    candidate: Mapped[Candidate] = relationship()
    exam: Mapped[Exam] = relationship()
    answers: Mapped[list[Answer]] = relationship(back_populates="attempt", order_by="Answer.position", cascade="all, delete-orphan")


class AttemptPaper(Base):
    """An attempt's frozen paper (0011_attempt_papers), written once at its start, never changed: a row of its
    own, so the updates of the attempt row (heartbeats, claims, a hand-in) do not rewrite ≈ 11 KB of JSON each.

    0009_paper_refs: by reference (services.frozen_papers): per item the digest of its question's snapshot in
    question_snapshot, its score, part and option order; and the part titles."""

    __tablename__ = "attempt_paper"
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True, autoincrement=False)
    paper: Mapped[dict[str, Any]]


class QuestionSnapshot(Base):
    """A question as frozen into papers, stored once (0009_paper_refs): named by the hash of its
    content (core.canonical), so it never changes and any PC may insert the same one at the same time."""

    __tablename__ = "question_snapshot"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    question: Mapped[dict[str, Any]]


class Answer(Base):
    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"))
    position: Mapped[int]
    response: Mapped[Any] = mapped_column(JSON, nullable=True)
    marked: Mapped[bool] = mapped_column(default=False)
    saved_at: Mapped[datetime]
    auto_points: Mapped[Decimal | None]
    final_points: Mapped[Decimal | None]
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    comment: Mapped[str] = mapped_column(Text, default="")
    attempt: Mapped[Attempt] = relationship(back_populates="answers")


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_at", "at"),
        Index(
            "ux_audit_event_origin", "origin_station_id", "origin_event_id", unique=True,
            sqlite_where=text("origin_event_id IS NOT NULL"), postgresql_where=text("origin_event_id IS NOT NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(32))
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("candidate.id"))
    exam_id: Mapped[int | None] = mapped_column(ForeignKey("exam.id"))
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempt.id"))
    station: Mapped[str] = mapped_column(String(128), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    origin_station_id: Mapped[str] = mapped_column(String(36), default="")  # 0008: merged from a station
    origin_event_id: Mapped[int | None]


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Certificate(Base):
    """Added by migration 0002. Serial numbers are never reused, even after a regrade.

    Migration 0006: the key that signed it, why and when it was revoked, and at most one
    unrevoked certificate per attempt (a partial unique index, on SQLite and PostgreSQL).
    """

    __tablename__ = "certificate"
    __table_args__ = (
        UniqueConstraint("year", "serial"),
        Index(
            "uq_certificate_live_attempt", "attempt_id", unique=True,
            sqlite_where=text("revoked = 0"), postgresql_where=text("NOT revoked"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    year: Mapped[int]
    serial: Mapped[int]
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"))
    issued_at: Mapped[datetime]
    payload: Mapped[str] = mapped_column(Text)
    revoked: Mapped[bool] = mapped_column(default=False)
    key_id: Mapped[str] = mapped_column(String(16), default="")
    revoked_at: Mapped[datetime | None]
    revoke_reason: Mapped[str] = mapped_column(Text, default="")


class CertKey(Base):
    """Added by migration 0006: the organisation's certificate keys, shared by every PC.

    The private key is sealed under the 签发口令 (core.certsign.encrypt_private_key); a key with
    no private part only verifies (a v1 station's imported key). One key is active at a time.
    """

    __tablename__ = "cert_key"
    __table_args__ = (
        Index("uq_cert_key_active", "active", unique=True, sqlite_where=text("active = 1"), postgresql_where=text("active")),
    )
    kid: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(Text)
    private_key: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    retired_at: Mapped[datetime | None]
    note: Mapped[str] = mapped_column(String(200), default="")


class CertSerial(Base):
    """Added by migration 0006: the last serial handed out per year (a row lock serialises issuers)."""

    __tablename__ = "cert_serial"
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)


class RetakeGrant(Base):
    """Added by migration 0006: a trainer's 补考 permission, used up by the attempt it starts."""

    __tablename__ = "retake_grant"
    __table_args__ = (
        Index(
            "uq_retake_grant_open", "exam_id", "candidate_id", unique=True,
            sqlite_where=text("attempt_id IS NULL"), postgresql_where=text("attempt_id IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exam.id"))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"))
    reason: Mapped[str] = mapped_column(Text)
    granted_by: Mapped[str] = mapped_column(String(64))
    granted_at: Mapped[datetime]
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempt.id"), unique=True)


class PracticeAnswer(Base):
    """Added by migration 0004. One practice answer; never an exam attempt, never in 成绩 or 证书."""

    __tablename__ = "practice_answer"
    __table_args__ = (
        Index("ix_practice_answer_candidate_at", "candidate_id", "answered_at"),
        Index("ix_practice_answer_source", "source"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    bank: Mapped[str] = mapped_column(String(200))
    qid: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(32), default="")  # 出处 item, kept for the class view
    section: Mapped[str] = mapped_column(String(16), default="")
    mode: Mapped[str] = mapped_column(String(16))  # order|random|focus|wrong|review|mock
    correct: Mapped[bool]
    elapsed_ms: Mapped[int]
    response: Mapped[Any] = mapped_column(JSON, nullable=True)
    answered_at: Mapped[datetime]
    station: Mapped[str] = mapped_column(String(128), default="")


class PracticeCard(Base):
    """Added by migration 0004. A trainee's state on one question: FSRS card, 错题本 membership."""

    __tablename__ = "practice_card"
    __table_args__ = (
        UniqueConstraint("candidate_id", "bank", "qid"),
        Index("ix_practice_card_due", "candidate_id", "due"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    bank: Mapped[str] = mapped_column(String(200))
    qid: Mapped[str] = mapped_column(String(64))
    fsrs: Mapped[dict[str, Any]]  # fsrs.Card.to_dict()
    due: Mapped[datetime]  # copy of the card's due time (local), for "due today" queries
    reps: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    in_wrong_book: Mapped[bool] = mapped_column(default=False)
    right_in_row: Mapped[int] = mapped_column(default=0)
    wrong_since: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class PracticeStation(Base):
    """Added by migration 0004. A trainer's per-station practice switch (no row = practice on)."""

    __tablename__ = "practice_station"
    station: Mapped[str] = mapped_column(String(128), primary_key=True)
    enabled: Mapped[bool] = mapped_column(default=True)
    changed_at: Mapped[datetime]
    changed_by: Mapped[str] = mapped_column(String(64), default="")


class ResumeCode(Base):
    """Added by migration 0005: an attempt's one-time 恢复码 (salted scrypt) and its wrong-try lock."""

    __tablename__ = "resume_code"
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), primary_key=True)
    code_hash: Mapped[str | None] = mapped_column(String(256))  # None once used
    expires_at: Mapped[datetime | None]
    wrong_tries: Mapped[int] = mapped_column(default=0)
    lockouts: Mapped[int] = mapped_column(default=0)  # each lock waits twice as long as the one before
    locked_until: Mapped[datetime | None]


class Package(Base):
    """Added by migration 0008: a package this database issued ("out") or received ("in").

    (id, direction) is the key, so importing the same file twice is a no-op the database enforces.
    """

    __tablename__ = "package"
    __table_args__ = (Index("ix_package_created_at", "created_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the package's uuid
    direction: Mapped[str] = mapped_column(String(3), primary_key=True)  # out|in
    kind: Mapped[str] = mapped_column(String(8))  # exam|result
    exam_id: Mapped[int | None] = mapped_column(ForeignKey("exam.id"))
    exam_package_id: Mapped[str] = mapped_column(String(36), default="")  # a result answers this exam package
    station_id: Mapped[str] = mapped_column(String(36), default="")
    station_name: Mapped[str] = mapped_column(String(128), default="")
    station_fingerprint: Mapped[str] = mapped_column(String(32), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime]  # server time
    valid_from: Mapped[datetime | None]
    valid_until: Mapped[datetime | None]
    candidates: Mapped[int] = mapped_column(default=0)
    attempts_total: Mapped[int] = mapped_column(default=0)
    attempts_new: Mapped[int] = mapped_column(default=0)
    attempts_unchanged: Mapped[int] = mapped_column(default=0)
    conflicts: Mapped[int] = mapped_column(default=0)
    detail: Mapped[dict[str, Any]]  # issued exam: snapshot hashes per qid, organisation, title...
    actor: Mapped[str] = mapped_column(String(64), default="")


class PackageStation(Base):
    """Added by migration 0008: a station HQ has received results from; its key is trusted on first use."""

    __tablename__ = "package_station"
    station_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(128), default="")
    public_key: Mapped[str] = mapped_column(Text)  # b64 raw Ed25519
    fingerprint: Mapped[str] = mapped_column(String(32))
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]


class PackageConflict(Base):
    """Added by migration 0008: what a merge refused to take (it never overwrites)."""

    __tablename__ = "package_conflict"
    __table_args__ = (Index("ix_package_conflict_package_id", "package_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[str] = mapped_column(String(36))
    station_id: Mapped[str] = mapped_column(String(36), default="")
    employee_no: Mapped[str] = mapped_column(String(32), default="")
    exam_id: Mapped[int | None] = mapped_column(ForeignKey("exam.id"))
    kind: Mapped[str] = mapped_column(String(32))  # two_stations|changed_after_submit|paper_mismatch|...
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]
