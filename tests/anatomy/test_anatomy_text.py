"""Plain-text page anatomy on invented pages (and a floor on the shared benchmark)."""

import pytest

from sitrep.anatomy import from_text
from sitrep.anatomy.credits import credit_line, dateline_agency
from sitrep.anatomy.dates import date_from_lines, full_date
from sitrep.anatomy.lines import split_lines

from conftest import need_shared

MENU = "\n".join(["Home", "World", "Politics", "Business", "Sport", "Opinion", "Video", "Subscribe", "Sign in"])

STORY = [
    "Flooding along the Sava river forced more than 4,000 people from their homes on Tuesday, "
    "regional officials said, as rain continued to fall across the north of the country.",
    "The civil protection agency said army trucks had evacuated two villages overnight and that "
    "three bridges were closed to traffic until engineers could inspect them.",
    "Damage assessment",
    "Mayor Ana Petrović told reporters that the water had reached the first floor of the town hall, "
    "and that the council would meet in a school gym until further notice.",
    "“We have not seen anything like this since 2014,” she said, adding that volunteers were filling "
    "sandbags in the main square.",
]


def page(head: str, story=STORY, tail: str = "") -> str:
    return head + "\n\n" + "\n\n".join(story) + "\n\n" + tail


def test_menu_headline_byline_date_body_and_comments():
    text = page(
        "Floods force thousands from homes - The Daily Example\n\n" + MENU + "\n\n"
        "Floods force thousands from homes\n\nBy Jane Okafor\n\nPublished: March 4, 2023 10:15 GMT",
        tail="Related stories\n\nDrought hits farmers\n\nPrices rise again\n\n12 Comments\n\n"
        "Kevin R.\n\nThis is terrible, I hope everyone is safe and the government helps them soon.\n\n"
        "© 2023 The Daily Example. All rights reserved.",
    )
    a = from_text(text)
    assert a.title == "Floods force thousands from homes"
    assert a.byline == "Jane Okafor"
    assert a.published == "2023-03-04"
    assert a.body == "\n\n".join(STORY)
    for chrome in ("Home", "Sign in", "Related stories", "12 Comments", "© 2023 The Daily Example. All rights reserved."):
        assert chrome in a.boilerplate
    # Reader comments are not article text, even when they read like prose.
    assert "government helps them" not in a.body


def test_wire_dateline_gives_credit_and_date_with_year_from_the_page():
    first = ("KYIV, Feb 3 (Reuters) - Ukraine's defence ministry said on Thursday it had received a new "
             "shipment of anti-tank weapons from Britain, the third this month.")
    story = [first] + STORY[1:2]
    a = from_text(page("Ukraine receives weapons\n\nFebruary 3, 2022", story))
    assert a.credits == ["Reuters"]
    assert a.body.startswith("KYIV, Feb 3 (Reuters) - ")  # the dateline stays in the text
    assert a.published == "2022-02-03"


def test_yearless_dateline_alone_gives_no_date():
    first = ("KYIV, Feb 3 (Reuters) - Ukraine's defence ministry said on Thursday it had received a new "
             "shipment of anti-tank weapons from Britain, the third this month.")
    a = from_text(page("Ukraine receives weapons", [first] + STORY[1:2]))
    assert a.credits == ["Reuters"]
    assert a.published is None  # never completed with today's year


def test_yearless_dateline_takes_the_year_from_the_url():
    first = ("MOSCOW, Nov 19 (Reuters) - Russia's foreign ministry summoned the Dutch ambassador on "
             "Tuesday over a court ruling, state news agencies reported.")
    a = from_text(page("Russia summons envoy", [first] + STORY[1:2]), url="https://example.org/world/2019/russia-envoy")
    assert a.published == "2019-11-19"


def test_credits_line_leaves_the_body():
    a = from_text(page("Floods force thousands from homes", STORY + ["Compiled by Marta Kos and Ivo Horvat"],
                       tail="Share this article\n\nLeave a Reply"))
    assert a.credits == ["Marta Kos", "Ivo Horvat"]
    assert a.body == "\n\n".join(STORY)
    assert "Leave a Reply" in a.boilerplate


@pytest.mark.parametrize(
    "line,names",
    [
        ("With reporting by Reuters, RFERL, AFP, CNN, and AP", ["Reuters", "RFERL", "AFP", "CNN", "AP"]),
        ("Reporting by Natalia Zinets in Kyiv; Editing by Mark Heinrich", ["Natalia Zinets", "Mark Heinrich"]),
        ("(Additional reporting by AP)", ["AP"]),
        ("Compiled by Marta Kos", ["Marta Kos"]),
        ("With reporting by the team", None),
        ("Reporting by Reuters showed that the army had moved 40 tanks to the border over the weekend, a claim "
         "the ministry denied in a statement issued on Sunday evening after a meeting of the security council "
         "in the capital that lasted several hours.", None),
    ],
)
def test_credit_lines(line, names):
    assert credit_line(line) == names


