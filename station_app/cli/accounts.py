"""Accounts from the command line: list, add, change a role, switch on or off, passwords."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from station_app.cli.common import (
    add_login_options,
    login,
    opened_station,
    refusal,
    say,
    secret,
)

if TYPE_CHECKING:
    from station_app.station_context import StationContext


def _new_password(args: argparse.Namespace) -> str:
    first = secret(
        args.new_password_env,
        "新密码 / new password: ",
        what_zh="新密码",
        what_en="new password",
    )
    if not args.new_password_env:
        again = secret(None, "再输入一次 / again: ", what_zh="新密码", what_en="new password")
        if again != first:
            raise refusal(
                "operator.password_mismatch", "两次输入的密码不一致", "The two passwords differ."
            )
    return first


def _target_id(ctx: StationContext, name: str) -> int:
    from station_app.services.operators import find_operator

    found = find_operator(ctx.db, name)
    if found is None:
        raise refusal("operator.unknown", f"找不到账号“{name}”", f"No account named “{name}”.")
    return found.id


def cmd_list(args: argparse.Namespace) -> int:
    from station_app.domain.roles import ROLE_NAMES_EN, ROLE_NAMES_ZH
    from station_app.services.operators import list_operators

    with opened_station(args) as ctx:
        ops = list_operators(ctx.db, include_inactive=True)
    for op in ops:
        say(
            f"{op.name}\t{ROLE_NAMES_ZH[op.role]}\t{'启用' if op.active else '停用'}",
            f"{op.name}\t{ROLE_NAMES_EN[op.role]}\t{'active' if op.active else 'inactive'}",
        )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from station_app.services.operators import create_operator

    with opened_station(args) as ctx:
        session = login(ctx, args)
        created = create_operator(ctx.db, session, args.name, args.role, _new_password(args))
    say(f"已添加账号 {created.name}", f"Account {created.name} added.")
    return 0


def cmd_role(args: argparse.Namespace) -> int:
    from station_app.services.operators import change_role

    with opened_station(args) as ctx:
        session = login(ctx, args)
        changed = change_role(ctx.db, session, _target_id(ctx, args.name), args.role)
    say(f"{changed.name} 的角色已改为 {args.role}", f"{changed.name} is now {args.role}.")
    return 0


def cmd_active(args: argparse.Namespace) -> int:
    from station_app.services.operators import set_operator_active

    active = args.accounts_command == "activate"
    with opened_station(args) as ctx:
        session = login(ctx, args)
        set_operator_active(ctx.db, session, _target_id(ctx, args.name), active)
    say(
        f"账号 {args.name} 已{'启用' if active else '停用'}",
        f"Account {args.name} is {'active' if active else 'switched off'}.",
    )
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    """Your own new password (proven by the current one), or the coordinator's reset of
    another's with ``--for NAME``."""
    from station_app.services.operators import change_own_password, reset_password

    with opened_station(args) as ctx:
        session = login(ctx, args)
        if args.for_name and args.for_name != session.name:
            reset_password(ctx.db, session, _target_id(ctx, args.for_name), _new_password(args))
            who = args.for_name
        else:
            current = secret(
                args.password_env, "当前密码 / current password: ", what_zh="当前密码",
                what_en="current password",
            )  # fmt: skip
            change_own_password(ctx.db, session, current, _new_password(args))
            who = session.name
    say(f"{who} 的密码已更改", f"The password of {who} was changed.")
    return 0


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    roles = ["staff", "social_worker", "coordinator"]
    accounts = sub.add_parser("accounts", parents=[common], help="operator accounts")
    asub = accounts.add_subparsers(dest="accounts_command", required=True)
    p = asub.add_parser("list", parents=[common], help="list the accounts")
    p.set_defaults(func=cmd_list)
    p = asub.add_parser("add", parents=[common], help="add an account (coordinator)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=roles)
    p.add_argument("--new-password-env", metavar="VAR", help="the new account's password")
    add_login_options(p)
    p.set_defaults(func=cmd_add)
    p = asub.add_parser("role", parents=[common], help="change an account's role (coordinator)")
    p.add_argument("name")
    p.add_argument("role", choices=roles)
    add_login_options(p)
    p.set_defaults(func=cmd_role)
    for name in ("activate", "deactivate"):
        p = asub.add_parser(name, parents=[common], help=f"{name} an account (coordinator)")
        p.add_argument("name")
        add_login_options(p)
        p.set_defaults(func=cmd_active)
    p = asub.add_parser(
        "password", parents=[common], help="change your password, or reset another's (--for)"
    )
    p.add_argument("--for", dest="for_name", metavar="NAME", help="reset this person's password")
    p.add_argument("--new-password-env", metavar="VAR", help="the new password")
    add_login_options(p)
    p.set_defaults(func=cmd_password)
