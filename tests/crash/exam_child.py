"""Run by test_kill9.py: open the station's database as the app does, then save answers as fast as it
can, printing `ACK pos value` only after each save has returned (committed). The test kills it with -9."""

from __future__ import annotations

import sys
from pathlib import Path

from baiwen_desktop.services import attempts
from baiwen_desktop.services.context import open_app


def main() -> None:
    data, attempt_id, run, positions = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    token = sys.argv[5]  # the attempt's lease: this process writes as the station holding it
    store = open_app(data, sync_bank=False)  # the real start: schema check, quick_check, a committed write
    print("READY", flush=True)
    seq = 0
    while True:
        pos = (run * 7 + seq) % positions
        value = f"{run:04d}-{seq:06d}"
        attempts.save_answer(store, attempt_id, pos, value, seq % 2 == 0, token=token)
        print(f"ACK {pos} {value}", flush=True)
        seq += 1


if __name__ == "__main__":
    main()
