"""The ``thresher`` command: one group, one module per subcommand family.

Commands are imported when they run, not when the group is built: the story commands
need datasketch and scipy, the corpus ones rich and the store, and ``thresher --help``
or ``thresher extract page.html`` should not wait for any of that. The group lists the
commands from the table below, so printing the help imports no command module.
"""

from __future__ import annotations

import importlib

import click

from thresher import __version__

#: name -> (module, attribute, one-line help shown by ``thresher --help``), in help order.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "extract": (
        "thresher.cli.extract_cmd",
        "extract_command",
        "Extract the article of pages (files, - for stdin) as text, Markdown, JSON or HTML.",
    ),
    "explain": (
        "thresher.cli.explain_cmd",
        "explain_command",
        "Show every block of one page: kept or dropped, and why.",
    ),
    "run": (
        "thresher.cli.corpus_cmds",
        "run_command",
        "Extract files, folders, WARC and JSON Lines into a resumable store.",
    ),
    "export": (
        "thresher.cli.corpus_cmds",
        "export_command",
        "Write a store as JSON Lines, CSV, Parquet or Markdown.",
    ),
    "stats": (
        "thresher.cli.corpus_cmds",
        "stats_command",
        "Counts of a store by status, reason and error kind.",
    ),
    "stories": (
        "thresher.cli.stories_cmds",
        "stories_command",
        "Group the store's articles into stories and write a story id per article.",
    ),
    "diff": ("thresher.cli.stories_cmds", "diff_command", "What changed from capture A to capture B."),
    "story": (
        "thresher.cli.stories_cmds",
        "story_command",
        "The versions of one story in time order, with the diffs between them.",
    ),
    "fetch": (
        "thresher.cli.fetch_cmd",
        "fetch_command",
        "Fetch URLs, sitemaps and feeds politely into a WARC archive.",
    ),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, from ``COMMANDS``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *(name for name in super().list_commands(ctx) if name not in COMMANDS)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, attribute, _ = COMMANDS[cmd_name]
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the table, so ``--help`` imports no command module."""
        rows = [(name, help_text) for name, (_, _, help_text) in COMMANDS.items()]
        rows += [
            (name, command.get_short_help_str(formatter.width))
            for name in super().list_commands(ctx)
            if name not in COMMANDS and (command := super().get_command(ctx, name)) is not None
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thresher")
def cli() -> None:
    """thresher: the clean article inside captured web pages, and the stories across captures."""


def main() -> None:
    """Entry point of the console script. Usage errors exit with status 2 (click's rule)."""
    cli(prog_name="thresher")
