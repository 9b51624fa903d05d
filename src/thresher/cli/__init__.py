"""The ``thresher`` command: one group, one module per subcommand family."""

from __future__ import annotations

import click

from thresher import __version__
from thresher.cli.corpus_cmds import export_command, run_command, stats_command
from thresher.cli.explain_cmd import explain_command
from thresher.cli.extract_cmd import extract_command
from thresher.cli.fetch_cmd import fetch_command
from thresher.cli.stories_cmds import diff_command, stories_command, story_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thresher")
def cli() -> None:
    """thresher: the clean article inside captured web pages, and the stories across captures."""


cli.add_command(extract_command)
cli.add_command(explain_command)
cli.add_command(run_command)
cli.add_command(export_command)
cli.add_command(stats_command)
cli.add_command(stories_command)
cli.add_command(diff_command)
cli.add_command(story_command)
cli.add_command(fetch_command)


def main() -> None:
    """Entry point of the console script. Usage errors exit with status 2 (click's rule)."""
    cli(prog_name="thresher")
