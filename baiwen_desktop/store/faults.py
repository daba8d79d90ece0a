"""What is wrong with the database, in words a trainer can act on (never SQL).

`check_writable` runs at start, before the station offers 开始考试: a committed write to a one-row
table, and on SQLite a quick check of every page. `fault_of` turns a driver error into a StoreFault.
"""

from __future__ import annotations

import errno
import sqlite3
from datetime import datetime

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from baiwen_desktop.core.errors import StoreFault
from baiwen_desktop.store.engine import BUSY_TIMEOUT_MS, Store, location

CHECK_KEY = "store_write_check"
CHECK_BUSY_MS = 3000  # how long the start check waits for another program's write lock


def read_only(where: str) -> StoreFault:
    return StoreFault(
        "read_only",
        f"数据文件夹或数据库文件是只读的，答案无法保存（{where}）。请把数据文件夹放在可写的位置（U 盘请关闭写保护），或请管理员给当前用户写入权限，然后重新启动。",
        f"the data folder or database file is read-only, answers cannot be saved ({where}); use a writable folder or grant write access, then restart",
    )


def disk_full(where: str) -> StoreFault:
    return StoreFault(
        "disk_full",
        f"磁盘已满，答案无法保存（{where}）。请删除不需要的文件腾出空间，然后重新启动。",
        f"the disk is full, answers cannot be saved ({where}); free some space, then restart",
    )


def locked(where: str) -> StoreFault:
    return StoreFault(
        "locked",
        f"数据库正被另一个程序占用（{where}）。请关闭本机上另一个考试程序或正在打开该文件的程序，然后重新启动；仍不行请重启电脑。",
        f"the database is locked by another program ({where}); close the other program, then restart",
    )


def corrupt(where: str) -> StoreFault:
    return StoreFault(
        "corrupt",
        f"数据库文件已损坏（{where}）。请不要在本机继续考试；请管理员复制出该文件留存，用备份恢复数据库。",
        f"the database file is damaged ({where}); do not sit exams here; restore the database from a backup",
    )


def too_new(where: str, revision: str) -> StoreFault:
    return StoreFault(
        "too_new",
        f"数据库由更新版本的考试程序建立（结构版本 {revision}），本程序不能使用它（{where}）。请安装最新版本的考试程序。",
        f"the database was made by a newer version of the program (schema {revision}) ({where}); install the newest version",
    )


def unreachable(where: str) -> StoreFault:
    return StoreFault(
        "unreachable",
        f"无法连接数据库服务器（{where}）。请检查网线和服务器是否开机，然后重新启动。",
        f"cannot reach the database server ({where}); check the network and the server, then restart",
    )


def no_postgres_driver(where: str) -> StoreFault:
    return StoreFault(
        "no_driver",
        f"本程序未包含 PostgreSQL 驱动，无法连接共享数据库 {where}；请使用带 PostgreSQL 支持的安装包",
        f"this build has no PostgreSQL driver and cannot reach {where}; install the build made with the postgres extra",
    )


def _sqlite_fault(e: sqlite3.Error, where: str) -> StoreFault | None:
    name = getattr(e, "sqlite_errorname", "") or ""
    msg = str(e).lower()
    if name.startswith("SQLITE_READONLY") or "readonly" in msg:
        return read_only(where)
    if name == "SQLITE_FULL" or "disk is full" in msg:
        return disk_full(where)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in msg:
        return locked(where)
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB" or "malformed" in msg or "not a database" in msg:
        return corrupt(where)
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in msg:
        return read_only(where)
    if name.startswith("SQLITE_IOERR"):
        return disk_full(where) if "full" in msg else read_only(where)
    return None


def _postgres_fault(e: BaseException, where: str) -> StoreFault | None:
    code = getattr(e, "sqlstate", None) or ""
    if code == "25006":  # read_only_sql_transaction
        return read_only(where)
    if code in ("53100", "53200"):  # disk_full, out_of_memory
        return disk_full(where)
    if code in ("55P03", "40P01"):  # lock_not_available, deadlock
        return locked(where)
    if code.startswith("08") or "connection" in str(e).lower():
        return unreachable(where)
    return None


def fault_of(e: BaseException, where: str) -> StoreFault | None:
    """The StoreFault a low-level error means, or None for anything else (a bug, logged as one)."""
    if isinstance(e, StoreFault):
        return e
    if isinstance(e, DBAPIError) and e.orig is not None:
        orig = e.orig
        if isinstance(orig, sqlite3.Error):
            return _sqlite_fault(orig, where)
        return _postgres_fault(orig, where)
    if isinstance(e, sqlite3.Error):
        return _sqlite_fault(e, where)
    if isinstance(e, OSError):
        if e.errno == errno.ENOSPC:
            return disk_full(where)
        if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST):
            return read_only(where)
    return None


def check_writable(store: Store) -> None:
    """A real committed write (and on SQLite a page check), so a bad store fails here, not mid-exam."""
    stamp = datetime.now().isoformat(timespec="seconds")
    with store.engine.connect() as conn:
        if not store.is_sqlite:
            _write_stamp(conn, stamp)
            return
        conn.exec_driver_sql(f"PRAGMA busy_timeout={CHECK_BUSY_MS}")
        try:
            pages = conn.exec_driver_sql("PRAGMA quick_check").scalar()
            conn.rollback()  # end the read the pragma began
            if pages != "ok":
                raise corrupt(location(store.engine))
            _write_stamp(conn, stamp)
        finally:
            conn.rollback()
            conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.rollback()


def _write_stamp(conn: Connection, stamp: str) -> None:
    conn.execute(text("DELETE FROM setting WHERE key = :k"), {"k": CHECK_KEY})
    conn.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v)"), {"k": CHECK_KEY, "v": stamp})
    conn.commit()
