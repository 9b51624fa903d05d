"""Reading dates people and machines write: the one date reader of the package.

Every caller reads date strings through here: the HTML metadata (meta tags, JSON-LD,
``<time>`` elements, date-shaped text around the headline, the URL) and the text
capture reader (the date line under a headline). The modules, each with one job:

- ``machine``: machine-written dates (ISO 8601 and the like) with the standard library
  and dateutil; offsets kept.
- ``locale_months``: the month names of dateparser's locale data, the month vocabulary
  of every reader here: a day, month name and year in a known language, and the merged
  month words of the common languages for texts of unknown language.
- ``free_text``: dates written for people in a page of known language, alone or found
  inside a text; dateparser only as the last, slow resort.
- ``lines``: the date a line of a text capture states (language unknown, on the hot
  path of text extraction: regexes and a dict look-up). No zone in the line, no zone
  in the result.
- ``url``: the day written in a URL path.
"""

from __future__ import annotations

from thresher.dates.free_text import find_date_in_text, find_dates_in_text, parse_free_text_date
from thresher.dates.lines import parse_date_line, parse_date_line_thoroughly
from thresher.dates.locale_months import month_words, parse_day_month_year
from thresher.dates.machine import day_first, is_plausible, parse_date
from thresher.dates.url import date_from_url

__all__ = [
    "date_from_url",
    "day_first",
    "find_date_in_text",
    "find_dates_in_text",
    "is_plausible",
    "month_words",
    "parse_date",
    "parse_date_line",
    "parse_date_line_thoroughly",
    "parse_day_month_year",
    "parse_free_text_date",
]
