"""An exam's title is printed in the certificate's citation and signed into its QR code: a new exam's
title is at most 60 characters (TOML, form, CLI, copy); an older exam's longer title still gets a
certificate up to 200 characters (smaller type), and beyond that a plain refusal, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from baiwen_desktop.core.errors import BaiwenError, ValidationError
from baiwen_desktop.core.exam import MAX_TITLE, STANDARD_EXAM, load_exam_toml, parse_exam
from baiwen_desktop.services import documents, exams
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Exam
from tests.services.test_certs import issuer, passed_rows

LONG = "国网某县供电公司安全生产与优质服务百问百查专项培训暨岗位技能等级认定闭卷考试" * 10


def test_a_new_exam_title_is_at_most_60_characters(store: Store, tmp_path: Path) -> None:
    assert MAX_TITLE == 60
    exams.create_from_mapping(store, {**STANDARD_EXAM, "title": LONG[:60]}, "t")
    with pytest.raises(BaiwenError, match="考试名称不能超过 60 个字（现有 61 个字）"):
        exams.create_from_mapping(store, {**STANDARD_EXAM, "title": LONG[:61]}, "t")
    toml = tmp_path / "exam.toml"
    toml.write_text(f'title = "{LONG[:61]}"\nduration_minutes = 30\npass_mark = 6\n\n[[parts]]\ntype = "判断"\ncount = 10\nscore_each = 1\n',
                    encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        load_exam_toml(toml)
    assert [(i.line, i.field, i.zh) for i in e.value.issues] == [(1, "title", "考试名称 title 不能超过 60 个字（现有 61 个字）")]


def test_a_copy_of_a_60_character_exam_keeps_within_the_limit(store: Store) -> None:
    src = exams.create_exam(store, parse_exam({**STANDARD_EXAM, "title": LONG[:60]}, "t"), "t")
    copy = exams.duplicate_exam(store, src.id, "t")
    assert copy.title == LONG[:56] + "（副本）"


def test_an_older_exams_long_title_gets_a_certificate_up_to_200_characters(store: Store, tmp_path: Path) -> None:
    rows = passed_rows(store, tmp_path, n=2)
    with store.session() as s, s.begin():  # written before titles were limited
        s.execute(update(Exam).where(Exam.id == rows[0].exam_id).values(title=LONG[:200]))
    (cert,) = documents.issue_certificates(store, rows[:1], issuer(store))
    assert cert.exam_title == LONG[:200]
    with store.session() as s, s.begin():
        s.execute(update(Exam).where(Exam.id == rows[0].exam_id).values(title=LONG[:201]))
    with pytest.raises(BaiwenError, match="考试名称有 201 个字，证书最多容纳 200 个字，无法签发证书"):
        documents.issue_certificates(store, rows[1:2], issuer(store))
