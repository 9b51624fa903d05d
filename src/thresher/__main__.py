"""``python -m thresher`` is the ``thresher`` command."""

from thresher.cli import main

main()
