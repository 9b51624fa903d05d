"""Diffs of hand-built articles: the seed pair's structure and each alignment operation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stories_helpers import article, made_up_paragraphs
from thresher.models import Article
from thresher.stories import diff_articles
from thresher.stories.align import align, normalize, word_changes
from thresher.stories.sentences import split_sentences

BODY = [
    "Officials said on Tuesday that the bridge would reopen next month after repairs.",
    "The bridge, built in 1931, carries about forty thousand vehicles a day.",
    "Engineers found cracks in two of its supports during an inspection in March.",
    "Traffic has been diverted through the old town since then, slowing buses.",
    "Local shops say the diversion has brought them more customers than usual.",
    "The city council approved an extra budget for the work in April.",
    "Critics argued that the inspection should have happened years earlier.",
    "NATO-style acronyms aside, the council said providing Russia-style guarantees was odd.",
    "A ceremony is planned for the reopening, the mayor's office said.",
]


def seed_like_pair():
    old = article(
        "Officials believe bridge reopening next month, council reports",
        BODY,
        related=("Council approves new budget for city roads",),
    )
    edited = [p.replace("providing Russia", "providingRussia") for p in BODY]
    new = article(
        "Officials believe bridge allegedly reopening next month, council reports",
        edited,
        captions=("Photo for illustrative purposes: the bridge seen from the river",),
        related=("Council approves new budget for city roads",),
    )
    return old, new


def test_seed_like_pair_reports_exactly_the_changes():
    old, new = seed_like_pair()
    diff = diff_articles(old, new)
    assert diff.headline.op == "edited"
    inserted = [c.b.strip() for c in diff.headline.words if c.op == "insert"]
    assert inserted == ["allegedly"]
    assert not [c for c in diff.headline.words if c.op in ("delete", "replace")]
    assert [(c.op, c.b) for c in diff.captions] == [
        ("added", "Photo for illustrative purposes: the bridge seen from the river")
    ]
    assert diff.summary()["paragraphs"] == {"unchanged": 8, "edited": 1}
    edited = [p for p in diff.paragraphs if p.op == "edited"][0]
    assert [(c.op, c.a, c.b) for c in edited.words if c.op != "equal"] == [
        ("replace", "providing Russia", "providingRussia")
    ]
    assert [(link.op, link.text) for link in diff.related] == [
        ("unchanged", "Council approves new budget for city roads")
    ]
    assert not diff.published_changed
    assert not diff.identical


def test_related_links_match_across_labels_and_urls():
    old = article("T", ["x"], related=("Read also: Bridge reopens", "Council votes", "Old teaser"))
    new = article("T", ["x"], related=("Bridge reopens", "Council votes", "New teaser"))
    changes = [(c.op, c.text) for c in diff_articles(old, new).related]
    assert changes == [
        ("unchanged", "Bridge reopens"),
        ("unchanged", "Council votes"),
        ("added", "New teaser"),
        ("deleted", "Old teaser"),
    ]


def test_date_change_counts_only_when_both_dates_are_known():
    from datetime import datetime

    old = article("T", ["Same body."], published=datetime(2024, 7, 2, 9, 0))
    moved = article("T", ["Same body."], published=datetime(2024, 7, 3, 9, 0))
    undated = article("T", ["Same body."])
    assert diff_articles(old, moved).published_changed
    assert not diff_articles(old, moved).identical
    assert not diff_articles(old, undated).published_changed
    assert diff_articles(old, undated).identical


def test_identical_articles_have_no_changes():
    old, _ = seed_like_pair()
    diff = diff_articles(old, old)
    assert diff.identical
    assert {p.op for p in diff.paragraphs} == {"unchanged"}


def test_typography_and_whitespace_only_changes_are_trivial():
    old = article("A “quoted” headline — here", ['He said: "It is done."  Then   left.'])
    new = article('A "quoted" headline - here', ["He said: “It is done.” Then left."])
    diff = diff_articles(old, new)
    assert diff.headline.op == "trivial"
    assert [p.op for p in diff.paragraphs] == ["trivial"]
    assert diff.identical


def test_joining_two_words_is_an_edit_not_whitespace():
    changes = word_changes("against providing Russia with", "against providingRussia with")
    assert [(c.op, c.a, c.b) for c in changes if c.op != "equal"] == [
        ("replace", "providing Russia", "providingRussia")
    ]


def test_added_deleted_and_moved_paragraphs():
    old = article("T", BODY[:6])
    new = article(
        "T",
        [
            BODY[0],
            BODY[3],
            BODY[1],
            BODY[2],
            "A new paragraph about the opening date of the bridge.",
            BODY[5],
        ],
    )
    ops = [(p.op, p.a_index, p.b_index) for p in diff_articles(old, new).paragraphs]
    assert ("added", None, 4) in ops
    assert ("deleted", 4, None) in ops
    moved = [op for op in ops if op[0] == "moved"]
    assert len(moved) == 1
    assert sum(1 for op in ops if op[0] == "unchanged") == 4


def test_sentence_moved_between_paragraphs_is_moved_at_sentence_level():
    old = article(
        "T", ["First point is made here. Second point follows it.", "Third point closes the piece."]
    )
    new = article(
        "T", ["First point is made here.", "Third point closes the piece. Second point follows it."]
    )
    sentences = diff_articles(old, new).sentences
    assert sorted(s.op for s in sentences) == ["moved", "unchanged", "unchanged"]


def test_edited_paragraph_carries_sentence_alignment():
    old = article("T", ["The mayor spoke first. The crowd cheered loudly. Then it rained."])
    new = article("T", ["The mayor spoke first. The crowd cheered very loudly. Then it rained."])
    paragraph = diff_articles(old, new).paragraphs[0]
    assert paragraph.op == "edited"
    assert [s.op for s in paragraph.children] == ["unchanged", "edited", "unchanged"]


def test_headline_added_and_deleted():
    assert diff_articles(article(None, ["x"]), article("New", ["x"])).headline.op == "added"
    assert diff_articles(article("Old", ["x"]), article(None, ["x"])).headline.op == "deleted"


def test_split_sentences_keeps_abbreviations():
    assert split_sentences("Mr. Smith met U.S. officials on Jan. 5. They agreed. Did they?") == [
        "Mr. Smith met U.S. officials on Jan. 5.",
        "They agreed.",
        "Did they?",
    ]


def test_normalize_maps_typography():
    assert normalize("“a”\u00a0—  ‘b’…") == "\"a\" - 'b'..."


units = st.lists(
    st.sampled_from(
        ["alpha beta", "gamma delta", "epsilon", "zeta eta theta", "iota", "alpha beta gamma", "kappa lambda"]
    ),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(units, units)
def test_alignment_accounts_for_every_unit_once(a, b):
    result = align(a, b)
    assert sorted(u.a_index for u in result if u.a_index is not None) == list(range(len(a)))
    assert [u.b_index for u in result if u.b_index is not None] == list(range(len(b)))
    for unit in result:
        if unit.a_index is not None:
            assert unit.a == a[unit.a_index]
        if unit.b_index is not None:
            assert unit.b == b[unit.b_index]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_word_changes_rebuild_both_sides(a, b):
    changes = word_changes(a, b)
    assert "".join(c.a for c in changes) == a
    assert "".join(c.b for c in changes) == b


def _moved(old: list[str], new: list[str]) -> list[str]:
    return [unit.b or "" for unit in align(old, new) if unit.op == "moved"]


def test_the_sentence_that_jumped_is_moved_not_those_it_jumped_over():
    old = BODY[:6]
    new = [BODY[0], BODY[2], BODY[3], BODY[1], BODY[4], BODY[5]]
    assert _moved(old, new) == [BODY[1]]
    new = [BODY[0], BODY[1], BODY[5], BODY[2], BODY[3], BODY[4]]
    assert _moved(old, new) == [BODY[5]]


def test_edited_sentences_hold_their_place_for_moves():
    old = BODY[:6]
    reworded = [s.replace(".", " again.") for s in BODY[1:4]]
    new = [*reworded, BODY[0], BODY[4], BODY[5]]
    ops = [(unit.op, unit.b) for unit in align(old, new)]
    assert ops[:4] == [
        ("edited", reworded[0]),
        ("edited", reworded[1]),
        ("edited", reworded[2]),
        ("moved", BODY[0]),
    ]
    assert [op for op, _ in ops[4:]] == ["unchanged", "unchanged"]


@settings(max_examples=200, deadline=None)
@given(st.permutations(list(range(8))))
def test_what_stays_in_place_is_in_order_and_as_long_as_possible(order):
    old = BODY[:8] if len(BODY) >= 8 else BODY
    new = [old[i] for i in order if i < len(old)]
    result = align(old, new)
    kept = [unit.a_index for unit in result if unit.op == "unchanged"]
    assert kept == sorted(kept)
    longest = [1] * len(new)  # longest increasing run of old positions, by quadratic DP
    positions = [i for i in order if i < len(old)]
    for j in range(len(positions)):
        for k in range(j):
            if positions[k] < positions[j]:
                longest[j] = max(longest[j], longest[k] + 1)
    assert len(kept) == max(longest)


def test_captions_kept_with_images_are_diffed_like_caption_blocks():
    from thresher.models import Image

    old = article("T", BODY[:3])
    with_block = article("T", BODY[:3], captions=("The bridge at dawn",))
    image = Image(url="a.jpg", caption="The bridge at dawn")
    with_image = Article(title="T", blocks=old.blocks, images=(image,))
    for new in (with_block, with_image):
        assert [(c.op, c.b) for c in diff_articles(old, new).captions] == [("added", "The bridge at dawn")]
    assert diff_articles(with_block, with_image).identical


def test_unrelated_articles_share_almost_nothing():
    other = article("Museum opens new wing", made_up_paragraphs(3, 4))
    diff = diff_articles(article("Bridge to reopen", BODY), other)
    assert diff.unrelated and diff.shared == 0.0
    assert diff.summary()["headline"] == "different"
    teaser = article("Bridge to reopen", BODY[:2])
    assert not diff_articles(teaser, article("Bridge to reopen next month", BODY)).unrelated
    rewritten = article("Bridge to reopen next month", made_up_paragraphs(4, 1))
    assert not diff_articles(article("Bridge to reopen", BODY[:1]), rewritten).unrelated


def test_identical_neighbours_fold_into_one_version():
    from datetime import datetime

    from thresher.stories.store_access import StoredCapture
    from thresher.stories.versions import fold_identical

    old, new = seed_like_pair()
    related = tuple(link.text for link in old.related)
    retyped = article(old.title, [p.replace("'", "’") for p in BODY], related=related)
    assert retyped.text != old.text

    def capture(record_id: int, art: Article, digest: str) -> StoredCapture:
        return StoredCapture(record_id, None, datetime(2024, 1, record_id), art, f"{record_id}.html", digest)

    captures = [
        capture(1, old, "x"),
        capture(2, old, "x"),
        capture(3, retyped, "y"),
        capture(4, new, "z"),
        capture(5, old, "x"),
    ]
    versions = fold_identical(captures)
    assert [[c.id for c in v.captures] for v in versions] == [[1, 2, 3], [4], [5]]
    assert versions[0].label().endswith("; 3 identical captures")
