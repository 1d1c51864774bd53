"""Who may do what at a station.

The city's plan gives the station three kinds of people: staff who take donations,
social workers who issue receipts, and the coordinator who answers for the day's money.
Only the coordinator may undo (void), close the day or manage accounts.
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
    return role is Role.COORDINATOR


def can_manage_operators(role: Role) -> bool:
    return role is Role.COORDINATOR


def can_close_day(role: Role) -> bool:
    return role is Role.COORDINATOR


def require_coordinator(role: Role, action_zh: str, action_en: str) -> None:
    if role is not Role.COORDINATOR:
        raise PermissionDenied(
            "permission.coordinator_only",
            f"只有站点负责人可以{action_zh}",
            f"Only the coordinator can {action_en}.",
        )
