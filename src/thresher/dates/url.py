"""The day written in a URL path (/2020/05/17/), the last resort for a publication date."""

from __future__ import annotations

import re
from datetime import datetime

from thresher.dates.machine import is_plausible

__all__ = ["date_from_url"]

# Date-shaped path segments: /2020/05/17/, /2020-05-17/, /20200517/.
_URL_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?:(?P<sep>[/_.-])(?P<m1>[0-9]{1,2})(?P=sep)(?P<d1>[0-9]{1,2})"
    r"|(?P<m2>[0-9]{2})(?P<d2>[0-9]{2}))(?![0-9])"
    # day first (18-01-2022, 18.01.2022), as some publishing systems write it
    r"|(?<![0-9])(?P<d3>[0-9]{2})(?P<sep3>[_.-])(?P<m3>[0-9]{2})(?P=sep3)(?P<y3>(?:19|20)[0-9]{2})(?![0-9])"
)


def date_from_url(url: str | None) -> datetime | None:
    """A day written in the URL path (/2020/05/17/), as a naive midnight datetime."""
    if not url:
        return None
    path = url.split("://", 1)[-1].partition("/")[2]
    for match in _URL_DATE.finditer(path):
        year = match["y"] or match["y3"]
        month = match["m1"] or match["m2"] or match["m3"]
        day = match["d1"] or match["d2"] or match["d3"]
        try:
            moment = datetime(int(year), int(month), int(day))
        except ValueError:
            continue
        if is_plausible(moment):
            return moment
    return None
