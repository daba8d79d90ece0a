"""Open everything a face (CLI or GUI) needs: the data dir, the store, the bundled bank."""

from __future__ import annotations

from pathlib import Path

from baiwen_desktop.datadir import resolve_data_dir, resolve_db_url
from baiwen_desktop.services import banks, certs
from baiwen_desktop.store import faults
from baiwen_desktop.store.engine import Store, location, make_engine, open_store, sqlite_url


def open_app(data_dir: str | Path | None = None, db_url: str | None = None, sync_bank: bool = True, check: bool = True) -> Store:
    """Resolve the data dir and URL, upgrade the schema in place, sync the bundled bank, prove a write.

    A database that cannot be used (read-only, full, locked, corrupt, newer than the program, server
    down) raises StoreFault with a sentence saying what to do; other errors are bugs and propagate.
    """
    folder = resolve_data_dir(data_dir)
    url = resolve_db_url(db_url)
    store: Store | None = None
    try:
        store = open_store(folder, url)
        certs.adopt_legacy_key(store)  # a v1 key file: public key into the database, clear private key gone
        if sync_bank:
            banks.sync_bundled(store)
        if check:
            faults.check_writable(store)
    except Exception as e:
        where = location(store.engine) if store is not None else _where(folder, url)
        fault = faults.fault_of(e, where)
        if store is not None:
            store.dispose()
        if fault is None or fault is e:
            raise
        raise fault from e
    return store


def _where(folder: Path, url: str | None) -> str:
    engine = make_engine(url or sqlite_url(folder))
    try:
        return location(engine)
    finally:
        engine.dispose()
