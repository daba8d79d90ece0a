#!/usr/bin/env bash
# Install into .venv and start the station on its embedded default (SQLite in the user data dir).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
exec .venv/bin/baiwen-desktop "$@"
