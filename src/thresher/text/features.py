"""Numbers that describe each line and its neighbourhood, for the line classifier.

Only the shape of the text counts: length, sentence punctuation, function-word
density, capitalisation, link-list and menu shape, interface vocabulary, position,
and the same for the neighbours. All per-line work is a few precompiled regexes and
set look-ups, so a capture of a few hundred lines costs well under a millisecond.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from thresher.text.lines import Line
from thresher.text.vocabulary import INTERFACE, MONTHS, READING_TIME, STOPWORDS

__all__ = ["LineStats", "OWN_FEATURES", "line_stats", "own_features", "context_features",
           "CONTEXT_FEATURES"]

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?…。！？](?:[\"'”’»)\]]*)(?=\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?…。！？:;][\"'”’»)\]]*$")
_FULL_STOP = re.compile(r"[.…。][\"'”’»)\]]*$")
_BULLET = re.compile(r"^(?:[•·▪►▸\-–—*+●○■□✓✔]|\d{1,2}[.)])\s")
_SEPARATORS = re.compile(r"\s[|·•/»›>]\s|\s[|·•]$|^[|·•]\s")
_DATE_SHAPE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d\d\b")
_URL = re.compile(r"https?://|www\.|\S@\S+\.\w")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|copyright", re.I)


@dataclass(slots=True)
class LineStats:
    """What the classifier and the post-rules need to know about one line."""

    words: int
    chars: int
    ends_sentence: bool
    #: Ends with a full stop (not a question or exclamation mark): statement prose.
    full_stop: bool
    sentences: int
    commas: int
    stop_ratio: float
    cap_ratio: float
    digit_ratio: float
    bullet: bool
    separators: bool
    interface: bool
    date_like: bool
    reading_time: bool
    copyright: bool
    ends_colon: bool
    starts_lower: bool
    all_caps: bool
    starts_quote: bool
    url: bool
    mean_word_len: float
    repeated: bool
    is_image: bool
    blank_before: bool
    blank_after: bool


def _stats(line: Line, repeated: bool) -> LineStats:
    text = line.text
    if line.is_image:
        return LineStats(0, len(text), False, False, 0, 0, 0.0, 0.0, 0.0, False, False, False, False, False,
                         False, False, False, False, False, False, 0.0, repeated, True,
                         line.blank_before, line.blank_after)
    sample = text if len(text) <= 4000 else text[:4000]
    words = _WORD.findall(sample)
    n = len(words)
    if len(text) > 4000:  # long lines: estimate counts from the sample, keep it linear and cheap
        n = max(n, int(n * len(text) / 4000))
    lowered = [w.lower() for w in words]
    stop = sum(1 for w in lowered if w in STOPWORDS)
    caps = sum(1 for w in words if w[0].isupper())
    digits = sum(1 for c in sample if c.isdigit())
    nw = max(len(words), 1)
    short = n <= 12
    month = short and any(w in MONTHS for w in lowered)
    return LineStats(
        words=n,
        chars=len(text),
        ends_sentence=bool(_ENDS_SENTENCE.search(text[-8:])),
        full_stop=bool(_FULL_STOP.search(text[-8:])),
        sentences=len(_SENTENCE_END.findall(sample)),
        commas=sample.count(",") + sample.count("，") + sample.count("、"),
        stop_ratio=stop / nw,
        cap_ratio=caps / nw,
        digit_ratio=digits / max(len(sample), 1),
        bullet=bool(_BULLET.match(text)),
        separators=bool(_SEPARATORS.search(sample)),
        interface=short and bool(INTERFACE.search(sample)),
        date_like=short and (month or bool(_DATE_SHAPE.search(sample))),
        reading_time=short and bool(READING_TIME.match(text)),
        copyright=short and bool(_COPYRIGHT.search(sample)) or (n <= 25 and "©" in sample),
        ends_colon=text.endswith(":"),
        starts_lower=text[0].islower(),
        all_caps=len(text) > 3 and text.isupper(),
        starts_quote=text[0] in "\"'“”„«‘’",
        url=bool(_URL.search(sample)),
        mean_word_len=(sum(len(w) for w in words) / nw) if words else 0.0,
        repeated=repeated,
        is_image=False,
        blank_before=line.blank_before,
        blank_after=line.blank_after,
    )


def line_stats(lines: list[Line]) -> list[LineStats]:
    """The ``LineStats`` of every line; a line whose text occurs twice is ``repeated``."""
    counts = Counter(line.text for line in lines if not line.is_image)
    return [_stats(line, counts[line.text] > 1) for line in lines]


OWN_FEATURES = [
    "log_words", "long", "short", "ends_sentence", "log_sentences", "comma_rate", "stop_ratio",
    "cap_ratio", "digit_ratio", "bullet", "separators", "interface", "date_like", "reading_time",
    "copyright", "ends_colon", "starts_lower", "all_caps", "starts_quote", "url", "mean_word_len",
    "repeated", "is_image", "blank_before", "blank_after", "position", "position_sq",
]


def own_features(stats: list[LineStats]) -> list[list[float]]:
    """One vector per line, of the line alone (position included), named by ``OWN_FEATURES``."""
    total = max(len(stats) - 1, 1)
    rows = []
    for i, s in enumerate(stats):
        position = i / total
        rows.append([
            math.log1p(s.words), float(s.words >= 15), float(s.words <= 3), float(s.ends_sentence),
            math.log1p(s.sentences), s.commas / (s.words + 1), s.stop_ratio, s.cap_ratio,
            s.digit_ratio, float(s.bullet), float(s.separators), float(s.interface), float(s.date_like),
            float(s.reading_time), float(s.copyright), float(s.ends_colon), float(s.starts_lower),
            float(s.all_caps), float(s.starts_quote), float(s.url), min(s.mean_word_len, 15.0) / 5,
            float(s.repeated), float(s.is_image), float(s.blank_before), float(s.blank_after),
            position, position * position,
        ])
    return rows


# Neighbourhood summaries: the previous/next line's main traits and windowed means.
CONTEXT_FEATURES = [
    "prev_log_words", "prev_ends_sentence", "prev_stop_ratio", "prev_interface",
    "next_log_words", "next_ends_sentence", "next_stop_ratio", "next_interface",
    "prev2_log_words", "next2_log_words",
    "win3_log_words", "win3_ends_sentence", "win3_stop_ratio", "win3_interface",
    "win10_log_words", "win10_ends_sentence", "win10_long",
]


def _window_means(values: list[float], radius: int) -> list[float]:
    """Mean of ``values`` over ``[i - radius, i + radius]`` (clipped), excluding ``i`` itself."""
    n = len(values)
    prefix = [0.0]
    for v in values:
        prefix.append(prefix[-1] + v)
    out = []
    for i in range(n):
        lo, hi = max(0, i - radius), min(n, i + radius + 1)
        count = hi - lo - 1
        out.append((prefix[hi] - prefix[lo] - values[i]) / count if count > 0 else 0.0)
    return out


def context_features(own: list[list[float]]) -> list[list[float]]:
    """One vector per line describing its neighbours, named by ``CONTEXT_FEATURES``."""
    n = len(own)
    if not n:
        return []
    log_words = [row[0] for row in own]
    ends = [row[3] for row in own]
    stop = [row[6] for row in own]
    interface = [row[11] for row in own]
    long = [row[1] for row in own]
    w3 = [_window_means(v, 3) for v in (log_words, ends, stop, interface)]
    w10 = [_window_means(v, 10) for v in (log_words, ends, long)]
    rows = []
    for i in range(n):
        p = i - 1 if i > 0 else None
        q = i + 1 if i + 1 < n else None
        rows.append([
            log_words[p] if p is not None else 0.0, ends[p] if p is not None else 0.0,
            stop[p] if p is not None else 0.0, interface[p] if p is not None else 0.0,
            log_words[q] if q is not None else 0.0, ends[q] if q is not None else 0.0,
            stop[q] if q is not None else 0.0, interface[q] if q is not None else 0.0,
            log_words[i - 2] if i >= 2 else 0.0, log_words[i + 2] if i + 2 < n else 0.0,
            w3[0][i], w3[1][i], w3[2][i], w3[3][i], w10[0][i], w10[1][i], w10[2][i],
        ])
    return rows
