"""PyInstaller entry point of the Linux build: one executable for both programs.

Two executables would each carry their own copy of the Python archive (13 MB); instead
``selfdata`` is a symbolic link to ``selfdata-wallet`` and the name it was started under picks
the program.
"""

import os
import sys

if os.path.basename(sys.argv[0]) == "selfdata":
    from wallet.cli import main
else:
    from ui.app import main

raise SystemExit(main())
