#!/usr/bin/env bash
# Every issue-14 figure in ONE run, one bench after another, each printing its ratio against a
# baseline measured in the same process/run (bench/README.md's table is copied from this output).
#
#   bash bench/run_all.sh            2>&1 | tee bench-run.log
#   bash bench/run_all.sh --bundle   2>&1 | tee bench-run.log   # also the two PyInstaller builds (≈ 3 min)
#
# --bundle builds the bundle twice in the same hour: with build.spec as it is, and with the
# build.spec of BASELINE_REV (before issue 14's bundle work), and prints `du -sb` of both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
BASELINE_REV=${BASELINE_REV:-5a7dfff}
export QT_QPA_PLATFORM=offscreen

step() { printf '\n== %s  (%s UTC, load %s)\n' "$*" "$(date -u +%H:%M:%S)" "$(cut -d' ' -f1-3 /proc/loadavg)"; }

step "start-up: station home shown vs bare QMainWindow"
"$PY" bench/startup.py
step "answer save vs raw sqlite3 insert+commit"
"$PY" bench/answer_save.py
step "certificates and score sheets"
"$PY" bench/reports.py
step "start_attempt, 100 q from a 5,000-question bank"
"$PY" bench/start_attempt.py 20
if [ -f bench/scale.py ]; then
  step "scale: 3,000 candidates x 100 q from 5,000 (SQLite; PostgreSQL too when BAIWEN_TEST_PG_URL is set)"
  "$PY" bench/scale.py
fi
if [ -f bench/demo.py ]; then
  step "baiwen demo --candidates 200"
  "$PY" bench/demo.py
fi

if [ "${1:-}" = "--bundle" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp" build_baseline.spec' EXIT
  step "bundle: build.spec now"
  .venv/bin/pyinstaller build.spec --noconfirm --log-level ERROR --distpath "$tmp/now" --workpath "$tmp/now-build" >/dev/null
  now=$(du -sb "$tmp/now/baiwen" | cut -f1)
  step "bundle: build.spec of $BASELINE_REV (same venv)"
  git show "$BASELINE_REV:build.spec" > build_baseline.spec  # at the root: the spec finds the sources beside it
  .venv/bin/pyinstaller build_baseline.spec --noconfirm --log-level ERROR --distpath "$tmp/base" --workpath "$tmp/base-build" >/dev/null
  base=$(du -sb "$tmp/base/baiwen" | cut -f1)
  "$tmp/now/baiwen/baiwen" --version
  "$PY" -c "import sys; n, b = int(sys.argv[1]), int(sys.argv[2]); print(f'onedir: {n:,} B ({n / 2**20:.1f} MiB) vs {b:,} B ({b / 2**20:.1f} MiB): {n / b:.2f}x; target 180 MB: {\"met\" if n <= 180e6 else \"NOT met\"}')" "$now" "$base"
fi
