"""Page metadata: hand-written pages under tests/golden/metadata, unit checks of the
cleaners, and property tests that arbitrary values never make the reader raise."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_cli
from thresher import extract
from thresher.html.metadata import Metadata, read_metadata
from thresher.html.metadata.authors import clean_authors
from thresher.html.metadata.language import normalise_language
from thresher.html.metadata.title import site_name_keys, strip_site_name
from thresher.html.parse import parse_document

GOLDEN = Path(__file__).parent / "golden" / "metadata"


def read(name: str, url: str | None = None) -> Metadata:
    return read_metadata(parse_document((GOLDEN / name).read_text(encoding="utf-8")), url)


# ----------------------------------------------------------------------------- whole pages
def test_jsonld_graph_with_references() -> None:
    meta = read("jsonld_graph.html", "https://tagesblatt.example/bruecke")
    assert meta.title == "Neue Brücke über den Fluss eröffnet"
    assert meta.authors == ("Anna Muster", "Jonas Beispiel")  # the @id reference is resolved
    assert meta.published == datetime(2021, 3, 4, 8, 15, tzinfo=timezone(timedelta(hours=1)))
    assert meta.site_name == "Tagesblatt Musterstadt"
    assert meta.language == "de-DE"
    assert meta.description == "Nach zwei Jahren Bauzeit ist die Brücke offen."
    assert meta.url == "https://tagesblatt.example/bruecke"


def test_broken_jsonld_is_repaired_or_skipped() -> None:
    meta = read("broken_jsonld.html")
    assert meta.title == "City council approves new park"
    assert meta.authors == ("Maria Example",)
    assert meta.published == datetime(2019, 6, 10)  # date only: midnight, naive
    assert meta.published.tzinfo is None
    assert meta.language == "en"


def test_meta_tags() -> None:
    meta = read("meta_tags.html", "https://jornal.example/noticias/chuva-forte?utm=x")
    assert meta.title == "Chuva forte atinge a capital"
    assert meta.authors == ("Carla Exemplo", "Pedro Modelo")  # "Por" dropped, list split
    assert meta.published == datetime(2022, 5, 3, 21, 30, tzinfo=timezone(timedelta(hours=-3)))
    assert meta.site_name == "Jornal do Exemplo"
    assert meta.language == "pt-BR"
    assert meta.description == "Temporal causou alagamentos em vários bairros."
    assert meta.url == "https://jornal.example/noticias/chuva-forte"


def test_microdata() -> None:
    meta = read("microdata.html")
    assert meta.title == "Le marché rouvre ses portes"
    assert meta.authors == ("Louise Exemple",)
    assert meta.published == datetime(2018, 11, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    assert meta.language == "fr"


def test_byline_and_time_near_headline_not_comments() -> None:
    meta = read("byline_time.html")
    assert meta.title == "Local bakery wins national prize"  # " | Riverside Gazette" stripped
    assert meta.authors == ("Sam Example",)  # the role and the commenter are not authors
    assert meta.published == datetime(2020, 2, 17)
    assert meta.site_name == "Riverside Gazette"
    assert meta.language == "en-GB"


def test_dateline_written_in_text() -> None:
    meta = read("visible_dateline.html")
    assert meta.title == "Verein feiert Jubiläum"
    assert meta.published is not None and meta.published.date().isoformat() == "2022-02-04"
    assert meta.authors == ()  # "Redaktion" is a desk, not a name


def test_date_from_url_as_last_resort() -> None:
    meta = read("url_date.html", "https://blog.example/2016/07/09/notes-from-the-weekend/")
    assert meta.published == datetime(2016, 7, 9)
    assert read("url_date.html").published is None


def test_disagreeing_sources_are_settled_by_the_displayed_date() -> None:
    meta = read("disagreeing_dates.html")
    assert meta.published == datetime(2022, 3, 14, 9, 10, tzinfo=timezone(timedelta(hours=1)))


def test_local_offset_preferred_to_the_same_moment_in_utc() -> None:
    meta = read("utc_and_local.html")
    assert meta.published == datetime(2020, 7, 2, 0, 30, tzinfo=timezone(timedelta(hours=2)))


def test_displayed_day_corrects_a_lone_utc_time() -> None:
    html = (
        '<html lang="de"><head><script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Sommerfest im Park", "datePublished": "2021-05-31T23:30:00Z"}</script></head>'
        '<body><article><h1>Sommerfest im Park</h1><p class="date">1. Juni 2021</p>'
        "<p>Das Fest beginnt um zehn Uhr.</p></article></body></html>"
    )
    published = read_metadata(parse_document(html), None).published
    assert published is not None and published.date().isoformat() == "2021-06-01"


def test_day_in_url_corrects_a_utc_shift() -> None:
    meta = read("utc_and_local.html", "https://news.example/2020/07/01/nachtzug")
    assert meta.published == datetime(2020, 7, 1)  # one day off the URL: the URL's day wins


def test_untyped_jsonld_and_script_state() -> None:
    meta = read("script_state.html")
    assert meta.title == "Rooftop garden opens"
    assert meta.authors == ("Kim Example",)
    assert meta.published == datetime(2021, 6, 1, 9, 0, tzinfo=timezone(timedelta(hours=2)))


def test_rdfa_date() -> None:
    meta = read("rdfa_date.html")
    assert meta.title == "Neue Sorten im Test"
    assert meta.published == datetime(2021, 4, 9, 16, 5, 0, tzinfo=UTC)


def test_page_without_metadata() -> None:
    assert read("no_metadata.html") == Metadata()


def test_malformed_values_give_nothing_rather_than_garbage() -> None:
    meta = read("malformed.html")
    assert meta.published is None  # garbage, year 0 and a future date are all refused
    assert meta.authors == ()  # a profile URL is not a name
    assert meta.language is None
    assert meta.title is None


def test_extract_copies_metadata_into_the_article() -> None:
    html = (GOLDEN / "jsonld_graph.html").read_text(encoding="utf-8")
    article = extract(html, url="https://tagesblatt.example/bruecke")
    assert article.title == "Neue Brücke über den Fluss eröffnet"
    assert article.authors == ("Anna Muster", "Jonas Beispiel")
    assert article.published == datetime(2021, 3, 4, 8, 15, tzinfo=timezone(timedelta(hours=1)))
    assert article.language == "de-DE"


def test_cli_json_carries_the_metadata() -> None:
    result = run_cli(
        "extract",
        "--format",
        "json",
        "--url",
        "https://tagesblatt.example/bruecke",
        str(GOLDEN / "jsonld_graph.html"),
        text=True,
    )
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout.splitlines()[0])
    assert article["title"] == "Neue Brücke über den Fluss eröffnet"
    assert article["authors"] == ["Anna Muster", "Jonas Beispiel"]
    assert article["published"] == "2021-03-04T08:15:00+01:00"
    assert article["language"] == "de-DE"
    assert article["site_name"] == "Tagesblatt Musterstadt"


def test_giant_values_are_cut() -> None:
    giant = "word " * 200_000
    html = (
        f'<html><head><meta property="og:title" content="{giant}">'
        f'<meta name="description" content="{giant}">'
        f'<script type="application/ld+json">{{"@type": "Article", "headline": "{giant}"}}'
        f"</script></head><body><h1>{giant}</h1></body></html>"
    )
    meta = read_metadata(parse_document(html), None)
    assert meta.title is not None and len(meta.title) <= 2000
    assert meta.description is not None and len(meta.description) <= 2000


def test_byline_written_as_a_line_of_text() -> None:
    html = (
        '<html lang="de"><body><article><h2>Ruhe finden im Alltag</h2>'
        "<p><i>von Marta Beispiel</i></p>"
        "<p>Von Wolken und anderen Dingen erzählt dieser lange Absatz.</p></article></body></html>"
    )
    assert read_metadata(parse_document(html), None).authors == ("Marta Beispiel",)
    nouns_only = (
        '<html lang="de"><body><article><p>Von Wolken</p>'
        "<p>Ein Text ohne Autorenzeile.</p></article></body></html>"
    )
    assert read_metadata(parse_document(nouns_only), None).authors == ()


@pytest.mark.parametrize(
    "byline",
    [
        '<div data-testid="story-byline"><span>Lena Beispiel</span></div>',
        "<h5>Autor:</h5> Lena Beispiel/Agentur",
    ],
)
def test_byline_by_test_id_or_after_a_label(byline: str) -> None:
    html = f"<html><body><article><h2>Neue Radwege</h2>{byline}<p>Die Stadt baut.</p></article></body></html>"
    assert read_metadata(parse_document(html), None).authors[:1] == ("Lena Beispiel",)


def test_blog_owner_as_publisher_is_still_the_author() -> None:
    html = (
        '<html><head><meta property="og:site_name" content="Garden Notes">'
        '<script type="application/ld+json">{"@type": "BlogPosting",'
        ' "headline": "Do tomatoes need shade?",'
        ' "author": {"@type": "Person", "name": "Chris Example"},'
        ' "publisher": {"@type": "Person", "name": "Chris Example"}}</script></head>'
        "<body><h1>Do tomatoes need shade?</h1></body></html>"
    )
    assert read_metadata(parse_document(html), None).authors == ("Chris Example",)


def test_site_as_author_is_not_a_byline() -> None:
    html = (
        '<html><head><meta property="og:site_name" content="Example Times">'
        '<meta name="author" content="Example Times"></head>'
        "<body><h1>Council meets</h1></body></html>"
    )
    assert read_metadata(parse_document(html), "https://exampletimes.example/a").authors == ()


def test_headline_with_kicker_in_h1() -> None:
    html = (
        "<html><head><title>Neue Brücke für den Stadtpark | Stadtanzeiger Beispiel</title>"
        '<meta property="og:title" content="Neue Brücke für den Stadtpark"></head>'
        '<body><h1><span class="kicker">Verkehr</span> Neue Brücke für den Stadtpark</h1>'
        "</body></html>"
    )
    assert read_metadata(parse_document(html), None).title == "Neue Brücke für den Stadtpark"


@pytest.mark.parametrize(
    "h1",
    [
        '<span class="article-heading__kicker">Hafen</span><span class="visually-hidden">: </span>'
        '<span class="article-heading__title">Neue Fähre fährt ab Mai</span>',
        '<span class="dachzeile">Hafen</span> <span class="headline">Neue Fähre fährt ab Mai</span>',
        "<small>Hafen</small><br> Neue Fähre fährt ab Mai",
        '<span class="topic">Hafen</span><span class="invisible">: </span>Neue Fähre fährt ab Mai',
    ],
)
def test_kicker_inside_h1_is_left_out(h1: str) -> None:
    html = f"<html><body><h1>{h1}</h1><p>Text.</p></body></html>"  # the h1 is the only title
    assert read_metadata(parse_document(html), None).title == "Neue Fähre fährt ab Mai"


def test_visible_h1_preferred_to_a_shortened_social_title() -> None:
    html = (
        "<html><head><title>Apfelkuchen vom Blech | Kuchenheft</title>"
        '<meta property="og:title" content="Apfelkuchen vom Blech"></head>'
        "<body><h1>Schneller Apfelkuchen vom Blech: ganz ohne Waage!</h1></body></html>"
    )
    meta = read_metadata(parse_document(html), None)
    assert meta.title == "Schneller Apfelkuchen vom Blech: ganz ohne Waage!"


# ----------------------------------------------------------------------------- the parts
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Doe and John Roe"], ("Jane Doe", "John Roe")),
        (["Von Anna Muster | 12.03.2021, 10:00 Uhr"], ("Anna Muster",)),
        (["Jane Doe, Staff Writer"], ("Jane Doe",)),
        (["Jane Doe am Samstag, 19. Oktober"], ("Jane Doe",)),
        (["Ursula von der Leyen"], ("Ursula von der Leyen",)),
        (["https://example.com/author/jane", "jane@example.com", "@janedoe"], ()),
        (["Jane Doe", "JANE DOE", "Jane  Doe"], ("Jane Doe",)),
        (["Foto: Max Bild"], ()),
        (["Example Media GmbH"], ()),
        (["Jane Doe Jane Doe"], ("Jane Doe",)),
        (["Jane Doe, MS, RDN"], ("Jane Doe",)),
        (["JOHN ROE, Science Writer"], ("JOHN ROE",)),
        (["Analysis by Jane Doe, Example News Editor-at-large"], ("Jane Doe",)),
        (["Jane Doe (Guest Post)"], ("Jane Doe",)),
        (["Example Verlag GmbH, Musterstadt, Germany"], ()),  # a company and its address
        (["Jane Doe, Example GmbH"], ("Jane Doe",)),
        (["Name"], ()),
        (["By Tomás Ferreira, Agriculture correspondent"], ("Tomás Ferreira",)),  # a job, not a name
        (["Science editor Jane Doe"], ("Jane Doe",)),  # the job before the name
    ],
)
def test_clean_authors(raw: list[str], expected: tuple[str, ...]) -> None:
    assert clean_authors(raw) == expected


def test_clean_authors_drops_the_site_itself() -> None:
    keys = frozenset(site_name_keys(["Riverside Gazette"], None))
    assert clean_authors(["Riverside Gazette"], site_keys=keys) == ()
    assert clean_authors(["Riverside Gazette", "Sam Example"], site_keys=keys) == ("Sam Example",)
    both = frozenset(site_name_keys(["Pots & Pans"], None))
    assert clean_authors(["Pots & Pans"], site_keys=both) == ()  # not split into "Pots", "Pans"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Headline of the day | Example Times", "Headline of the day"),
        ("Example Times - Headline of the day", "Headline of the day"),
        ("Headline of the day – Politics – example.com", "Headline of the day – Politics"),
        ("A title: with a colon", "A title: with a colon"),
        ("Example Times", "Example Times"),  # nothing left otherwise: keep it
    ],
)
def test_strip_site_name(title: str, expected: str) -> None:
    assert strip_site_name(title, site_name_keys(["Example Times"], "https://www.example.com/a")) == expected


def test_short_trailing_parts_of_title_are_dropped_without_a_known_site_name() -> None:
    assert (
        strip_site_name("Why my phone will not charge ? | Phones | Forum", set(), guess=True)
        == "Why my phone will not charge ?"
    )
    assert (
        strip_site_name("Why my phone will not charge | Forum", set())
        == "Why my phone will not charge | Forum"
    )  # without guessing, unknown parts stay


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"),
        ("EN-us", "en-US"),
        ("pt_BR", "pt-BR"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("de-DE, en", "de-DE"),
        ("x-default", None),
        ("", None),
        (None, None),
        ("english please", None),
    ],
)
def test_normalise_language(value: str | None, expected: str | None) -> None:
    assert normalise_language(value) == expected


# ----------------------------------------------------------------------------- properties
_text = st.text(max_size=300)


def _page(title: str, author: str, date: str, lang: str, jsonld: str) -> str:
    def attr(value: str) -> str:
        return value.replace("&", "&amp;").replace('"', "&quot;")

    return (
        f'<html lang="{attr(lang)}"><head><title>{title}</title>'
        f'<meta property="og:title" content="{attr(title)}">'
        f'<meta name="author" content="{attr(author)}">'
        f'<meta property="article:published_time" content="{attr(date)}">'
        f'<script type="application/ld+json">{jsonld}</script></head>'
        f'<body><h1>{title}</h1><p class="byline">{author}</p><time>{date}</time></body></html>'
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_text, author=_text, date=_text, lang=_text, jsonld=_text)
def test_arbitrary_strings_never_raise(title: str, author: str, date: str, lang: str, jsonld: str) -> None:
    meta = read_metadata(parse_document(_page(title, author, date, lang, jsonld)), None)
    assert isinstance(meta, Metadata)
    assert all(isinstance(name, str) and name for name in meta.authors)
    assert meta.published is None or isinstance(meta.published, datetime)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "@type",
                    "@graph",
                    "@id",
                    "headline",
                    "name",
                    "author",
                    "datePublished",
                    "publisher",
                    "inLanguage",
                    "description",
                    "url",
                    "mainEntity",
                ]
            )
            | _text,
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_json_values, url=st.none() | _text)
def test_arbitrary_jsonld_never_raises(data: object, url: str | None) -> None:
    script = json.dumps(data).replace("</", "<\\/")
    html = f'<html><head><script type="application/ld+json">{script}</script></head><body></body></html>'
    meta = read_metadata(parse_document(html), url)
    assert isinstance(meta, Metadata)


def test_headline_found_after_thousands_of_meta_tags() -> None:
    metas = "".join(f'<meta name="key{i}" content="value {i}">' for i in range(20_000))
    html = f"<html><head>{metas}</head><body><h1>Headline after the flood</h1></body></html>"
    assert read_metadata(parse_document(html), None).title == "Headline after the flood"


def test_huge_jsonld_list_is_bounded() -> None:
    items = ",".join('{"@type": "Thing", "name": "x"}' for _ in range(12_000))
    html = (
        f'<html><head><script type="application/ld+json">[{items}, {{"@type": "NewsArticle", '
        f'"headline": "Found at the end"}}]</script></head><body></body></html>'
    )
    meta = read_metadata(parse_document(html), None)
    assert meta.title is None  # beyond the node budget: not read, and no hang


@pytest.mark.parametrize("key", ["PUBLISHED_AT", "PublishedAt", "publ\u0131shed_at"])
def test_script_state_key_in_any_letter_case(key: str) -> None:
    from thresher.html.metadata.script_dates import find_script_date

    tree = parse_document(
        "<html><head><script>var a = 1;</script>"
        f'<script>window.__STATE__ = {{"story": {{"{key}": "2021-06-01T09:00:00Z"}}}}</script>'
        "</head><body><p>Text</p></body></html>"
    )
    assert find_script_date(tree.tags("script")) == datetime(2021, 6, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "byline",
    [
        '<div class="Post-ByLine">Jane Doe</div>',
        '<span class="ARTICLE-AUTHOR-NAME">Jane Doe</span>',
        '<span class="&#97;uthor">Jane Doe</span>',  # the class spelled with a character reference
        '<span class="&#x41;uthor">Jane Doe</span>',
        '<p data-author="jd">Jane Doe</p>',
    ],
)
def test_byline_class_in_any_spelling_is_found(byline: str) -> None:
    # byline classes match in any ASCII letter case, and behind a character reference
    page = (
        "<html><body><article><h1>Harbour bridge reopens</h1>"
        f"{byline}<p>The harbour bridge reopened on Monday after two years of repairs.</p>"
        "</article></body></html>"
    )
    assert extract(page).authors == ("Jane Doe",)


@pytest.mark.parametrize(
    "dateline",
    ['<span class="Entry-DATE">12 March 2021</span>', "<TIME>12 March 2021</TIME>"],
)
def test_dateline_in_any_letter_case_is_found(dateline: str) -> None:
    page = (
        "<html><body><article><h1>Harbour bridge reopens</h1>"
        f"{dateline}<p>The harbour bridge reopened on Monday after two years of repairs.</p>"
        "</article></body></html>"
    )
    assert extract(page).published == datetime(2021, 3, 12)
