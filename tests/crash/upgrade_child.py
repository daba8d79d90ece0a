"""Run by test_upgrade_kill9.py: open a station's old database as the app does (the upgrade runs), but
stop for a minute inside the paper conversion of 0009, after its first rewrite of attempt rows, so the
test's kill -9 lands in the middle of the migration."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from baiwen_desktop.store.engine import open_store

_execute = Connection.execute


def _execute_then_wait(self: Connection, statement: Any, *args: Any, **kwargs: Any) -> Any:
    result = _execute(self, statement, *args, **kwargs)
    if str(statement).startswith("UPDATE attempt SET paper"):
        print("CONVERTING", flush=True)
        time.sleep(60)
    return result


if __name__ == "__main__":
    Connection.execute = _execute_then_wait  # type: ignore[method-assign]
    open_store(Path(sys.argv[1]))
    print("UPGRADED", flush=True)
