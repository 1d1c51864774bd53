"""The goods register (issue 18): lots, movements, acceptance rules, first-expiry choice.

Pure rules only, like the rest of :mod:`station_app.domain`: no Qt, no SQL, no I/O.
Quantities are whole *milli-units* (``10.5`` bags is ``10500``), so stock arithmetic is
exact integer arithmetic, the way money is integer fen.
"""
