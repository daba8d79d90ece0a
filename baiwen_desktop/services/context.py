"""Open everything a face (CLI or GUI) needs: the data dir, the store, the bundled bank."""

from __future__ import annotations

from pathlib import Path

from baiwen_desktop.datadir import resolve_data_dir, resolve_db_url
from baiwen_desktop.services import banks, certs
from baiwen_desktop.store.engine import Store, open_store


def open_app(data_dir: str | Path | None = None, db_url: str | None = None, sync_bank: bool = True) -> Store:
    """Resolve the data dir and URL, upgrade the schema in place, sync the bundled bank."""
    store = open_store(resolve_data_dir(data_dir), resolve_db_url(db_url))
    certs.adopt_legacy_key(store)  # a v1 key file: public key into the database, clear private key gone
    if sync_bank:
        banks.sync_bundled(store)
    return store
