"""A page of sections: its text spread over the sections of its main box.

A landing page (a service's, a product's home) sets its headline in a hero box and its
text in many short sections below it (features, figures, testimonials, questions): no
section holds most of it, and most of its lines are too short to vote as prose. The
element chosen for the most prose for the least boilerplate is then one section, and
the others are left out. When the page's <main> element holds the chosen one, and the
chosen one holds less than half of the text that <main> holds outside furniture and
link lists, the text is <main>'s.
"""

from __future__ import annotations

import os

from thresher.html.blocks import Page
from thresher.html.container import carry_up

__all__ = ["main_box"]

#: The chosen element's share of the text of <main>, under which the text is spread
#: over its sections.
_SPREAD = float(os.environ.get("SPREAD", "0.5"))
_MODE = os.environ.get("SPREADMODE", "main")


def main_box(page: Page, container: int, inside: list[bool], scores: list[float]) -> int:
    """The <main> element holding ``container`` when the container holds less than
    ``_SPREAD`` of its text outside furniture and link lists; else -1."""
    parents, tags, ends = page.parents, page.tags, page.ends
    box = container
    if _MODE == "main":
        while box > 0 and tags[box] != "main":
            box = parents[box]
    else:
        headline = next((block.owner for block in page.blocks if block.kind_tag == "h1"), -1)
        if headline < 0 or container <= headline <= ends[container]:
            return -1
        box = parents[container]
        while box > 0 and not box <= headline <= ends[box]:
            box = parents[box]
    if box <= 0 or box == container or scores[box] <= 0:
        return -1
    mass = [0.0] * len(tags)
    for block in page.blocks:
        owner = block.owner
        if box <= owner <= ends[box] and not inside[owner] and 2 * block.link_chars <= len(block.text):
            mass[owner] += len(block.text)
    carry_up(mass, parents)
    if mass[container] >= _SPREAD * mass[box]:
        return -1
    return box
