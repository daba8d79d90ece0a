"""`python -m baiwen_desktop` launches the desktop app."""

from baiwen_desktop.ui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
