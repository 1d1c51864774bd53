"""``python -m association_server``: see :mod:`association_server.cli`."""

import sys

from association_server.cli import main

sys.exit(main())
