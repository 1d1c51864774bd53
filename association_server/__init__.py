"""The city charity association's reference receiver for station ledgers (sync protocol v1).

A small, stateless FastAPI service: every piece of state lives in its database (SQLite
for a single machine, PostgreSQL when a city runs several receiver processes), so any
number of processes can serve the same stations.  See ``/work/shared/DESIGN.md``.
"""

__version__ = "0.1.0"
