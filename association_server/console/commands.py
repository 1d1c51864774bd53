"""``association-server console-user add|list|password|deactivate|reactivate``: the first
officer comes from here, and so does a reset when every officer forgot their password.

The password is read from standard input when it is not a terminal (one line, for
scripts), else asked twice without echo; it is never an argument, so it stays out of
the shell history and the process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from association_server.console import account_changes, accounts
from association_server.console.errors import ConsoleError
from association_server.db import make_engine
from association_server.errors import AdminError


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password / 密码： ")
    if getpass.getpass("Again / 再输一次： ") != first:
        raise AdminError("The two passwords differ. / 两次输入的密码不一致。")
    return first


def cmd_add(args: argparse.Namespace) -> int:
    password = _read_password()
    try:
        accounts.add_user(make_engine(args.db), args.name, password, args.role)
    except ConsoleError as err:
        raise AdminError(f"{err.en} / {err.zh}") from None
    print(f"console user {args.name.strip()} ({args.role}) created")
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    password = _read_password()
    try:
        account_changes.set_password(make_engine(args.db), args.name, password)
    except ConsoleError as err:
        raise AdminError(f"{err.en} / {err.zh}") from None
    print(f"password of console user {args.name.strip()} set; their sessions ended")
    return 0


def cmd_active(args: argparse.Namespace) -> int:
    active = args.console_user_command == "reactivate"
    try:
        account_changes.set_active(make_engine(args.db), args.name.strip(), active)
    except ConsoleError as err:
        raise AdminError(f"{err.en} / {err.zh}") from None
    print(f"console user {args.name.strip()} {'reactivated' if active else 'deactivated'}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    if args.all:
        for account in account_changes.accounts(make_engine(args.db)):
            state = "active" if account.active else "deactivated"
            print(f"{account.name:<30} {account.role:<8} {state}")
        return 0
    for user in accounts.list_users(make_engine(args.db)):
        print(f"{user.name:<30} {user.role}")
    return 0


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Register ``console-user`` on the receiver's command line."""
    users = sub.add_parser("console-user", parents=[common], help="the console's staff accounts")
    usub = users.add_subparsers(dest="console_user_command", required=True)
    p = usub.add_parser("add", parents=[common], help="create an account (password from stdin)")
    p.add_argument("name")
    p.add_argument("--role", choices=("viewer", "officer"), default="viewer")
    p.set_defaults(func=cmd_add)
    p = usub.add_parser("list", parents=[common], help="list active accounts")
    p.add_argument("--all", action="store_true", help="deactivated ones too, with their state")
    p.set_defaults(func=cmd_list)
    p = usub.add_parser("password", parents=[common], help="set a new password (from stdin)")
    p.add_argument("name")
    p.set_defaults(func=cmd_password)
    for verb, says in (("deactivate", "stop an account and end its sessions"),
                       ("reactivate", "let a deactivated account log in again")):  # fmt: skip
        p = usub.add_parser(verb, parents=[common], help=says)
        p.add_argument("name")
        p.set_defaults(func=cmd_active)
