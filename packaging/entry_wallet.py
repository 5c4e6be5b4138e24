"""PyInstaller entry point of the desktop program ``selfdata-wallet``."""

from ui.app import main

raise SystemExit(main())
