"""The association's web console (issue 20): staff pages under ``/console/`` and the
public disclosure pages under ``/disclosure/``, served by the receiver's own app.

Server-rendered HTML (Jinja2, autoescaped), no scripts, no CDN.  :func:`mount_console`
is the one hook :mod:`association_server.app` calls; the tables are in
:mod:`association_server.console.tables` (imported by the receiver's models so the
migrations and the models stay one schema).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI
    from sqlalchemy import Engine

    from association_server.settings import ReceiverSettings

__all__ = ["mount_console"]


def mount_console(app: FastAPI, engine: Engine, settings: ReceiverSettings) -> None:
    """Add the console's routes to ``app`` (imported late: the tables import the models)."""
    from association_server.console.web import mount

    mount(app, engine, settings)
