"""Station settings kept in the database (organisation, station, certificate, display)."""

from __future__ import annotations

from sqlalchemy import select

from baiwen_desktop.services import audit
from baiwen_desktop.store.engine import Store
from baiwen_desktop.store.models import Setting

DEFAULTS = {
    "organisation": "",
    "station": "",
    "certificate_title": "百问百查培训合格证书",
    "certificate_prefix": "BWBC",
    "issuer_code": "",  # part of every certificate number, e.g. BWBC-JN01-2026-000123 (services.certs)
    "default_pass_mark": "60",
    "font_scale": "1.0",
    "high_contrast": "0",
    "result_return_seconds": "60",
    "setup_done": "0",
}


def get_all(store: Store) -> dict[str, str]:
    with store.session() as s:
        stored = {row.key: row.value for row in s.scalars(select(Setting))}
    return {**DEFAULTS, **stored}


def get(store: Store, key: str) -> str:
    with store.session() as s:
        row = s.get(Setting, key)
        return row.value if row else DEFAULTS.get(key, "")


def put(store: Store, values: dict[str, str], actor: str = "", audited: bool = True) -> None:
    with store.session() as s, s.begin():
        for key, value in values.items():
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=str(value)))
            else:
                row.value = str(value)
        if audited:
            audit.record(s, "settings", actor or "system", detail=", ".join(f"{k}={v}" for k, v in values.items()))
