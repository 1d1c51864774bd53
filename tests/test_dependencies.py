"""The install is reproducible and free of versions with known vulnerabilities.

Both README commands install from ``requirements/constraints.txt`` (``uv pip compile``
output), so a fresh machine gets exactly the versions the suite was run with; ``make
run`` installs only what the program needs.  The lower bounds in ``pyproject.toml`` keep
anyone installing without the constraints file off the vulnerable releases.
"""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import REPO

CONSTRAINTS = REPO / "requirements" / "constraints.txt"
#: Releases below these have published vulnerabilities that concern us.
SECURE_MINIMUM = {
    "cryptography": "44.0.1",  # bundled OpenSSL
    "pynacl": "1.6.2",
    "h11": "0.16.0",  # malformed chunked bodies (request smuggling)
    "starlette": "0.49.1",  # multipart and Range DoS
}


def _pins() -> dict[str, Version]:
    pins = {}
    for line in CONSTRAINTS.read_text().splitlines():
        found = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if found:
            pins[canonicalize_name(found[1])] = Version(found[2])
    return pins


def _project() -> dict[str, object]:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def test_every_dependency_is_pinned_at_a_secure_version() -> None:
    pins = _pins()
    project = _project()
    wanted = [Requirement(r) for r in project["dependencies"]]  # type: ignore[union-attr]
    for extra in project["optional-dependencies"].values():  # type: ignore[union-attr]
        wanted += [Requirement(r) for r in extra]
    for req in wanted:
        name = canonicalize_name(req.name)
        if name == "donation-station-desk" or (req.marker and not req.marker.evaluate()):
            continue
        assert name in pins, f"{name} is not pinned in {CONSTRAINTS.name}"
        assert req.specifier.contains(pins[name]), (name, str(pins[name]))
    for name, minimum in SECURE_MINIMUM.items():
        assert pins[name] >= Version(minimum), name


def test_the_lower_bounds_exclude_vulnerable_releases() -> None:
    project = _project()
    declared = [Requirement(r) for r in project["dependencies"]]  # type: ignore[union-attr]
    declared += [Requirement(r) for r in project["optional-dependencies"]["server"]]  # type: ignore[index]
    for name, minimum in SECURE_MINIMUM.items():
        reqs = [r for r in declared if r.name.lower() == name]
        assert reqs, f"{name} has no lower bound"
        release = Version(minimum).release
        below = (*release[:-1], release[-1] - 1)
        assert not any(r.specifier.contains(".".join(map(str, below))) for r in reqs), name


def test_both_readme_commands_install_from_the_constraints() -> None:
    makefile = (REPO / "Makefile").read_text()
    installs = [
        line for line in makefile.splitlines() if "pip install" in line.replace("$(PIP)", "pip")
    ]
    project_installs = [line for line in installs if "-e " in line]
    assert len(project_installs) == 2
    assert all("-c $(CONSTRAINTS)" in line for line in project_installs)
    run_deps = re.search(r"^run:(.*)$", makefile, re.M)
    assert run_deps and "venv-run" in run_deps[1] and " venv " not in run_deps[1] + " "
    assert "-e .\n" in makefile  # the program alone, without the dev extra
