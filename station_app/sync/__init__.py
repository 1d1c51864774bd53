"""Sync protocol v1, station side: wire types, the HTTP client, backoff and the run lock.

The use cases that drive them (a sync run, enrolment, pulling designations) live in
``station_app.services`` (``sync_service``, ``enrolment``, ``designation_pull``).
"""
