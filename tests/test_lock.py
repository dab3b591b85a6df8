"""The lock files `make run` and `make test` install from (written by `make lock`).

They must pin, with hashes, every dependency pyproject.toml names, at versions its lower
bounds allow; the two must agree on what they share; and the environment these tests run in
must be the locked one (the Makefile installs from the lock, not from whatever is newest).
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.txt"
LOCK_TEST = ROOT / "requirements-test.txt"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def pins(lock: Path) -> dict[str, str]:
    """{canonical name: version} of a pip-compile lock; every pin must carry a hash."""
    found: dict[str, str] = {}
    for entry in re.split(r"\n(?=\S)", lock.read_text(encoding="utf-8")):
        pin = _PIN.match(entry)
        if pin:
            assert "--hash=sha256:" in entry, f"{lock.name}: {pin.group(1)} has no hash"
            found[canonicalize_name(pin.group(1))] = pin.group(2)
        else:
            assert entry.startswith("#") or not entry.strip(), f"{lock.name}: {entry[:80]!r}"
    return found


def declared(group: str | None = None) -> list[Requirement]:
    """pyproject.toml's dependencies (group None) or one optional group."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return [Requirement(text) for text in names]


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [(LOCK, declared()), (LOCK_TEST, declared() + declared("test"))],
    ids=["run", "test"],
)
def test_every_declared_dependency_is_pinned_within_its_bounds(lock, requirements):
    pinned = pins(lock)
    for requirement in requirements:
        version = pinned.get(canonicalize_name(requirement.name))
        assert version, f"{lock.name} does not pin {requirement.name}: run `make lock`"
        assert requirement.specifier.contains(version), f"{requirement}; {lock.name}: {version}"


def test_the_two_locks_agree():
    run, test = pins(LOCK), pins(LOCK_TEST)
    assert set(run) <= set(test)
    assert {name: test[name] for name in run} == run


def test_this_environment_is_the_locked_one():
    for name, version in pins(LOCK_TEST).items():
        assert metadata.version(name) == version, f"{name}: run `make test` to install the lock"
