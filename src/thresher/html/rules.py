"""The line rules: what a block inside the article, outside any furniture, is.

Two facts about the blocks before come first (``LineRules.decide``): everything after a
comment-section heading that follows the text is comments, and text already kept is
repeated text. Then ``RULES`` is read top to bottom, and the first rule whose test holds
drops the block with its reason; a block no rule drops is main text. Each rule is a
small predicate and the reason it gives. Order matters: the link-list test goes before
the headline tests (a linked "headline" in a list is a list entry), and the headline,
byline and date tests read only the lines above the first paragraph.

What the rules know of the blocks before is explicit in ``LineRules`` (the first
paragraph seen, the comment section entered, the texts kept so far); the few rules that
record what they found (the byline, the captions dropped, the start of the comments) do
it in their ``then``, run only when the rule fires.

Speed: every block of the article meets the table, so each rule states the lengths
(``shorter_than``) and kinds of block (``kinds``) it reads and whether it reads only above
the first paragraph (``above_text``); the rules for each kind, phase and length are listed
once, at import (``rules_for``). A long paragraph meets only the few rules for any length,
and no predicate is called to say that a paragraph is no table. Each predicate keeps its
cheap tests first (a character) before a pattern.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from thresher.dates import parse_date
from thresher.html.blocks import TextBlock
from thresher.html.metadata.authors import is_byline_line
from thresher.html.metadata.text import normalise_for_match
from thresher.html.switches import enabled
from thresher.html.vocabulary import (
    AD_LABEL,
    BARE_URLS,
    COMMENTS_HEADING,
    CONTRIBUTOR_CLOSING,
    CONTRIBUTOR_OPENING,
    CREDIT_LINE,
    CREDIT_TAIL,
    DATE_AFTER_SEPARATOR,
    DATE_LINE,
    NOTICE_LINE,
    RELATED_PHRASE,
    REVIEWS_HEADING,
    RIGHTS_RESERVED,
    SHOP_SUGGESTIONS,
    UI_LABEL,
)
from thresher.models import BlockKind, BlockReason

__all__ = ["RULES", "LineRules", "Rule", "RuleTable", "linked_sentence", "rules_for"]

#: The kinds the rules test, bound once: a member look-up on an enum class is a slow
#: attribute look-up (tens of ns), and the rules test kinds for every block.
_HEADING, _PARAGRAPH, _CAPTION, _TABLE, _LIST_ITEM = (
    BlockKind.HEADING,
    BlockKind.PARAGRAPH,
    BlockKind.CAPTION,
    BlockKind.TABLE,
    BlockKind.LIST_ITEM,
)
#: Shortest link-dense paragraph read as a sentence rather than a link list.
_LINKED_SENTENCE = 100
_SENTENCE_END = frozenset('.!?"”»)')
#: Longest block above the first paragraph that is read as a headline, byline or date line.
_HEADER_LINE = 200
_ANY_LENGTH = 1 << 62


def linked_sentence(block: TextBlock) -> bool:
    """A long, finished sentence whose words are mostly links (a paragraph of sources,
    a deals round-up) is prose, unlike a list of headlines or menu entries."""
    text = block.text
    return (
        len(text) >= _LINKED_SENTENCE
        and block.kind_tag in ("p", "li")
        and text[-1] in _SENTENCE_END
        and not text.endswith("...")
    )


def _is_date(text: str) -> bool:
    """A line that is a date and nothing else ("March 3, 2009", "03.03.2009 14:30")."""
    return any(ch.isdigit() for ch in text) and parse_date(text, dayfirst=True) is not None


class LineRules:
    """What the rules know of the page and of the blocks before the current one."""

    __slots__ = (
        "byline",
        "captions",
        "cards",
        "cards_text",
        "in_comments",
        "include_captions",
        "include_comments",
        "include_tables",
        "keep_repeats",
        "kept_texts",
        "links",
        "list_credit",
        "opened_box",
        "reviews",
        "seen_paragraph",
        "shop",
        "title_key",
    )

    def __init__(
        self, include_comments: bool, include_tables: bool, include_captions: bool, title: str | None
    ) -> None:
        self.include_comments = include_comments
        self.include_tables = include_tables
        self.include_captions = include_captions
        self.title_key = normalise_for_match(title) if title else ""
        #: The first byline line dropped above the text ("By Jane Doe").
        self.byline = ""
        self.captions = 0  # captions dropped inside the article
        self.seen_paragraph = False
        self.in_comments = False  # after a "Comments" heading that follows the article text
        self.kept_texts: set[str] = set()
        #: The page is a listing of cards: a heading that is a link is an item's title.
        self.cards = False
        #: … and the first line kept, not only a paragraph, ends the lines above the text.
        self.cards_text = False
        #: The page's content is its lists: link lists are kept.
        self.links = False
        #: The page is documentation: a reference repeats its section titles and descriptions.
        self.keep_repeats = False
        self.list_credit = enabled("list-credit")
        #: The page is a product's: a "Reviews" heading opens its buyers' reviews.
        self.reviews = False
        #: "Customers also bought" headings title a shop's suggestions (``shop-suggestions``).
        self.shop = enabled("shop-suggestions")
        #: The block just decided is a heading whose box, to its end, is not the
        #: article: a product's reviews (COMMENTS), a shop's suggestions (RELATED_LINKS).
        #: ``classify.decide_blocks`` reads and clears it.
        self.opened_box: BlockReason | None = None

    def decide(self, block: TextBlock, kind: BlockKind, table: RuleTable) -> Verdict:
        """(kept, reason, related) for a block of the article outside any furniture;
        ``table`` is ``rules_for(kind)``."""
        text = block.text
        if self.in_comments:
            return _IN_COMMENTS
        if text in self.kept_texts and not self.keep_repeats:
            return _REPEATED
        length = len(text)
        phase = table[self.seen_paragraph]  # (above the first paragraph: 0; below it: 1)
        for test, verdict, then in phase[length if length < _LONGEST else _LONGEST]:
            if test(self, block, text, kind):
                if then is not None:
                    then(self, text, kind)
                return verdict
        self.kept_texts.add(text)
        if kind is _PARAGRAPH or self.cards_text:
            # (on a page of cards, the first card kept ends the page's head: its
            # entries' dates and names are theirs, not the page's byline)
            self.seen_paragraph = True
        return _KEPT


_KEPT = (True, BlockReason.MAIN_TEXT, False)
_IN_COMMENTS = (False, BlockReason.COMMENTS, False)
_REPEATED = (False, BlockReason.REPEATED_TEXT, False)

#: A rule's test: (state, block, its text, its kind).
Test = Callable[[LineRules, TextBlock, str, BlockKind], bool]
#: What a rule records when it fires: (state, the block's text, its kind).
Then = Callable[[LineRules, str, BlockKind], None]


class Rule(NamedTuple):
    reason: BlockReason
    test: Test
    #: The rule reads only blocks shorter than this, …
    shorter_than: int = _ANY_LENGTH
    #: … of these kinds (``test`` is not called for others), …
    kinds: frozenset[BlockKind] = frozenset(BlockKind)
    #: … and, when set, only above the article's first paragraph (the headline, byline
    #: and date lines).
    above_text: bool = False
    #: The block points to other stories: its links belong in ``related``.
    related: bool = False
    then: Then | None = None


# ------------------------------------------------------------------ the tests ----
def _comments_heading(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return not rules.include_comments and COMMENTS_HEADING.fullmatch(text) is not None


def _enter_comments(rules: LineRules, text: str, kind: BlockKind) -> None:
    # Only a heading after the article's text opens the comment section.
    rules.in_comments = rules.seen_paragraph and kind is _HEADING


def _reviews_heading(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return rules.reviews and not rules.include_comments and REVIEWS_HEADING.fullmatch(text) is not None


def _open_reviews(rules: LineRules, text: str, kind: BlockKind) -> None:
    rules.opened_box = BlockReason.COMMENTS


def _ad_label(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return AD_LABEL.fullmatch(text) is not None


def _control_label(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return UI_LABEL.fullmatch(text) is not None


def _link_list(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return (
        block.link_chars / len(text) > 0.5
        and not linked_sentence(block)
        and not (rules.cards and kind is _HEADING)
        and not rules.links
    )


def _first_headline(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return block.kind_tag == "h1"  # (the level-1 heading)


# Pages laid out with <br> and <font> put the headline, byline and date in plain lines
# above the text: the next three rules read only those lines.
def _title_line(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return bool(rules.title_key) and normalise_for_match(text) == rules.title_key


def _byline_line(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return is_byline_line(text)


def _note_byline(rules: LineRules, text: str, kind: BlockKind) -> None:
    rules.byline = rules.byline or text


def _date_alone(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return _is_date(text)


def _table(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return not rules.include_tables


def _caption(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return not rules.include_captions


def _count_caption(rules: LineRules, text: str, kind: BlockKind) -> None:
    rules.captions += 1


def _related_phrase(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return bool(block.links or kind is _HEADING and len(text) < 80) and RELATED_PHRASE.match(text) is not None


def _shop_suggestions(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return rules.shop and SHOP_SUGGESTIONS.fullmatch(text) is not None


def _open_suggestions(rules: LineRules, text: str, kind: BlockKind) -> None:
    rules.opened_box = BlockReason.RELATED_LINKS


def _picture_credit(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return CREDIT_LINE.match(text) is not None


def _credit_tail(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    # (the cheap test first) A list item ending in "(… images …)" is a catalogue entry.
    return (
        ")" in text
        and (kind is not _LIST_ITEM or not rules.list_credit)
        and CREDIT_TAIL.search(text) is not None
    )


def _contributor(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return CONTRIBUTOR_OPENING.match(text) is not None or CONTRIBUTOR_CLOSING.search(text) is not None


def _bare_address(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    # (the cheap test first: with a space in it, only a list of addresses opening with
    # "http" or "www" can match)
    return (" " not in text or text.lstrip()[:1] in "hHwW") and BARE_URLS.fullmatch(text) is not None


def _date_line(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return DATE_LINE.match(text) is not None or DATE_AFTER_SEPARATOR.search(text) is not None


def _notice(rules: LineRules, block: TextBlock, text: str, kind: BlockKind) -> bool:
    return NOTICE_LINE.match(text) is not None or RIGHTS_RESERVED.search(text) is not None


_R = BlockReason
_HEADINGS = frozenset([_HEADING])
_NOT_TABLE = frozenset(BlockKind) - {_TABLE}
#: The rules, in the order they are tried (after the two that follow from the blocks
#: before: everything after a comment-section heading is comments, and text already
#: kept is repeated text; see ``LineRules.decide``).
RULES: tuple[Rule, ...] = (
    Rule(_R.COMMENTS, _comments_heading, shorter_than=40, then=_enter_comments),
    Rule(_R.COMMENTS, _reviews_heading, shorter_than=40, kinds=_HEADINGS, then=_open_reviews),
    Rule(_R.ADVERTISING, _ad_label, shorter_than=40),
    Rule(_R.CONTROL_LABEL, _control_label, shorter_than=20),
    Rule(_R.LINK_LIST, _link_list, kinds=_NOT_TABLE),
    Rule(_R.HEADLINE, _first_headline, kinds=_HEADINGS, above_text=True),
    Rule(_R.HEADLINE, _title_line, shorter_than=_HEADER_LINE, kinds=_NOT_TABLE, above_text=True),
    Rule(
        _R.BYLINE_DATE,
        _byline_line,
        shorter_than=_HEADER_LINE,
        kinds=_NOT_TABLE,
        above_text=True,
        then=_note_byline,
    ),
    Rule(_R.BYLINE_DATE, _date_alone, shorter_than=40, kinds=_NOT_TABLE, above_text=True),
    Rule(_R.TABLE, _table, kinds=frozenset([_TABLE])),
    Rule(_R.CAPTION, _caption, kinds=frozenset([_CAPTION]), then=_count_caption),
    Rule(_R.RELATED_LINKS, _related_phrase, shorter_than=200, related=True),
    Rule(
        _R.RELATED_LINKS,
        _shop_suggestions,
        shorter_than=80,
        kinds=_HEADINGS,
        related=True,
        then=_open_suggestions,
    ),
    Rule(_R.PICTURE_CREDIT, _picture_credit, shorter_than=120),
    Rule(_R.CAPTION, _credit_tail, shorter_than=400),
    Rule(_R.BYLINE_DATE, _contributor, shorter_than=300),
    Rule(_R.BARE_ADDRESS, _bare_address),
    Rule(_R.BYLINE_DATE, _date_line, shorter_than=100, kinds=frozenset(BlockKind) - _HEADINGS),
    Rule(_R.NOTICE, _notice, shorter_than=80),
)

#: The rules that read blocks of one kind, as (test, verdict, then) in order, the
#: verdict being what ``LineRules.decide`` answers when the test holds:
#: ``[above the first paragraph, below it][length]`` (``_LONGEST`` stands for longer).
Verdict = tuple[bool, BlockReason, bool]
Entry = tuple[Test, Verdict, Then | None]
RuleTable = tuple[list[tuple[Entry, ...]], ...]
_LONGEST = max(rule.shorter_than for rule in RULES if rule.shorter_than < _ANY_LENGTH)


def _tables() -> dict[BlockKind, RuleTable]:
    # One entry per rule and one tuple per distinct list of rules, shared by all the
    # lengths, kinds and phases that have it: a few hundred objects for the collector
    # to walk, not one per length.
    entries = [(rule.test, (False, rule.reason, rule.related), rule.then) for rule in RULES]
    distinct: dict[tuple[Entry, ...], tuple[Entry, ...]] = {}

    def listed(kind: BlockKind, above: bool, length: int) -> tuple[Entry, ...]:
        found = tuple(
            entry
            for rule, entry in zip(RULES, entries, strict=True)
            if length < rule.shorter_than and kind in rule.kinds and (above or not rule.above_text)
        )
        return distinct.setdefault(found, found)

    return {
        kind: tuple(
            [listed(kind, above, length) for length in range(_LONGEST + 1)] for above in (True, False)
        )
        for kind in BlockKind
    }


_TABLES = _tables()


def rules_for(kind: BlockKind) -> RuleTable:
    """The rules that read blocks of ``kind``, by length (look it up once per kind, not
    per block: ``LineRules.decide`` takes it)."""
    return _TABLES[kind]
