#!/usr/bin/env bash
# Every issue-14 figure in ONE run, one bench after another, each printing its ratio against a
# baseline measured in the same process/run (bench/README.md's table is copied from this output).
#
#   bash bench/run_all.sh            2>&1 | tee bench-run.log
#   bash bench/run_all.sh --bundle   2>&1 | tee bench-run.log   # also the two PyInstaller builds (≈ 3 min)
#
# BASELINE_REV (default 5a7dfff, main before this session's issue-14 work) is the same-run baseline
# where a bench has no floor of its own: `baiwen demo --candidates 200` runs on this tree and on that
# tree's sources; --bundle builds the bundle with build.spec as it is and with that revision's build.spec
# (same venv, same hour) and prints `du -sb` of both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export BASELINE_REV=${BASELINE_REV:-5a7dfff}
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
  "$PY" bench/scale.py ${BAIWEN_TEST_PG_URL:+--pg}
fi
step "baiwen demo --candidates 200: this tree vs the tree of $BASELINE_REV (same venv, one after the other)"
base_tree=$(mktemp -d)
git archive "$BASELINE_REV" | tar -x -C "$base_tree"
"$PY" - "$base_tree" <<'EOF_PY'
import os, resource, subprocess, sys, tempfile, time

def run(pythonpath: str | None) -> tuple[float, float]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath  # ahead of the editable install: the old sources
    cmd = [sys.executable, "-c", "import sys; from baiwen_desktop.cli.main import main; sys.exit(main())",
           "demo", "--out", tempfile.mkdtemp() + "/demo", "--candidates", "200"]
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)

now_wall, now_cpu = run(None)
base_wall, base_cpu = run(sys.argv[1])
print(f"demo 200 now: {now_wall:.1f} s wall, {now_cpu:.1f} s CPU; {os.environ.get('BASELINE_REV', 'baseline')}: "
      f"{base_wall:.1f} s wall, {base_cpu:.1f} s CPU; ratio {now_wall / base_wall:.2f} wall, {now_cpu / base_cpu:.2f} CPU")
EOF_PY
rm -rf "$base_tree"

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
