"""Author names: user names, stated names written out by the byline, bylines inside a line."""

from __future__ import annotations

import json

from thresher.html.metadata import read_metadata
from thresher.html.metadata.authors import clean_authors
from thresher.html.parse import parse_document


def authors(html: str, url: str | None = None) -> tuple[str, ...]:
    return read_metadata(parse_document(html), url).authors


def test_user_names_with_digits_or_underscores_are_names() -> None:
    assert clean_authors(["chunix64"]) == ("chunix64",)
    assert clean_authors(["Mr_Enigmatic"]) == ("Mr_Enigmatic",)


def test_dates_and_numbers_are_still_not_names() -> None:
    assert clean_authors(["12.03.2021"]) == ()
    assert clean_authors(["2021"]) == ()
    assert clean_authors(["x1"]) == ()  # too few letters to be anyone's handle


def test_thread_starter_shown_by_user_name() -> None:
    page = (
        "<html><body><h1>Fan noise after the update</h1>"
        '<div class="post"><span class="author">by <a class="username">quietfan42</a></span>'
        "<p>Since the last update the fan never stops.</p></div></body></html>"
    )
    assert authors(page) == ("quietfan42",)


def _stated(name: str, byline: str) -> str:
    data = json.dumps({"@type": "NewsArticle", "headline": "Harbour bridge", "author": {"name": name}})
    return (
        f'<html><head><script type="application/ld+json">{data}</script></head><body><article>'
        f'<h1>Harbour bridge reopens</h1><p class="byline">{byline}</p>'
        "<p>The bridge reopened on Monday after two years of repairs.</p></article></body></html>"
    )


def test_one_word_stated_name_gives_way_to_the_byline_writing_it_out() -> None:
    assert authors(_stated("Nils", "By Nils Example")) == ("Nils Example",)
    assert authors(_stated("nils_example", "By Nils Example")) == ("Nils Example",)


def test_one_word_stated_name_stays_when_the_byline_names_someone_else() -> None:
    assert authors(_stated("nilsex", "By Jane Doe")) == ("nilsex",)


def test_name_after_a_dated_byline_word() -> None:
    assert clean_authors(["Posted on September 21, 2020 by Adi Example"]) == ("Adi Example",)
    assert clean_authors(["View all posts by Dana Example"]) == ("Dana Example",)


def test_byline_word_inside_a_name_or_a_picture_credit_is_left_alone() -> None:
    assert clean_authors(["Ludwig von Example"]) == ("Ludwig von Example",)
    assert clean_authors(["Photo 3 by Sam Example"]) == ()


def test_day_or_month_after_a_name_ends_it() -> None:
    assert clean_authors(["Alex Example Thursday"]) == ("Alex Example",)
    assert clean_authors(["Tom May"]) == ("Tom May",)  # a surname as often as a month


def _site_page(byline_in_header: bool) -> str:
    byline = '<p class="author">By Riverside Gazette</p>'
    head, foot = (byline, "") if byline_in_header else ("", f"<div>{byline}</div>")
    return (
        '<html><head><meta property="og:site_name" content="Riverside Gazette"></head><body>'
        f"<header><h1>Harbour bridge reopens</h1>{head}</header>"
        f"<main><p>{'The bridge reopened on Monday after two years of repairs. ' * 40}</p>{foot}</main>"
        "</body></html>"
    )


def test_byline_beside_the_headline_may_credit_the_site() -> None:
    assert authors(_site_page(byline_in_header=True)) == ("Riverside Gazette",)


def test_site_name_in_an_author_box_away_from_the_headline_is_no_byline() -> None:
    assert authors(_site_page(byline_in_header=False)) == ()


def test_job_title_after_a_name_is_cut_at_its_first_newsroom_word() -> None:
    assert clean_authors(["By Keith Example Senior Autos Reporter"]) == ("Keith Example",)
