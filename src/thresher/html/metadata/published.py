"""Choosing the publication date among the machine-readable candidates of a page.

Sources are tried in order of trust, but some conflicts are settled by evidence rather
than order: a time given in UTC ("Z") is replaced by the same moment that another
source gives with the publisher's local offset (the day readers saw); when sources name
different days, or a lone UTC time falls one day off the date the page displays near
its headline, the displayed day wins; and a day that is one off from the day in the
URL path (/2021/03/12/) is taken from the URL, since a UTC conversion is the usual
reason for the gap. A page may also show readers the day of its last change as its
date, with no "Updated" label: when the day shown near the headline is that of the
stated modification time and not that of the publication, the page is dated by it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from thresher.html.metadata.page_dates import Displayed
from thresher.html.switches import enabled

__all__ = ["choose_published"]

_SAME_MOMENT = timedelta(hours=1)


def _is_utc(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() == timedelta(0)


def choose_published(
    candidates: Iterable[datetime],
    url_date: datetime | None,
    shown: Callable[[], Displayed],
    modified: datetime | None = None,
) -> datetime | None:
    """The publication moment from candidates ordered by trust (see the module docstring).

    None when there is no candidate (the URL date alone is a weaker signal, used later).
    ``shown`` gives the date the page displays; it is asked only when the candidates
    disagree on the day, or when the stated ``modified`` time falls on another day, and
    settles the question when it agrees with one of them."""
    moments = list(candidates)
    if not moments:
        return None
    asked = functools.cache(shown)  # (read the page once, and only if needed)
    chosen = moments[0]
    if _is_utc(chosen):
        for other in moments[1:]:
            if other.tzinfo is not None and not _is_utc(other) and abs(other - chosen) <= _SAME_MOMENT:
                chosen = other
                break
    if any(moment.date() != chosen.date() for moment in moments):
        day = asked().moment
        if day is not None and day.date() != chosen.date():
            chosen = next((moment for moment in moments if moment.date() == day.date()), chosen)
    elif _is_utc(chosen):
        # a UTC time alone may fall on another day than the publisher's: the page shows which
        day = asked().moment
        if day is not None and abs((day.date() - chosen.date()).days) == 1:
            return day
    if modified is not None and modified.date() != chosen.date() and enabled("shown-modified"):
        # the page shows readers the time of its last change as its date (unlabelled)
        seen = asked()
        if seen.moment is not None and not seen.update and seen.moment.date() == modified.date():
            return modified
    if url_date is not None and abs((chosen.date() - url_date.date()).days) == 1:
        return url_date
    return chosen
