"""Boxes named like furniture, judged by the text they hold: small pages written for
these tests, with the article text each must give (golden output)."""

from __future__ import annotations

from thresher import extract

INTRO = (
    "Our team answers every question you send us within one working day, by mail or by phone, "
    "and we keep a record of every answer so that nobody has to ask twice."
)
ANSWER = (
    "Yes: every plan can be cancelled at any time from the account page, and the unused part of "
    "the month is refunded to the card that paid for it within five working days."
)
MORE = (
    "Most questions are about plans and prices, so the answers to those come first below, and the "
    "rest of our help pages cover accounts, cards and moving a plan to another person."
)
LAST = (
    "Write to us whenever you like: a person reads every message, and the answer comes from the "
    "team that looks after your plan, not from a machine that guesses what you meant."
)
SECOND = (
    "No: the price you signed up for stays the same for as long as you keep the plan, even when "
    "the prices of new plans change, and we tell you a month before anything else changes."
)


def _page(body: str) -> str:
    return f"<html><head><title>Help</title></head><body>{body}</body></html>"


def test_a_menu_named_box_of_questions_and_answers_is_the_article() -> None:
    body = (
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/plans'>Plans</a></li></ul></nav>"
        "<main><h1>Help</h1>"
        f"<p>{INTRO}</p><p>{MORE}</p><p>{LAST}</p>"
        "<div class='faq-tabs-menu'>"
        f"<h3>Can I cancel my plan?</h3><p>{ANSWER}</p>"
        f"<h3>Will my price go up?</h3><p>{SECOND}</p>"
        "</div></main>"
    )
    article = extract(_page(body))
    assert article.text == "\n".join(
        [INTRO, MORE, LAST, "Can I cancel my plan?", ANSWER, "Will my price go up?", SECOND]
    )


def test_a_furniture_box_of_names_dates_and_links_stays_furniture() -> None:
    comment = "I think this is a fine answer and it helped me a lot with the problem I had last week at work."
    body = (
        "<main><h1>Help</h1>"
        f"<p>{INTRO}</p><p>{ANSWER}</p><p>{SECOND}</p>"
        "<div class='share-box'>"
        + "".join(
            f"<div>Reader {n}</div><div>3 May 2024</div><div>{comment}</div>"
            f"<div><a href='/r{n}'>Reply</a></div>"
            for n in range(3)
        )
        + "</div></main>"
    )
    article = extract(_page(body))
    assert article.text == "\n".join([INTRO, ANSWER, SECOND])


def test_a_footer_holding_most_of_the_prose_beside_the_headline_stays_furniture() -> None:
    product = (
        "A light running shoe knit from soft wool, with a cushioned sole made from sugarcane "
        "that keeps its spring mile after mile."
    )
    care = (
        "Wash it cold in a bag, take out the insoles first, and let it dry in the air: the wool "
        "keeps its shape and the sole its grip for years of daily wear."
    )
    fit = (
        "It fits true to size for most feet; if you are between two sizes, take the larger one, "
        "because the wool hugs the foot closely for the first few days and then settles into shape."
    )
    ship = (
        "Every pair ships free within two working days, and you may send it back within thirty days "
        "for a full refund, worn or not, in the box it came in or in any other box you have at hand."
    )
    terms = (
        "These terms apply to your use of the site and of every service we offer through it, and "
        "by using the site you agree to them and to the policies they name. "
    )
    body = (
        f"<main><h1>Wool Runner</h1><p>{product}</p><p>{care}</p><p>{fit}</p><p>{ship}</p></main>"
        "<footer><ul><li><a href='/terms'>Terms of use</a></li></ul>"
        f"<div class='fixed inset-0 overflow-y-auto'><h2>Terms of use</h2><p>{terms * 6}</p>"
        f"<p>{terms * 5}</p><p>{terms * 6}</p></div></footer>"
    )
    article = extract(_page(body))
    assert article.text == "\n".join([product, care, fit, ship])


def test_a_consent_dialog_holding_most_of_the_prose_stays_furniture() -> None:
    purpose = (
        "These cookies are needed for the site to work and cannot be switched off. They are set "
        "when you ask for a service, such as setting your privacy choices, signing in or filling in forms. "
    )
    cards = [
        (f"Slow-Roasted Tomato Sauce Number {n} With Garlic", f"Ready in {20 + n} minutes") for n in range(8)
    ]
    body = (
        "<main><h1>Tomato Sauce Recipes</h1>"
        "<p>Our collection of tomato sauces has something for every kind of cook.</p><div class='cards'>"
        + "".join(
            f"<div class='card'><h3><a href='/recipes/{n}'>{title}</a></h3><p>{ready}</p></div>"
            for n, (title, ready) in enumerate(cards)
        )
        + "</div></main><div id='site-consent-manager'><div role='dialog'>"
        f"<h2>Privacy Preference Center</h2><p>{purpose * 3}</p>"
        f"<h3>Performance Cookies</h3><p>{purpose * 3}</p><h3>Targeting Cookies</h3><p>{purpose * 3}</p>"
        "</div></div>"
    )
    article = extract(_page(body))
    assert article.text == "\n".join(
        ["Our collection of tomato sauces has something for every kind of cook."]
        + [line for card in cards for line in card]
    )


def test_a_popover_note_beside_a_label_is_furniture() -> None:
    product = (
        "Crisp almond thins baked in small batches from a family recipe, with whole cranberries "
        "and no added salt, for a light snack with tea or coffee."
    )
    note = (
        "Every item we sell comes straight from the brand or from distributors the brand "
        "authorises, and is checked in our own warehouse before it ships to you; "
    )
    ingredients = (
        "Made from wheat flour, cane sugar, egg whites, almonds and dried cranberries, in a bakery "
        "that also handles coconut, pecans, hazelnuts and sesame."
    )
    body = (
        "<main><h1>Almond Thins</h1><section><h2>Overview</h2>"
        f"<ul><li>Authentic<div class='popover'><p>{note}</p></div></li><li>Weight: 148 g</li></ul>"
        f"<p>{product}</p><p>{ingredients}</p></section></main>"
    )
    article = extract(_page(body))
    assert article.text == "\n".join(["Overview", "Authentic", "Weight: 148 g", product, ingredients])
