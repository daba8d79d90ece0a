"""User-facing errors: each carries a Chinese and an English message."""

from __future__ import annotations

QUOTE_LIMIT = 80


def clip(text: object, limit: int = QUOTE_LIMIT) -> str:
    """A user's value quoted in a message: at most `limit` characters, on one line."""
    s = str(text)
    short = s[:limit].replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return short + "…" if len(s) > limit else short


class BaiwenError(Exception):
    """An error the user can act on; shown as one line, never as a traceback."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en


class ValidationError(BaiwenError):
    """Input that failed validation; `issues` lists every problem found, not just the first."""

    def __init__(self, zh: str, en: str, issues: list[Issue]) -> None:
        super().__init__(zh, en)
        self.issues = issues


class Issue:
    """One problem in an input file, located by file and line (or Excel row) and field."""

    __slots__ = ("en", "field", "file", "line", "zh")

    def __init__(self, file: str, line: int, zh: str, en: str = "", field: str = "") -> None:
        self.file = file
        self.line = line
        self.zh = zh
        self.en = en
        self.field = field

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"  # line 0: not from a file's line
        col = f" [{self.field}]" if self.field else ""
        en = f" ({self.en})" if self.en else ""
        return f"{where}{col} {self.zh}{en}"

    def __repr__(self) -> str:
        return f"Issue({self!s})"


class StoreFault(BaiwenError):
    """The database cannot be used as it is (read-only, full disk, locked, corrupt, too new, unreachable).

    `kind` names the fault; the message says what is wrong and what to do. The CLI exits 2 with it.
    """

    def __init__(self, kind: str, zh: str, en: str) -> None:
        super().__init__(zh, en)
        self.kind = kind


class AttemptClosed(BaiwenError):
    """A write to an attempt that is no longer in progress (submitted, forced, timed out)."""

    def __init__(self) -> None:
        super().__init__("答卷已提交，无法再保存", "the paper is already submitted")


class LeaseLost(BaiwenError):
    """A write from a station that no longer holds the attempt: it moved to another PC."""

    def __init__(self, holder: str) -> None:
        self.holder = holder
        super().__init__(
            f"本场考试已转到“{holder or '另一台电脑'}”继续，本机不能再作答",
            f"this attempt has moved to station '{holder or 'another PC'}'; this PC can no longer write to it",
        )
