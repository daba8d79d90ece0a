"""What time is it: the one answer every deadline, heartbeat and audit entry uses.

On PostgreSQL it is the database server's clock, so twenty PCs with twenty clocks agree
(read as LOCALTIMESTAMP in this PC's UTC offset, set per connection by the engine). On
SQLite the database is on this PC, and so is the clock.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session


def db_now(bind: Session | Connection) -> datetime:
    """Now, by the database's clock. Inside a transaction on PostgreSQL: the transaction's start."""
    dialect = bind.get_bind().dialect if isinstance(bind, Session) else bind.dialect
    if dialect.name == "sqlite":
        return datetime.now()
    value = bind.execute(select(func.localtimestamp())).scalar_one()
    return value.replace(tzinfo=None)
