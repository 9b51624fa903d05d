"""Choosing the publication date among the machine-readable candidates of a page.

Sources are tried in order of trust, but two conflicts are settled by evidence rather
than order: a time given in UTC ("Z") is replaced by the same moment that another
source gives with the publisher's local offset (the day readers saw), and a day that
is one off from the day in the URL path (/2020/02/24/) is taken from the URL, since a
UTC conversion is the usual reason for the gap.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

__all__ = ["choose_published"]

_SAME_MOMENT = timedelta(hours=1)


def _is_utc(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() == timedelta(0)


def choose_published(candidates: Iterable[datetime], url_date: datetime | None) -> datetime | None:
    """The publication moment from candidates ordered by trust (see the module docstring).

    None when there is no candidate (the URL date alone is a weaker signal, used later).
    The candidates are consumed lazily: only as far as needed."""
    remaining = iter(candidates)
    chosen = next(remaining, None)
    if chosen is None:
        return None
    if _is_utc(chosen):
        for other in remaining:
            if other.tzinfo is not None and not _is_utc(other) and abs(other - chosen) <= _SAME_MOMENT:
                chosen = other
                break
    if url_date is not None and abs((chosen.date() - url_date.date()).days) == 1:
        return url_date
    return chosen
