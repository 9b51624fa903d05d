"""Related-story pointers in a text capture, kept out of the body as ``Link``s.

Two shapes: a line introduced by "Read also:" (and its equivalents in other
languages), and a story card at the end of the article: a headline-shaped line
followed by one teaser paragraph, after which the article text stops (a picture,
page furniture or the end follows). A reading tool usually drops the "Read also"
label itself, which leaves exactly that card.
"""

from __future__ import annotations

from thresher.dates import parse_date_line
from thresher.phrases import READ_ALSO
from thresher.text.features import LineStats
from thresher.text.vocabulary import RELATED_PREFIX

__all__ = ["is_headline_shaped", "related_prefix_target", "trailing_story_card"]

#: Where the separator of a "Read also:" line must be: after the longest phrase and a space.
_PREFIX_SPAN = max(map(len, READ_ALSO)) + 2


def related_prefix_target(text: str) -> str | None:
    """The linked headline of a "Read also: …" line, or None."""
    head = text[:_PREFIX_SPAN]  # the separator follows the short phrase: most lines have none there
    if ":" not in head and "-" not in head and "–" not in head and "—" not in head:
        return None
    match = RELATED_PREFIX.match(text)
    return match.group(1).strip() if match else None


def is_headline_shaped(stats: LineStats, text: str) -> bool:
    """A line that reads like a headline: a handful of words, no full stop, no furniture,
    not a date line (a month name alone is fine: "Talks resume in May")."""
    return (
        4 <= stats.words <= 25
        and not stats.ends_sentence
        and not stats.interface
        and not stats.bullet
        and not stats.separators
        and not stats.is_image
        and not stats.repeated
        and not (stats.date_like and parse_date_line(text) is not None)
    )


def _is_card(head: int, stats: list[LineStats], texts: list[str]) -> bool:
    teaser, after = head + 1, head + 2
    if head < 0 or teaser >= len(stats) or not is_headline_shaped(stats[head], texts[head]):
        return False
    if stats[teaser].words < 12 or not stats[teaser].ends_sentence:
        return False
    return after >= len(stats) or stats[after].is_image


def trailing_story_card(body: list[int], stats: list[LineStats], texts: list[str]) -> tuple[int, int] | None:
    """(headline index, teaser index) of a story card closing the article, else None.

    ``body`` lists the body's line indexes in order. A card is a headline-shaped
    line, one teaser paragraph right below it, and then no more text: an image, or
    the end. It is looked for as the last two lines of the body (the teaser taken
    for body text) and right below the body. At least three paragraphs must precede
    it. Inside an article, a subheading with one last paragraph is followed by the
    rest of the page's text, not by a picture.
    """
    if len(body) < 3:
        return None
    last = body[-1]
    if len(body) >= 4 and _is_card(last - 1, stats, texts):
        return last - 1, last
    if _is_card(last + 1, stats, texts):
        return last + 1, last + 2
    return None
