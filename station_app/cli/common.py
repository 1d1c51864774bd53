"""What every ``station-app`` command shares: the language, opening the station, and
proving who is acting.

A command that acts as a person asks for that person's password, at a terminal prompt
or, for scripts, from an environment variable named with ``--password-env`` (never on
the command line, where other users and the shell history would see it).  The password
is checked by :func:`~station_app.services.sessions.authenticate`, with the same
throttling as the desk; the services then enforce the role.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from station_app.domain.errors import DomainError
from station_app.paths import data_paths

if TYPE_CHECKING:  # the GUI starts through this package: nothing slow at import time
    from station_app.services.records import StationInfo
    from station_app.services.sessions import OperatorSession
    from station_app.station_context import StationContext


def language() -> str:
    lang = os.environ.get("STATION_APP_LANG") or os.environ.get("LANG", "zh")
    return "en" if lang.lower().startswith("en") else "zh"


def say(zh: str, en: str) -> None:
    print(en if language() == "en" else zh)


def refusal(code: str, zh: str, en: str) -> DomainError:
    return DomainError(code, zh, en)


@contextmanager
def opened_station(args: argparse.Namespace, *, check: bool = True) -> Iterator[StationContext]:
    """The station's database for one command, closed however the command ends."""
    from station_app.station_context import open_station

    ctx = open_station(data_paths(args.data_dir), check=check)
    try:
        yield ctx
    finally:
        ctx.close()


def require_station(ctx: StationContext) -> StationInfo:
    if ctx.station is None:
        raise refusal(
            "station.none",
            "这台电脑还没有设置站点,请先运行 init-demo 或启动程序完成设置",
            "No station is set up here yet; run init-demo or start the program.",
        )
    return ctx.station


def secret(env_name: str | None, prompt: str, *, what_zh: str, what_en: str) -> str:
    """A secret from the named environment variable, else typed without echo."""
    if env_name:
        value = os.environ.get(env_name)
        if value is None:
            raise refusal(
                "cli.no_secret",
                f"环境变量 {env_name} 未设置",
                f"The environment variable {env_name} is not set.",
            )
        return value
    if not sys.stdin.isatty():
        raise refusal(
            "cli.no_terminal",
            f"需要输入{what_zh}:请在终端中运行,或用 --password-env 指定保存它的环境变量",
            f"The {what_en} is needed: run this at a terminal, or name an environment "
            "variable holding it with --password-env.",
        )
    return getpass.getpass(prompt)


def add_login_options(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "--operator",
        required=required,
        metavar="NAME",
        help="the person acting (their password is asked for)",
    )
    parser.add_argument(
        "--password-env",
        metavar="VAR",
        help="read that person's password from this environment variable (for scripts)",
    )


def login(ctx: StationContext, args: argparse.Namespace) -> OperatorSession:
    """The acting person's session: their name from ``--operator``, their password asked."""
    from station_app.services.sessions import authenticate

    require_station(ctx)
    password = secret(
        args.password_env,
        f"{args.operator} 的密码 / password: ",
        what_zh=f"{args.operator} 的密码",
        what_en=f"password of {args.operator}",
    )
    return authenticate(ctx.db, args.operator, password, channel="cli")
