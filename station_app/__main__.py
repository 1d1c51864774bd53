"""``python -m station_app``: the same as the ``station-app`` command."""

import sys

from station_app.cli import main

sys.exit(main())
