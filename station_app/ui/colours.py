"""The desk's three status colours, in one place: done, needs attention, refused.

Chosen dark enough to read on a light background at small sizes (contrast above 4.5:1),
and always paired with words, never the only signal.
"""

from __future__ import annotations

OK_COLOUR = "#1b5e20"
WARN_COLOUR = "#8a4b00"
ERROR_COLOUR = "#b00020"

OK_STYLE = f"color: {OK_COLOUR};"
WARN_STYLE = f"color: {WARN_COLOUR};"
ERROR_STYLE = f"color: {ERROR_COLOUR};"
