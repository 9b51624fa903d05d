"""Story grouping on made-up captures: variants join, unrelated stories stay apart."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stories_helpers import made_up_paragraphs
from thresher.stories import StoryDocument, StoryOptions, group_documents
from thresher.stories.boilerplate import chrome_lines, line_hashes, line_words
from thresher.stories.containment import containment_pairs
from thresher.stories.frequency import document_frequencies, frequent_shingles
from thresher.stories.grouping import connected_components
from thresher.stories.shingles import shingle_hashes
from thresher.stories.signatures import (
    estimate_containment,
    minhash,
    signature_from_bytes,
    signature_to_bytes,
)

DAY = datetime(2024, 7, 2, 9, 0)


def doc(paragraphs, title=None, date=None):
    return StoryDocument("\n".join(paragraphs), title, date)


def test_shingles_ignore_case_typography_and_spacing():
    a = shingle_hashes("The “Big” storm’s   eye  moved North today", 3)
    b = shingle_hashes('the "big" storm\'s eye moved north today', 3)
    assert np.array_equal(a, b)
    assert len(a) == 5


def test_shingles_depend_on_word_order_and_short_texts_are_one_shingle():
    assert not np.array_equal(shingle_hashes("a b c d e f"), shingle_hashes("f e d c b a"))
    assert len(shingle_hashes("two words")) == 1
    assert len(shingle_hashes("  ")) == 0


def test_signature_bytes_round_trip_and_estimates():
    base = shingle_hashes(" ".join(made_up_paragraphs(1, 6)))
    half = base[: len(base) // 2]
    full, part = minhash(base), minhash(half)
    loaded = signature_from_bytes(signature_to_bytes(full))
    assert loaded.jaccard(full) == 1.0
    resemblance = part.jaccard(full)
    assert 0.35 < resemblance < 0.65  # true value 0.5; 128 permutations
    assert estimate_containment(resemblance, len(half), len(base)) > 0.85


def _signed(texts):
    lines = [line_hashes(line_words(text)) for text in texts]
    shingles = [shingle_hashes(text) for text in texts]
    signatures = np.array([minhash(values).hashvalues for values in shingles])
    return lines, signatures, np.array([len(values) for values in shingles])


def test_a_line_recurring_across_different_stories_is_chrome_and_within_one_story_is_not():
    menu = "Home News Sport Weather Subscribe to our newsletter today"
    stories = [made_up_paragraphs(500 + i, 4) for i in range(4)]
    texts = [menu + "\n" + "\n".join(story) for story in stories]
    texts.append(menu + "\n" + "\n".join(stories[0][:3]))  # a second capture of story 0
    lines, signatures, sizes = _signed(texts)
    chrome = chrome_lines(lines, signatures, sizes, resemblance=0.2, containment=0.5, sample=12)
    assert chrome.tolist() == line_hashes(line_words(menu)).tolist()
    # The paragraphs story 0's two captures share are its text, not chrome.
    assert not np.isin(line_hashes(line_words("\n".join(stories[0][:3]))), chrome).any()


def test_a_line_repeated_along_a_chain_of_versions_is_not_chrome():
    version = made_up_paragraphs(600, 10)
    texts = []
    for step in range(12):  # each version drops a paragraph and gains a new one
        texts.append("\n".join(version))
        version = version[1:] + made_up_paragraphs(601 + step, 1)
    lines, signatures, sizes = _signed(texts)
    assert len(chrome_lines(lines, signatures, sizes, resemblance=0.2, containment=0.5, sample=12)) == 0
    # The sample decides a line held by more documents; a chain is still one group there
    # as long as the sampled versions link up.
    assert len(chrome_lines(lines, signatures, sizes, resemblance=0.2, containment=0.5, sample=6)) <= 2


def test_versions_of_one_story_join_and_other_stories_stay_apart():
    story = made_up_paragraphs(10, 10)
    other = made_up_paragraphs(11, 10)
    edited = story[:4] + [story[4].replace("a", "e", 3)] + story[5:] + made_up_paragraphs(12, 1)
    documents = [
        doc(story, "Storm hits coast", DAY),
        doc(other, "Election results", DAY),
        doc(edited, "Storm hits the coast", DAY + timedelta(hours=3)),
    ]
    assert group_documents(documents) == [0, 1, 0]


def test_partial_capture_joins_its_full_version_by_containment():
    story = made_up_paragraphs(20, 12)
    partial = story[:3] + [story[3] + " with a few words added"]  # resemblance about 1/3
    documents = [doc(story), doc(partial), doc(made_up_paragraphs(21, 12))]
    labels = group_documents(documents)
    assert labels[1] == labels[0] != labels[2]
    # Requiring the partial capture to lie entirely inside leaves it alone: the rule
    # that joined it was containment, not resemblance.
    assert group_documents(documents, StoryOptions(containment=1.0))[1] == 1


def test_quoted_paragraph_of_another_story_does_not_join_on_containment():
    quoted = made_up_paragraphs(50, 1)[0]
    long_story = doc(made_up_paragraphs(51, 1) + [quoted], "Parliament passes the budget", DAY)
    fragment = doc([quoted], "Harvest festival draws record crowds", DAY + timedelta(days=60))
    assert group_documents([long_story, fragment]) == [0, 1]
    # The same fragment with no headline (no evidence against it) joins on containment.
    assert group_documents([long_story, doc([quoted], None, DAY + timedelta(days=60))]) == [0, 0]


def test_teaser_joins_its_full_article_found_by_containment_candidates():
    story = made_up_paragraphs(70, 15)
    full = doc(story, "Port strike enters its third week", DAY)
    teaser = doc(story[:1], "Port strike enters its third week", DAY + timedelta(hours=2))
    others = [doc(made_up_paragraphs(71 + i, 8), f"Unrelated story {i}", DAY) for i in range(3)]
    assert group_documents([full, teaser, *others]) == [0, 0, 2, 3, 4]
    # Resemblance (1/15) is far below what the MinHash LSH proposes: without the
    # containment candidates the pair is never looked at.
    assert group_documents([full, teaser, *others], StoryOptions(containment_candidates=None))[1] == 1


def test_a_story_quoted_whole_in_another_needs_agreeing_headlines():
    quoted = made_up_paragraphs(80, 1)
    host = doc(made_up_paragraphs(81, 14) + quoted, "Parliament passes the budget", DAY)
    short_story = doc(quoted, "Harvest festival draws record crowds", DAY + timedelta(days=1))
    assert group_documents([host, short_story]) == [0, 1]


def test_a_teaser_under_a_rewritten_headline_joins_the_article_it_opens():
    story = made_up_paragraphs(82, 15)
    full = doc(story, "Port strike enters its third week", DAY)
    teaser = doc(story[:1], "Dockers vow to stay out until pay deal", DAY + timedelta(hours=2))
    assert group_documents([full, teaser]) == [0, 0]
    # The same paragraph quoted at the end of another story does not open it: it stays apart.
    host = doc(made_up_paragraphs(83, 14) + story[:1], "Dockers vow to stay out until pay deal", DAY)
    assert group_documents([host, doc(story[:1], "Port strike enters its third week", DAY)]) == [0, 1]


def test_containment_candidates_are_the_pairs_with_one_sample_inside_the_other():
    story = shingle_hashes(" ".join(made_up_paragraphs(90, 12)))
    top = [
        np.unique((values >> np.uint64(32)).astype(np.uint32))
        for values in (story, story[: len(story) // 10], shingle_hashes(" ".join(made_up_paragraphs(91, 12))))
    ]
    assert containment_pairs(*_flat(top), 0.5).tolist() == [[0, 1]]
    # A block of text in more documents than any one story has (a template) proposes nothing.
    template = np.unique(
        (shingle_hashes(" ".join(made_up_paragraphs(92, 2))) >> np.uint64(32)).astype(np.uint32)
    )
    assert len(containment_pairs(*_flat([template] * 100), 0.5, max_posting=64)) == 0


def _flat(sets):
    """Shingle sets as one array and offsets, the way grouping keeps them."""
    offsets = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum([len(values) for values in sets], out=offsets[1:])
    return np.concatenate(sets), offsets


def test_chrome_residue_does_not_glue_unrelated_stories_captured_the_same_day():
    chrome = made_up_paragraphs(99, 6)
    light = [doc(made_up_paragraphs(100 + i, 6) + chrome[:2], None, DAY) for i in range(60)]
    assert group_documents(light) == list(range(60))
    # Chrome that outweighs each story: their headlines still tell the stories apart.
    heavy = [
        doc(
            made_up_paragraphs(100 + i, 2, words=25) + chrome,
            f"Headline {i} {made_up_paragraphs(i, 1, 3)}",
            DAY,
        )
        for i in range(60)
    ]
    assert group_documents(heavy) == list(range(60))


def test_many_stories_of_one_site_stay_apart_and_each_joins_its_recaptures():
    header = ["Home", "World", "Business", "Sign in to read more", "Most read"]
    footer = made_up_paragraphs(98, 2, words=30)
    stories = [made_up_paragraphs(700 + i, 5) for i in range(20)]
    documents, truth = [], []
    for index, story in enumerate(stories):
        for capture in range(3):
            residue = made_up_paragraphs(800 + 3 * index + capture, 1, words=12)  # a varying box
            documents.append(
                doc(
                    header + story + residue + footer,
                    f"Story {index} {capture}",
                    DAY + timedelta(days=capture * 200),
                )
            )
            truth.append(index)
    labels = group_documents(documents)
    assert _partition(labels) == _partition(truth)


def test_a_paragraph_quoted_by_another_story_is_not_glue():
    quoted = made_up_paragraphs(900, 1)
    first = made_up_paragraphs(901, 4) + quoted
    second = made_up_paragraphs(902, 3) + quoted
    documents = [
        doc(first, "Dam plan approved", DAY),
        doc(first, "Dam plan approved", DAY),
        doc(second, "Dam plan opponents sue", DAY),
        doc(second, "Dam plan opponents sue", DAY),
    ]
    assert group_documents(documents) == [0, 0, 2, 2]


def test_a_long_chain_of_small_edits_over_years_is_one_story():
    version = made_up_paragraphs(950, 10)
    documents = []
    for step in range(15):
        documents.append(doc(version, "Harbour bridge", DAY + timedelta(days=120 * step)))
        version = version[1:] + made_up_paragraphs(951 + step, 1)
    others = [doc(made_up_paragraphs(990 + i, 10), f"Other {i}", DAY) for i in range(3)]
    labels = group_documents(documents + others)
    assert set(labels[:15]) == {0} and labels[15:] == [15, 16, 17]
    # The first and last versions share no paragraph: only the chain joins them.
    assert group_documents([documents[0], documents[-1]]) == [0, 1]


def test_much_captured_story_with_varying_residue_stays_one_story():
    story = made_up_paragraphs(60, 8)
    documents = [
        doc(
            story + made_up_paragraphs(200 + i, 1, words=20),
            "Live: storm hits the coast",
            DAY + timedelta(hours=4 * i),
        )
        for i in range(30)
    ]
    assert set(group_documents(documents)) == {0}


def test_headline_evidence_joins_a_heavily_rewritten_version_whatever_the_dates():
    story = made_up_paragraphs(30, 10)
    rewritten = story[:5] + made_up_paragraphs(31, 3)  # resemblance 5/13, containment 5/8
    first = doc(story, "Bridge reopens after two years of repairs", DAY)
    close = doc(rewritten, "Bridge reopens after two years of repairs", DAY + timedelta(days=1))
    far = doc(rewritten, "Bridge reopens after two years of repairs", DAY + timedelta(days=900))
    other_title = doc(rewritten, "Council votes on the budget", DAY + timedelta(days=1))
    assert group_documents([first, close])[1] == 0
    assert group_documents([first, far])[1] == 0
    assert group_documents([first, other_title])[1] == 1


def test_empty_and_tiny_documents_do_not_crash_or_join():
    documents = [doc([""]), doc(["word"]), doc([""]), doc(made_up_paragraphs(40, 3))]
    labels = group_documents(documents)
    assert labels[0] == 0 and labels[2] == 2 and labels[3] == 3


def test_options_are_validated():
    with pytest.raises(ValueError):
        StoryOptions(resemblance=0)
    with pytest.raises(ValueError):
        StoryOptions(num_perm=4)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 30).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))))
    )
)
def test_connected_components_match_reachability(case):
    count, edges = case
    labels = connected_components(count, edges)
    neighbours = {node: {node} for node in range(count)}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    for node in range(count):
        seen, frontier = {node}, [node]
        while frontier:
            for nxt in neighbours[frontier.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        assert labels[node] == min(seen)


def _partition(labels):
    groups = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, set()).add(index)
    return {frozenset(group) for group in groups.values()}


STORY_POOL = [made_up_paragraphs(300 + i, 4) for i in range(4)]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 4)), min_size=1, max_size=10), st.randoms())
def test_grouping_does_not_depend_on_document_order(captures, rng):
    documents = [doc(STORY_POOL[story][:length]) for story, length in captures]
    order = list(range(len(documents)))
    rng.shuffle(order)
    shuffled = group_documents([documents[i] for i in order])
    restored = [0] * len(documents)
    for position, original in enumerate(order):
        restored[original] = shuffled[position]
    assert _partition(restored) == _partition(group_documents(documents))
    # Captures of different made-up stories never share a story.
    labels = group_documents(documents)
    for (story_a, _), label_a in zip(captures, labels, strict=True):
        for (story_b, _), label_b in zip(captures, labels, strict=True):
            if story_a != story_b:
                assert label_a != label_b


# ------------------------------------------------------------ common shingles (corpus-wide backstop)


def _with_stock_text(seed, stock, title):
    """A short story whose only paragraph runs on into ``stock`` (so no line recurs: only
    its word sequences do)."""
    own = made_up_paragraphs(seed, 1, words=15)[0]
    return doc([own + " " + stock], title, DAY)


def _title(seed):
    return " ".join(made_up_paragraphs(seed, 1, words=5)[0].rstrip(".").split())


def test_a_stock_paragraph_in_more_stories_than_a_story_holds_does_not_join_them():
    stock = made_up_paragraphs(700, 1, words=60)[0]
    documents = [_with_stock_text(800 + i, stock, _title(900 + i)) for i in range(70)]
    # A second capture of story 0, captured a year later with a word changed.
    again = documents[0].text.replace(" ", "  ", 1) + " Updated."
    documents.append(StoryDocument(again, documents[0].title, DAY + timedelta(days=365)))
    labels = group_documents(documents)
    assert labels == [*range(70), 0]


def test_a_story_captured_more_often_than_the_capacity_keeps_its_text():
    story = made_up_paragraphs(710, 8)
    captures = [
        doc(story[:7] + [story[7] + f" Update {i}."], "Harbour plan approved", DAY + timedelta(days=30 * i))
        for i in range(20)
    ]
    others = [doc(made_up_paragraphs(720 + i, 8), _title(730 + i), DAY) for i in range(5)]
    labels = group_documents(captures + others, StoryOptions(story_capacity=8))
    assert labels == [0] * 20 + list(range(20, 25))


def test_a_long_chain_with_its_text_in_more_versions_than_the_capacity_is_one_story():
    version = made_up_paragraphs(740, 12)
    chain = []
    for step in range(16):  # each version drops a paragraph and gains one: first and last share nothing
        chain.append(doc(version, "Council budget talks", DAY + timedelta(days=60 * step)))
        version = version[1:] + made_up_paragraphs(741 + step, 1)
    others = [doc(made_up_paragraphs(760 + i, 8), _title(770 + i), DAY) for i in range(4)]
    labels = group_documents(chain + others, StoryOptions(story_capacity=4))
    assert labels == [0] * 16 + list(range(16, 20))


def test_document_frequencies_count_the_documents_holding_each_value():
    values = np.array([1, 5, 9, 5, 9, 9], dtype=np.uint32)  # three documents' sets
    assert document_frequencies(values).tolist() == [1, 2, 3, 2, 3, 3]
    offsets = np.array([0, 3, 5, 6])
    assert [v.tolist() for v in frequent_shingles(values, offsets, 2)] == [[9], [9], [9]]
    assert [v.tolist() for v in frequent_shingles(values, offsets, 3)] == [[], [], []]
