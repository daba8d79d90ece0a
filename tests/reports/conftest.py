"""Fixtures for the report tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from baiwen_desktop.core.certsign import SigningKeys, load_or_create_keys
from baiwen_desktop.reports.data import CandidateResult, ReportHeader
from baiwen_desktop.reports.samples import sample_header, sample_result


@pytest.fixture
def header() -> ReportHeader:
    return sample_header()


@pytest.fixture
def result() -> CandidateResult:
    return replace(
        sample_result(0, n_questions=20), name="张晓明", employee_no="31008866", unit="城区供电中心"
    )


@pytest.fixture
def keys(tmp_path: Path) -> SigningKeys:
    return load_or_create_keys(tmp_path / "keys")
