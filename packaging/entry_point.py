"""The bundle's entry point: the same as the ``station-app`` command.

PyInstaller needs a script, not a console-script entry point; keeping it this small
means the frozen program and ``pip install`` run exactly the same ``cli.main``.
"""

import sys

from station_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
