"""scripts/system-deps.sh: one package list for the README and CI; apt-get as root, sudo otherwise."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "system-deps.sh"


def _fake_bin(tmp: Path, uid: int, with_sudo: bool, installed: bool = False) -> Path:
    """Stand-ins for id, dpkg-query, apt-get and sudo that log how they were called."""
    bin_ = tmp / "bin"
    bin_.mkdir()
    log = tmp / "calls.log"
    stubs = {
        "id": f'echo {uid}',
        "dpkg-query": 'echo -n "install ok installed"' if installed else "exit 1",
        "apt-get": f'echo "apt-get $*" >> {log}',
    }
    if with_sudo:
        stubs["sudo"] = f'echo "sudo $1" >> {log}; "$@"'
    for name, body in stubs.items():
        f = bin_ / name
        f.write_text(f"#!/bin/bash\n{body}\n")
        f.chmod(0o755)
    return bin_


def _run(tmp: Path, bin_: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Only the stubs and the basics (bash, env, grep, printf) are on PATH: no real sudo, no real apt-get.
    basics = tmp / "basics"
    basics.mkdir(exist_ok=True)
    for tool in ("bash", "env", "grep"):
        (basics / tool).symlink_to(subprocess.check_output(["bash", "-c", f"command -v {tool}"], text=True).strip())
    env = {"PATH": f"{bin_}:{basics}", "HOME": str(tmp)}
    return subprocess.run(["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=30)


def _calls(tmp: Path) -> list[str]:
    log = tmp / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


def test_root_without_sudo_runs_apt_get_directly(tmp_path: Path) -> None:
    r = _run(tmp_path, _fake_bin(tmp_path, uid=0, with_sudo=False), "app")
    assert r.returncode == 0, r.stderr
    calls = _calls(tmp_path)
    assert calls[0] == "apt-get update -qq"
    assert calls[1].startswith("apt-get install -y -qq --no-install-recommends ")
    installed = calls[1].split()
    for needed in ("python3-venv", "libglib2.0-0", "libgl1", "libegl1", "libxcb-cursor0", "libxkbcommon-x11-0"):
        assert needed in installed
    assert "poppler-utils" not in installed
    assert not any(c.startswith("sudo") for c in calls)


def test_other_users_go_through_sudo(tmp_path: Path) -> None:
    r = _run(tmp_path, _fake_bin(tmp_path, uid=1000, with_sudo=True), "test")
    assert r.returncode == 0, r.stderr
    calls = _calls(tmp_path)
    assert calls[0] == "sudo env" and calls[1] == "apt-get update -qq"
    assert calls[2] == "sudo env" and "poppler-utils" in calls[3].split()


def test_no_root_and_no_sudo_says_so(tmp_path: Path) -> None:
    r = _run(tmp_path, _fake_bin(tmp_path, uid=1000, with_sudo=False), "app")
    assert r.returncode == 1
    assert "root" in r.stderr and "libgl1" in r.stderr
    assert _calls(tmp_path) == []


def test_nothing_to_install_needs_no_root(tmp_path: Path) -> None:
    r = _run(tmp_path, _fake_bin(tmp_path, uid=1000, with_sudo=False, installed=True), "ci")
    assert r.returncode == 0, r.stderr
    assert _calls(tmp_path) == []


def _listed(group: str) -> set[str]:
    out = subprocess.run(["bash", str(SCRIPT), "--list", group], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_groups_nest_and_ci_has_postgres_and_objdump() -> None:
    app, test, ci = _listed("app"), _listed("test"), _listed("ci")
    assert {"libglib2.0-0", "libgl1"} <= app
    assert app < test < ci
    assert test - app == {"poppler-utils"}
    assert ci - test == {"postgresql", "binutils"}


def test_readme_and_ci_use_the_script_and_install_nothing_else() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    assert "bash scripts/system-deps.sh app && bash scripts/launch.sh" in commands
    assert "bash scripts/system-deps.sh test && bash scripts/test.sh" in commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/system-deps.sh ci" in ci
    for text in (readme, ci):
        assert "apt-get install" not in text
    assert os.access(SCRIPT, os.R_OK)
