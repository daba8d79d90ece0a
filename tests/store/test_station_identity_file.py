"""This PC's identity file: read as written, other spellings of a UUID made canonical, garbage set aside."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from baiwen_desktop.services import station


def _write(folder: Path, ident: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / station.FILE_NAME).write_text(json.dumps({"id": ident, "name": " 3号机 "}, ensure_ascii=False), encoding="utf-8")


def test_the_id_as_written_and_other_spellings(tmp_path: Path) -> None:
    made = station.load_identity(tmp_path / "a", "一号机")
    assert station.read_identity(tmp_path / "a") == made and str(uuid.UUID(made.id)) == made.id and made.name == "一号机"
    same = str(uuid.uuid4())
    for spelling in (same.upper(), "{" + same + "}", same.replace("-", "")):
        _write(tmp_path / "b", spelling)
        assert station.read_identity(tmp_path / "b") == station.StationIdentity(same, "3号机")


def test_a_bad_id_is_set_aside_and_a_new_one_made(tmp_path: Path) -> None:
    for bad in ("not-a-uuid", 12, "0" * 36):
        folder = tmp_path / str(bad)
        _write(folder, bad)
        assert station.read_identity(folder) is None
        assert [p.name.startswith("station.json.bad-") for p in folder.iterdir()] == [True]
        fresh = station.load_identity(folder)
        assert str(uuid.UUID(fresh.id)) == fresh.id and fresh.name == ""
