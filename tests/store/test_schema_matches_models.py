"""The migrations build exactly the schema the models describe (alembic's compare_metadata),
on SQLite and on PostgreSQL: a model change without its migration fails here."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Base


def test_migrations_match_the_models(any_store: Store) -> None:
    with any_store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": False})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
