"""A saved-as-text page laid out like the seed (caption above the headline, credits line,
comment-form chrome), invented: each line lands in its class."""

from __future__ import annotations

from sitrep.anatomy import from_text

BODY = [
    "Norwegian Prime Minister Eva Lindqvist has told Belarusian President Alexander Lukashenko that closing "
    "the border would be “a grave mistake.”",
    "Lindqvist and Lukashenko spoke by phone on February 2 about the dispute, her office said.",
    "Minsk demanded last month that Norway withdraw its ships from the Baltic. Norway said the demand was a "
    "nonstarter, saying its ships were in international waters.",
    "Sweden has sent two ships to the Baltic this week. Belarus denounced the deployment.",
    "The ships will stay for weeks, a Swedish navy spokesman said.",
]
TITLE = "Oslo Again Warns Minsk Against Closing Border As Sweden Sends Ships To Baltic"
PAGE = ("Norwegian and Swedish sailors\n\n" + TITLE + "\n\n\n" + "\n\n".join(BODY) +
        "\n\nWith reporting by Reuters and NTB\n\nShare this page\n\n\nLeave a Reply\n\n"
        "Your email address will not be published.\n")


def test_caption_headline_credits_chrome_and_body():
    a = from_text(PAGE)
    assert a.title == TITLE
    assert a.captions == ["Norwegian and Swedish sailors"]
    assert a.credits == ["Reuters", "NTB"]
    assert a.boilerplate == ["Share this page", "Leave a Reply", "Your email address will not be published."]
    assert a.body == "\n\n".join(BODY)
    assert a.byline is None and a.published is None  # "February 2" has no year: no page date


def test_same_page_through_the_pipeline(pipeline):
    from sitrep.reader import InputDoc

    r = pipeline.extract(InputDoc(content=PAGE, format="text"), published="2022-02-03")
    assert (r.title, r.captions, r.credits) == (TITLE, ["Norwegian and Swedish sailors"], ["Reuters", "NTB"])
    assert r.text == "\n\n".join(BODY)
