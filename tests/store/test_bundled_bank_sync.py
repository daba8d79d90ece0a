"""Issue 14 item 1: every start syncs the bundled bank, but parses its text only when something changed
(its files, the program reading them, or the bank in the database)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from baiwen_desktop.core import bankfile
from baiwen_desktop.datadir import bundled_bank_dir
from baiwen_desktop.services import banks
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Bank, Setting


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the parses of bank text that sync_bundled does."""
    calls: list[int] = []

    def counting(paths: Any) -> bankfile.BankText:
        calls.append(1)
        return bankfile.load_bank(paths)

    monkeypatch.setattr(banks, "load_bank", counting)
    return calls


def _bank_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "bank"
    shutil.copytree(bundled_bank_dir(), folder)
    return folder


def _stem(store: Store, bank_id: int, qid: str) -> str:
    return next(q.stem for q in banks.bank_questions(store, banks.list_banks(store)[0].name) if q.id == qid)


def test_an_unchanged_bank_is_not_parsed_again(any_store: Store, parses: list[int]) -> None:
    first = banks.list_banks(any_store)[0]  # open_app synced it
    again = banks.sync_bundled(any_store)
    assert parses == []
    assert again == first
    with any_store.session() as s:
        source, digest = s.get(Setting, banks.SOURCE_SETTING).value.split(" ")  # type: ignore[union-attr]
        assert source == banks.bundled_source_key(bundled_bank_dir())
        assert digest == s.get(Bank, first.id).content_hash  # type: ignore[union-attr]


def test_an_edited_file_is_parsed_and_synced(store: Store, tmp_path: Path, parses: list[int]) -> None:
    folder = _bank_copy(tmp_path)
    banks.sync_bundled(store, folder)
    assert parses == []  # the same files elsewhere: the same bank
    wen = folder / "wen.txt"
    wen.write_text(wen.read_text(encoding="utf-8").replace("（  ）的能源供应", "（  ）的电力供应", 1), encoding="utf-8")
    info = banks.sync_bundled(store, folder)
    assert len(parses) == 1
    assert "（  ）的电力供应" in _stem(store, info.id, "w01-01")
    banks.sync_bundled(store, folder)
    assert len(parses) == 1


def test_a_new_program_parses_again(store: Store, monkeypatch: pytest.MonkeyPatch, parses: list[int]) -> None:
    monkeypatch.setattr(banks, "_program_fingerprint", lambda: b"a newer parser")
    banks.sync_bundled(store)
    assert len(parses) == 1
    banks.sync_bundled(store)
    assert len(parses) == 1


def test_a_bank_changed_in_the_database_is_synced_back(store: Store, parses: list[int]) -> None:
    first = banks.list_banks(store)[0]
    with store.session() as s, s.begin():
        s.execute(update(Bank).where(Bank.id == first.id).values(content_hash="tampered"))
    info = banks.sync_bundled(store)
    assert len(parses) == 1 and info.question_count == first.question_count
    with store.session() as s:
        assert s.get(Bank, first.id).content_hash != "tampered"  # type: ignore[union-attr]
    banks.sync_bundled(store)
    assert len(parses) == 1
