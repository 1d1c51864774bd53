"""Starting local servers for the sync benchmarks: a free loopback port, and waiting
until a freshly started process answers (or saying why it never did)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


REPO = Path(__file__).resolve().parents[1]


def start_receiver(db_url: str, port: int, **popen: object) -> subprocess.Popen[bytes]:
    """The association's receiver on 127.0.0.1:``port``, on an already migrated database."""
    command = [sys.executable, "-m", "association_server", "serve", "--db", db_url]
    command += ["--host", "127.0.0.1", "--port", str(port), "--no-migrate"]
    return subprocess.Popen(  # type: ignore[call-overload]
        command,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        **popen,
    )


def wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Until ``url`` answers 2xx; stop at once if the server process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=0.5).status_code < 300:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"server at {url} did not start")
