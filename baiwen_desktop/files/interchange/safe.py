"""Hostile files: size limits, XML without entity tricks, zip packages checked before they are opened."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from baiwen_desktop.core.errors import BaiwenError
from baiwen_desktop.files.zipguard import check_zipfile

MAX_FILE_BYTES = 64 * 1024 * 1024  # a question file larger than this is not a question file


def read_limited(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise BaiwenError(f"无法读取文件 {path.name}：{e.strerror}", f"cannot read {path.name}: {e.strerror}") from e
    if size > MAX_FILE_BYTES:
        raise BaiwenError(f"{path.name} 太大（超过 {MAX_FILE_BYTES // 2**20} MB）", f"{path.name} is too large")
    try:
        return path.read_bytes()
    except OSError as e:
        raise BaiwenError(f"无法读取文件 {path.name}：{e.strerror}", f"cannot read {path.name}: {e.strerror}") from e


def parse_xml(data: bytes | str, name: str) -> Element:
    """Parse XML, refusing DTD entities and external references (billion laughs, XXE)."""
    try:
        root: Any = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise BaiwenError(f"{name} 含有不允许的 XML 实体定义，已拒绝", f"{name} declares XML entities; refused ({type(e).__name__})") from e
    except ParseError as e:
        raise BaiwenError(f"{name} 不是有效的 XML：{e}", f"{name} is not well-formed XML: {e}") from e
    except (ValueError, UnicodeError, LookupError) as e:  # LookupError: an unknown encoding in the declaration
        raise BaiwenError(f"{name} 不是有效的 XML：{e}", f"{name} is not well-formed XML: {e}") from e
    return root


def check_zip(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip bomb before anything is unpacked: files.zipguard's one check, for a package in memory."""
    check_zipfile(zf, name)


def read_member(zf: zipfile.ZipFile, member: str, name: str) -> bytes:
    """One member, read with a hard cap whatever its header claims."""
    try:
        with zf.open(member) as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except KeyError as e:
        raise BaiwenError(f"{name} 中缺少 {member}", f"{name} lacks {member}") from e
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError, zlib.error) as e:
        raise BaiwenError(f"{name} 中的 {member} 已损坏：{e}", f"{member} in {name} is corrupt: {e}") from e
    if len(data) > MAX_FILE_BYTES:
        raise BaiwenError(f"{name} 中的 {member} 太大", f"{member} in {name} is too large")
    return data


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        raise BaiwenError(f"{name} 不是有效的压缩包：{e}", f"{name} is not a valid zip package: {e}") from e
    check_zip(zf, name)
    return zf
