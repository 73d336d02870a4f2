"""The README is the user's entry point: its commands and its settings table must stay true."""

from __future__ import annotations

import re
from pathlib import Path

from config.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert commands == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert [line for line in ci.splitlines() if line.startswith("make")] == ["make test"]


def test_every_setting_is_documented_in_the_readme() -> None:
    missing = [name.upper() for name in Settings.model_fields if f"`{name.upper()}`" not in README]
    assert not missing, f"README's configuration table lacks {missing}"


def test_every_documented_variable_is_a_real_setting() -> None:
    table = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)`", table, re.M))
    assert documented == {name.upper() for name in Settings.model_fields}
