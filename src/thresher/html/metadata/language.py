"""Language tags → a BCP-47-like code: "en", "de", "pt-BR", "zh-Hant"."""

from __future__ import annotations

import re

__all__ = ["normalise_language"]

_TAG = re.compile(r"^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|[0-9]{3}))?(?:-|$)")


def normalise_language(value: str | None) -> str | None:
    """The language, script and region subtags of a tag, in canonical case; None if not a tag.

    Accepts the underscore form of locales (``og:locale`` = "pt_BR") and lists
    ("de, en": the first wins)."""
    if not value:
        return None
    text = value.strip().split(",")[0].split(";")[0].strip().replace("_", "-").casefold()
    match = _TAG.match(text)
    if not match or match[1] in {"und", "mul", "zxx", "xx"}:
        return None
    parts = [match[1]]
    if match[2]:
        parts.append(match[2].title())
    if match[3]:
        parts.append(match[3].upper())
    return "-".join(parts)
