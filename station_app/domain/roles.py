"""Who may do what at a station.

The city's plan gives the station three kinds of people: staff who take donations,
social workers who issue receipts and answer for the records' use, and the coordinator
who answers for the day's money and for the station itself.  The rules live here, are
enforced by the services in the same call that does the work, and are only mirrored by
the UI (which hides what a role may not do).
"""

from __future__ import annotations

from enum import StrEnum

from station_app.domain.errors import PermissionDenied


class Role(StrEnum):
    STAFF = "staff"
    SOCIAL_WORKER = "social_worker"
    COORDINATOR = "coordinator"


ROLE_NAMES_ZH = {
    Role.STAFF: "站点工作人员",
    Role.SOCIAL_WORKER: "社工",
    Role.COORDINATOR: "站点负责人",
}
ROLE_NAMES_EN = {
    Role.STAFF: "Staff",
    Role.SOCIAL_WORKER: "Social worker",
    Role.COORDINATOR: "Coordinator",
}


class Action(StrEnum):
    """Business actions whose permission depends on the role."""

    RECORD = "record"
    PRINT = "print"
    VIEW = "view"
    EXPORT = "export"
    IMPORT = "import"
    BACKUP = "backup"
    VOID = "void"
    CLOSE_DAY = "close_day"
    REOPEN_DAY = "reopen_day"
    MANAGE_OPERATORS = "manage_operators"
    RESTORE = "restore"
    MOVE_KEYS = "move_keys"
    SET_ASSOCIATION = "set_association"
    #: Import payment statements and set up a bank's statement columns (issue 19).
    RECONCILE = "reconcile"
    #: Set the goods acceptance rules: expiry margin and second-person value (issue 18).
    SET_GOODS_RULES = "set_goods_rules"


_EVERYONE = frozenset(Role)
_RECORDS_OFFICERS = frozenset({Role.SOCIAL_WORKER, Role.COORDINATOR})
_COORDINATOR = frozenset({Role.COORDINATOR})

ALLOWED: dict[Action, frozenset[Role]] = {
    Action.RECORD: _EVERYONE,
    Action.PRINT: _EVERYONE,
    Action.VIEW: _EVERYONE,
    Action.EXPORT: _RECORDS_OFFICERS,
    Action.IMPORT: _RECORDS_OFFICERS,
    Action.BACKUP: _RECORDS_OFFICERS,
    Action.VOID: _COORDINATOR,
    Action.CLOSE_DAY: _COORDINATOR,
    Action.REOPEN_DAY: _COORDINATOR,
    Action.MANAGE_OPERATORS: _COORDINATOR,
    Action.RESTORE: _COORDINATOR,
    Action.MOVE_KEYS: _COORDINATOR,
    Action.SET_ASSOCIATION: _COORDINATOR,
    Action.RECONCILE: _COORDINATOR,
    Action.SET_GOODS_RULES: _COORDINATOR,
}

#: What the refusal says the person tried to do.
ACTION_NAMES = {
    Action.RECORD: ("登记捐赠", "record donations"),
    Action.PRINT: ("打印收据", "print receipts"),
    Action.VIEW: ("查看记录", "see the records"),
    Action.EXPORT: ("导出记录", "export records"),
    Action.IMPORT: ("导入纸质收据簿", "import a paper receipt book"),
    Action.BACKUP: ("备份站点数据", "back up the station's data"),
    Action.VOID: ("作废收据", "void a receipt"),
    Action.CLOSE_DAY: ("日结", "close the day"),
    Action.REOPEN_DAY: ("重新开启已日结的日期", "reopen a closed day"),
    Action.MANAGE_OPERATORS: ("管理账号", "manage accounts"),
    Action.RESTORE: ("恢复备份", "restore a backup"),
    Action.MOVE_KEYS: ("导出或导入站点密钥", "export or import the station's keys"),
    Action.SET_ASSOCIATION: ("更改慈善会网址或登记", "change the association address or enrol"),
    Action.RECONCILE: (
        "导入对账单或设置银行对账单的列",
        "import statements or set up a bank's columns",
    ),
    Action.SET_GOODS_RULES: ("更改物资接收规则", "change the goods acceptance rules"),
}


def may(role: Role, action: Action) -> bool:
    return role in ALLOWED[action]


def require(role: Role, action: Action) -> None:
    """Refuse, in words naming the action and who may do it, unless ``role`` may."""
    if may(role, action):
        return
    zh, en = ACTION_NAMES[action]
    if ALLOWED[action] == _COORDINATOR:
        raise PermissionDenied(
            "permission.coordinator_only",
            f"只有站点负责人可以{zh}",
            f"Only the coordinator can {en}.",
        )
    raise PermissionDenied(
        "permission.denied",
        f"只有社工和站点负责人可以{zh}",
        f"Only a social worker or the coordinator can {en}.",
    )


def parse_role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        raise PermissionDenied(
            "operator.bad_role",
            f"未知的角色:{text}",
            f"Unknown role: {text}",
            field="role",
        ) from None


def can_void(role: Role) -> bool:
    return may(role, Action.VOID)


def can_manage_operators(role: Role) -> bool:
    return may(role, Action.MANAGE_OPERATORS)


def can_close_day(role: Role) -> bool:
    return may(role, Action.CLOSE_DAY)


def require_coordinator(role: Role, action_zh: str, action_en: str) -> None:
    if role is not Role.COORDINATOR:
        raise PermissionDenied(
            "permission.coordinator_only",
            f"只有站点负责人可以{action_zh}",
            f"Only the coordinator can {action_en}.",
        )
