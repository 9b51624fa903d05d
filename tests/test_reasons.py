"""One vocabulary of reasons for both readers, and the HTML reader's line rules, each
shown on a small page written for it."""

from __future__ import annotations

import pytest

from thresher import Block, BlockKind, BlockReason, ExtractOptions, extract
from thresher.html.rules import RULES, rules_for

PARAGRAPHS = [
    "The old harbour reopened on Monday after two years of repairs to its sea wall and its piers, "
    "the council said in a statement on its website.",
    "Fishing boats returned at dawn, and the market on the quay was busy again by nine o'clock in "
    "the morning, traders said.",
    "The council said the work came in under budget, and thanked residents for their patience during "
    "the long closure of the quay.",
    "Engineers will inspect the sea wall again in the spring, when the highest tides of the year are "
    "expected along the coast.",
    "Shops along the quay reported their busiest morning in two years, and the ferry company said it "
    "would restore its timetable.",
]


def _reasons(page: str, **options: object) -> dict[str, BlockReason]:
    article = extract(page, options=ExtractOptions(explain=True, **options))  # type: ignore[arg-type]
    return {block.text: block.reason for block in article.decisions}


def _html(header: str, middle: str, tail: str = "") -> str:
    first, *rest = (f"<p>{text}</p>" for text in PARAGRAPHS)
    return (
        f"<html><body><article><h1>Harbour reopens</h1>{header}{first}{middle}"
        f"{''.join(rest)}{tail}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("<p>Advertisement</p>", BlockReason.ADVERTISING),
        ("<p>Close</p>", BlockReason.CONTROL_LABEL),
        ("<ul><li><a href='/a'>Weather</a></li><li><a href='/b'>Sport</a></li></ul>", BlockReason.LINK_LIST),
        ("<p>Photo: Jane Doe/Reuters</p>", BlockReason.PICTURE_CREDIT),
        ("<p>(Reporting by Jane Doe; Editing by Max Muster)</p>", BlockReason.BYLINE_DATE),
        ("<p>https://example.org/harbour</p>", BlockReason.BARE_ADDRESS),
        ("<p>© 2024 Example Media. All rights reserved.</p>", BlockReason.NOTICE),
        (
            "<p>Read also: <a href='/s'>Storm</a> closed the harbour two years ago</p>",
            BlockReason.RELATED_LINKS,
        ),
        (f"<p>{PARAGRAPHS[0]}</p>", BlockReason.REPEATED_TEXT),
        ("<figure><figcaption>The quay at dawn on Monday</figcaption></figure>", BlockReason.CAPTION),
        (
            "<table><tr><td>Boats</td><td>40</td></tr><tr><td>Ferries</td><td>3</td></tr></table>",
            BlockReason.TABLE,
        ),
    ],
)
def test_each_line_rule_gives_its_reason(line: str, reason: BlockReason) -> None:
    reasons = _reasons(_html("", line), include_tables=False)
    dropped = [found for text, found in reasons.items() if text not in PARAGRAPHS[1:]]
    assert reason in dropped
    assert all(reasons[text] is BlockReason.MAIN_TEXT for text in PARAGRAPHS[1:])


def test_header_lines_are_dropped_above_the_text_only() -> None:
    above = _reasons(_html("<p>By Jane Doe</p><p>March 3, 2009</p>", ""))
    assert above["Harbour reopens"] is BlockReason.HEADLINE
    assert above["By Jane Doe"] is above["March 3, 2009"] is BlockReason.BYLINE_DATE
    below = _reasons(_html("", "<p>By Jane Doe</p><p>March 3, 2009</p>"))
    assert below["By Jane Doe"] is below["March 3, 2009"] is BlockReason.MAIN_TEXT


def test_a_comments_heading_after_the_text_drops_what_follows() -> None:
    tail = "<h2>Comments</h2><p>Great news for the town, finally, after all these years of waiting.</p>"
    reasons = _reasons(_html("", "", tail))
    assert reasons["Comments"] is BlockReason.COMMENTS
    assert (
        reasons["Great news for the town, finally, after all these years of waiting."] is BlockReason.COMMENTS
    )
    kept = _reasons(_html("", "", tail), include_comments=True)
    assert (
        kept["Great news for the town, finally, after all these years of waiting."] is BlockReason.MAIN_TEXT
    )


def test_both_readers_name_the_header_lines_alike() -> None:
    capture = "\n".join(
        ["Harbour reopens after two years", "", "By Jane Doe", "March 3, 2009", "", *PARAGRAPHS]
    )
    text = _reasons(capture, input="text")
    html = _reasons(_html("<p>By Jane Doe</p><p>March 3, 2009</p>", ""))
    for reasons in (text, html):
        assert reasons["By Jane Doe"] is reasons["March 3, 2009"] is BlockReason.BYLINE_DATE
        assert all(reasons[paragraph] is BlockReason.MAIN_TEXT for paragraph in PARAGRAPHS)
        assert all(isinstance(reason, BlockReason) for reason in reasons.values())


def test_synonyms_load_as_their_member() -> None:
    assert BlockReason("comment section") is BlockReason.COMMENTS
    assert BlockReason("related link") is BlockReason.RELATED_LINKS
    stored = {"kind": "paragraph", "text": "July 3, 2024", "kept": False, "reason": "date line"}
    assert Block.from_dict(stored) == Block(
        BlockKind.PARAGRAPH, "July 3, 2024", False, BlockReason.BYLINE_DATE
    )
    with pytest.raises(ValueError):
        BlockReason("no such reason")


def test_the_rules_of_each_kind_keep_the_table_order() -> None:
    order = {rule.test: position for position, rule in enumerate(RULES)}
    for kind in BlockKind:
        for phase in rules_for(kind):
            for rules in phase:
                positions = [order[test] for test, _, _ in rules]
                assert positions == sorted(positions)
    # a long paragraph below the first one meets only the rules for any length and kind
    assert [test.__name__ for test, _, _ in rules_for(BlockKind.PARAGRAPH)[1][-1]] == [
        "_link_list",
        "_bare_address",
    ]
