"""Funds and projects from the console: create, rename, close and reopen, each audited.

The stations pull the list as before (``GET /api/v1/designations``); a closed one is
sent as inactive, never deleted, because donations refer to it.
"""

from __future__ import annotations

from sqlalchemy import Engine, select, update

from association_server import designation_list
from association_server.clock import now_iso
from association_server.console import audit
from association_server.console.accounts import ConsoleUser
from association_server.console.errors import ConsoleError
from association_server.db import write_transaction
from association_server.models import DesignationRow

_D = DesignationRow.__table__


def _name(name: str) -> str:
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise ConsoleError("名称需为 1 至 100 个字。", "A name has 1 to 100 characters.")
    return name


def create(
    engine: Engine, user: ConsoleUser, code: str, name: str, category: str, client: str
) -> None:
    user.require_officer()
    code, name = code.strip(), _name(name)
    if (
        not 1 <= len(code) <= 40
        or not code.isascii()
        or not code.replace("-", "").replace("_", "").isalnum()
    ):
        raise ConsoleError(
            "编号需为 1 至 40 个字母、数字、- 或 _。",
            "A code has 1 to 40 letters, digits, - or _.",
        )
    if category not in ("fund", "project"):
        raise ConsoleError("类别须为基金或项目。", "The category must be fund or project.")
    with write_transaction(engine) as conn:
        if conn.execute(select(_D.c.code).where(_D.c.code == code)).first():
            raise ConsoleError(f"编号 {code} 已存在。", f"Code {code} already exists.", status=409)
        designation_list.insert_designation(conn, code, name, category)
        audit.record(conn, user.name, "designation.create", code, f"{category}: {name}", client)


def _change(
    engine: Engine,
    user: ConsoleUser,
    code: str,
    action: str,
    detail: str,
    client: str,
    **values: object,
) -> None:
    user.require_officer()
    with write_transaction(engine) as conn:
        result = conn.execute(
            update(_D).where(_D.c.code == code).values(updated_at=now_iso(), **values)
        )
        if result.rowcount != 1:
            raise ConsoleError("没有这个捐赠意向。", "No such designation.", status=404)
        audit.record(conn, user.name, action, code, detail, client)


def rename(engine: Engine, user: ConsoleUser, code: str, name: str, client: str = "") -> None:
    name = _name(name)
    _change(engine, user, code, "designation.rename", name, client, name=name)


def set_active(
    engine: Engine, user: ConsoleUser, code: str, active: bool, client: str = ""
) -> None:
    if code == "undesignated" and not active:
        raise ConsoleError("“不指定”不能关闭。", "Undesignated cannot be closed.")
    _change(
        engine,
        user,
        code,
        "designation.open" if active else "designation.close",
        "",
        client,
        active=active,
    )