@pytest.mark.parametrize(
    "para,agency",
    [("LONDON (Reuters) - Britain said", "Reuters"), ("WASHINGTON, Jan 5 (AP) — The Pentagon", "AP"),
     ("(AP Photo/Evan Vucci) The president", None), ("The minister (left) said", None)],
)
def test_dateline_agency(para, agency):
    assert dateline_agency(para) == agency


@pytest.mark.parametrize(
    "text,value",
    [
        ("Published time: April 19, 2014 06:57", "2014-04-19"),
        ("Updated 12:03 GMT, 3 February 2022", "2022-02-03"),
        ("NOVEMBER 20, 2019 10:43", "2019-11-20"),
        ("2021-06-30T08:00:00Z", "2021-06-30"),
        ("20/11/2019", "2019-11-20"),
        ("11/20/2019 01:14 PM", "2019-11-20"),
        ("11/10/2019", None),  # day and month could be swapped: say nothing
        ("February 30, 2020", None),
        ("Feb 3 (Reuters) -", None),
        ("© 2019 Example Media", None),
    ],
)
def test_full_date(text, value):
    assert full_date(text) == value


def test_published_stamp_beats_updated_stamp():
    head = ["Updated: June 2, 2021 09:00", "Published: June 1, 2021 18:30"]
    assert date_from_lines(head, [], []) == "2021-06-01"
    assert date_from_lines(["Updated: June 2, 2021 09:00"], [], []) == "2021-06-02"
    assert date_from_lines([], [], ["First Published: Tuesday, November 19, 2019 08:38 AM"]) == "2019-11-19"


def test_non_english_page_is_split_too():
    story = [
        "Die Regierung hat am Montag angekündigt, die Hilfe für die vom Hochwasser betroffenen Gemeinden "
        "deutlich zu erhöhen, wie ein Sprecher des Ministeriums in Berlin mitteilte.",
        "Nach Angaben der Behörden mussten mehr als viertausend Menschen ihre Häuser verlassen, während "
        "Einsatzkräfte die Deiche mit Sandsäcken verstärkten.",
    ]
    a = from_text(page("Startseite\nPolitik\nWirtschaft\nSport\n\nHochwasser: Regierung erhöht Hilfe", story,
                       tail="Kommentare\n\nImpressum\nDatenschutz"))
    assert a.body == "\n\n".join(story)
    assert a.title == "Hochwasser: Regierung erhöht Hilfe"
    assert "Startseite" in a.boilerplate


def test_page_of_chrome_only_has_no_body():
    a = from_text("Home\nAbout\nContact\n\nSign in\n\nShare and Enjoy !\n\nLeave a Reply")
    assert a.body == ""


def test_split_lines_offsets_point_into_the_page():
    text = "  Title line  \r\n\r\nFirst paragraph here.\n   \nSecond one.\n"
    lines = split_lines(text)
    assert [l.text for l in lines] == ["Title line", "First paragraph here.", "Second one."]
    assert all(text[l.start : l.end] == l.text for l in lines)
    assert [l.blank_before for l in lines] == [True, True, True]


FLOOR_MEASURED = 0.883  # 3-fold CV F1, measured 2026-11-25


@pytest.mark.shared
def test_cross_validated_f1_floor_on_benchmark():
    """Held-out pages only: each page is scored with weights fitted on the other folds.
    Measured 0.906 with 5 folds (benchmarks/bench_anatomy_text.py) and FLOOR_MEASURED
    with the 3 folds used here to keep the test cheap; floor = that minus 0.02."""
    import json
    import sys

    from conftest import ROOT

    bench = need_shared("data", "extraction", "article-extraction-benchmark")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from scoring import corpus_prf

    from sitrep.anatomy import train

    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    rows = [json.loads(l) for l in (bench / "page-text.jsonl").open(encoding="utf-8")]
    pages = [(r["page_text"], truth[r["id"]]["articleBody"]) for r in rows]
    preds = train.cross_validate(pages, folds=3)
    f1 = corpus_prf(zip(preds, [t for _, t in pages]))["f1"]
    assert f1 >= FLOOR_MEASURED - 0.02, f1


def test_time_stamps_and_share_widgets_are_not_headlines():
    head = "Cheias obrigam milhares a deixar as casas\n\nsegunda-feira, 3 de março de 2025 às 09:41\n\nCopy Link URL Copied!"
    a = from_text(page(head))
    assert a.title == "Cheias obrigam milhares a deixar as casas"
    assert a.body == "\n\n".join(STORY)


def test_photo_caption_inside_the_story_and_updated_stamp():
    caption = "Rescue workers carry an elderly woman from a flooded house (Photo: Ivo Kralj/Wirephoto)"
    story = STORY[:2] + [caption] + STORY[2:]
    a = from_text(page("Home\nWorld\n\nFloods force thousands from homes\n\nUpdated 12:03 GMT, 3 February 2022", story,
                       tail="Share\n\nMore stories"))
    assert a.title == "Floods force thousands from homes"
    assert a.published == "2022-02-03"
    assert a.captions == [caption]
    assert a.body == "\n\n".join(STORY)
