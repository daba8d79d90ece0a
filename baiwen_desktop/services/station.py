"""This PC's identity: a station id (UUID) and a name, kept in its data folder, not in the shared DB.

Twenty PCs on one PostgreSQL server each have their own data folder, so each knows which
attempts it holds. The id never changes; the name is what trainers see in 考场 and may be
changed in 设置 (or `baiwen station show`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from baiwen_desktop.atomic import atomic_path
from baiwen_desktop.core.errors import BaiwenError

if TYPE_CHECKING:  # the GUI reads the identity before the store (and SQLAlchemy) is loaded
    from baiwen_desktop.store.engine import Store

FILE_NAME = "station.json"
MAX_NAME = 64
_CANONICAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class StationIdentity:
    id: str
    name: str


def identity_file(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def _station_id(raw: object) -> str:
    """The id in canonical form; ValueError if it is no UUID."""
    text = str(raw)
    if _CANONICAL_ID.fullmatch(text):  # as this program writes it: the GUI's start needs no uuid module
        return text
    import uuid

    return str(uuid.UUID(text))


def _read(path: Path) -> StationIdentity | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return StationIdentity(_station_id(raw["id"]), str(raw.get("name", "")).strip())
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, AttributeError):
        # unreadable: keep it aside for the IT staff and start a new identity
        with contextlib.suppress(OSError):
            path.replace(path.with_name(f"{FILE_NAME}.bad-{datetime.now():%Y%m%d%H%M%S}"))
        return None


def _create(path: Path, ident: StationIdentity) -> None:
    """Create the file only if it is still absent, so two processes starting at once agree on one id."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".station.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"id": ident.id, "name": ident.name}, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # atomic create-if-absent
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links (FAT32 USB stick)
            if not path.exists():
                os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def read_identity(data_dir: Path) -> StationIdentity | None:
    """The identity already in this data folder, or None (nothing is created)."""
    return _read(identity_file(data_dir))


def load_identity(data_dir: Path, legacy_name: str = "") -> StationIdentity:
    """This data folder's identity, created on first use (named `legacy_name` if given)."""
    path = identity_file(data_dir)
    found = _read(path)
    if found is not None:
        return found
    import uuid

    _create(path, StationIdentity(str(uuid.uuid4()), legacy_name.strip()[:MAX_NAME]))
    found = _read(path)
    if found is None:
        raise BaiwenError(f"无法写入本机标识文件：{path}", f"cannot write the station identity file: {path}")
    return found


def rename_station(data_dir: Path, name: str) -> StationIdentity:
    name = name.strip()
    if not name:
        raise BaiwenError("请填写本机名称", "the station name is empty")
    if len(name) > MAX_NAME:
        raise BaiwenError(f"本机名称最多 {MAX_NAME} 个字", f"the station name is longer than {MAX_NAME} characters")
    ident = StationIdentity(load_identity(data_dir).id, name)
    with atomic_path(identity_file(data_dir)) as tmp:
        tmp.write_text(json.dumps({"id": ident.id, "name": ident.name}, ensure_ascii=False), encoding="utf-8")
    return ident


def station_identity(store: Store) -> StationIdentity:
    """The identity of the PC `store` was opened on.

    An old single-PC installation kept its station name in its own SQLite database (in this
    data folder); that name becomes the first name here. A shared database's name belongs to
    no single PC, so such a PC asks for its name at first start.
    """
    from baiwen_desktop.store.engine import sqlite_url

    own_database = store.url == sqlite_url(store.data_dir)
    if identity_file(store.data_dir).exists() or not own_database:
        return load_identity(store.data_dir)
    from baiwen_desktop.services import settings

    return load_identity(store.data_dir, settings.get(store, "station"))


def as_identity(store: Store, station: StationIdentity | str) -> StationIdentity:
    """A caller may name the station only (scripts, the demo): it is then this data folder's PC."""
    if isinstance(station, StationIdentity):
        return station
    return StationIdentity(station_identity(store).id, station)
