"""The accounts page: everyone changes their own password; an officer sees every account,
creates one, resets another's password, and deactivates or reactivates another one."""

# No "from __future__ import annotations": FastAPI must resolve the dependencies.

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query
from fastapi.responses import Response

from association_server.console import account_changes
from association_server.console.errors import ConsoleError
from association_server.console.i18n import translator
from association_server.console.web import Console, Page

Posted = tuple[Page, dict[str, str]]
DONE = {
    "password": "Your password was changed; your other sessions were logged out.",
    "deactivated": "The account was deactivated; its sessions ended.",
    "reactivated": "The account was reactivated.",
    "created": "The account was created. Give its user the password in person.",
    "reset": "The password was reset and the account's sessions ended. Give it in person.",
}


def add_routes(app: FastAPI, console: Console, deps: dict[str, Any]) -> None:
    page_dep, form_dep = deps["page"], deps["form"]

    @app.get("/console/accounts", include_in_schema=False)
    def account_page(
        page: Annotated[Page, Depends(page_dep)],
        done: Annotated[str | None, Query(max_length=40)] = None,
    ) -> Response:
        user = page.signed_in
        rows = account_changes.accounts(console.engine) if user.officer else []
        message = translator(page.english)(DONE[done]) if done in DONE else ""
        return console.render(page, "accounts.html", rows=rows, message=message)

    @app.post("/console/accounts/password", include_in_schema=False)
    def password(posted: Annotated[Posted, Depends(form_dep)]) -> Response:
        page, f = posted
        account_changes.change_own_password(
            console.engine,
            console.limits,
            page.signed_in,
            f.get("old", ""),
            f.get("new", ""),
            f.get("again", ""),
            client=page.client,
            session_token=page.token,
        )
        return console.redirect(page, "/console/accounts?done=password")

    @app.post("/console/accounts/status", include_in_schema=False)
    def status(posted: Annotated[Posted, Depends(form_dep)]) -> Response:
        page, f = posted
        if f.get("action") not in ("deactivate", "reactivate"):
            raise ConsoleError("未知的操作。", "Unknown action.")
        active = f.get("action") == "reactivate"
        account_changes.set_active(
            console.engine,
            f.get("name", "")[:60],
            active,
            by=page.signed_in,
            client=page.client,
        )
        done = "reactivated" if active else "deactivated"
        return console.redirect(page, f"/console/accounts?done={done}")

    def officer_change(
        change: Callable[..., object], page: Page, f: dict[str, str], done: str, **fields: str
    ) -> Response:
        """A change to someone else's account: the new password twice and the officer's own."""
        change(
            console.engine,
            console.limits,
            page.signed_in,
            password=f.get("new", ""),
            again=f.get("again", ""),
            own_password=f.get("mine", ""),
            client=page.client,
            **fields,
        )
        return console.redirect(page, f"/console/accounts?done={done}")

    @app.post("/console/accounts/new", include_in_schema=False)
    def create(posted: Annotated[Posted, Depends(form_dep)]) -> Response:
        page, f = posted
        name, role = f.get("name", "")[:200], f.get("role", "")
        return officer_change(
            account_changes.create_account, page, f, "created", name=name, role=role
        )

    @app.post("/console/accounts/reset", include_in_schema=False)
    def reset(posted: Annotated[Posted, Depends(form_dep)]) -> Response:
        page, f = posted
        name = f.get("name", "")[:60]
        return officer_change(account_changes.reset_password, page, f, "reset", name=name)
