"""Rule switches for measurement: the names of the body rules turned off.

The benchmark's ablation (``bench/cv.py``) turns rules off one at a time to measure
what each is worth on every development set. Not an option of ``extract``: the rules
are one method, and a page is read with all of them.
"""

from __future__ import annotations

__all__ = ["DISABLED", "enabled"]

#: Names of the rules turned off (see ``RULES``).
DISABLED: frozenset[str] = frozenset()

#: Every rule that can be turned off, with what it does.
RULES = {
    "post-taxonomy": "a post wrapper's taxonomy classes (tag-, category-, author-) are not furniture names",
}


def enabled(rule: str) -> bool:
    return rule not in DISABLED
