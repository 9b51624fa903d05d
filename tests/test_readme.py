"""The README's and the docs' commands stay true: every `thresher` command they show
exists with the options it uses, the ones whose files exist run cleanly, and `make demo`
prints the bundled examples."""

from __future__ import annotations

import re
import shlex
from functools import cache
from pathlib import Path

import pytest

from conftest import REPO, run_cli

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = [path.read_text(encoding="utf-8") for path in sorted((REPO / "docs").glob("*.md"))]


def readme_commands() -> list[str]:
    commands = []
    for block in re.findall(r"```(?:sh|bash)\n(.*?)```", "\n".join([README, *DOCS]), re.S):
        for line in block.splitlines():
            command = re.split(r"\s+#", line)[0].strip()
            if command.startswith("thresher "):
                commands.append(command)
    return commands


@cache
def help_text(subcommand: str) -> str:
    result = run_cli(subcommand, "--help")
    assert result.returncode == 0, f"README names `thresher {subcommand}`, which does not exist"
    return result.stdout.decode()


def test_readme_shows_commands() -> None:
    assert len(readme_commands()) >= 10


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_exists_with_its_options(command: str) -> None:
    words = shlex.split(command)
    subcommand = words[1]
    for option in (word.split("=")[0] for word in words[2:] if word.startswith("--")):
        assert option in help_text(subcommand), f"{command}: `thresher {subcommand}` has no {option}"


def test_readme_commands_on_bundled_files_run() -> None:
    ran = 0
    for command in readme_commands():
        words = shlex.split(command)
        paths = [w for w in words[2:] if not w.startswith("-") and ("/" in w or "." in w)]
        if paths and all((REPO / p).is_file() for p in paths) and not {">", "|", "-o", "--html"} & set(words):
            result = run_cli(*words[1:])
            assert result.returncode == 0, f"{command}: {result.stderr.decode()}"
            assert result.stdout.strip(), command
            ran += 1
    assert ran >= 1


def test_make_demo_command_prints_the_examples() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    demo = re.search(r"^demo:.*?\n((?:\t.*\n)+)", makefile, re.M)
    assert demo, "the Makefile has no demo target"
    command = [line.strip() for line in demo.group(1).splitlines() if "thresher extract" in line][0]
    words = shlex.split(command.split("thresher ", 1)[1])
    arguments = [w for w in words if "*" not in w]
    for pattern in (w for w in words if "*" in w):
        arguments += sorted(str(p.relative_to(REPO)) for p in REPO.glob(pattern))
    result = run_cli(*arguments)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    examples = sorted(Path(REPO, "examples").iterdir())
    assert len(examples) >= 3
    assert out.count("\n# ") + out.startswith("# ") == len(examples)  # one headline per example
