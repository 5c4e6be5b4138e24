"""PyInstaller entry point of the ``selfdata`` command."""

from wallet.cli import main

raise SystemExit(main())
