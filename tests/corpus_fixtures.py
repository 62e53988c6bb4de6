"""Hand-written article records for the corpus tests (store, export, query CLI).

The stories are invented for these tests. Facts are given as surface strings and turned
into spans by searching the text, so every span obeys ``text == record.text[start:end]``.
"""

from __future__ import annotations

from sitrep.record import Article, article_id, content_id, make_span

STORY_SHELLING = (
    "Russian artillery shelled the outskirts of Kharkiv on Tuesday, Ukrainian officials said, "
    "in the heaviest bombardment of the eastern city in weeks. Regional governor Oleh Synehubov "
    "said at least four civilians were wounded and a school was damaged near the northern ring road. "
    "Ukraine accused Moscow of deliberately targeting residential areas. The Russian defence ministry "
    "denied the claim and said its forces struck only military infrastructure. "
    "\"We will not be intimidated by these attacks on our homes,\" Synehubov told reporters outside a "
    "damaged apartment block, where firefighters were still clearing rubble in the afternoon. "
    "Kyiv asked its Western partners for more air defence systems to protect the city, whose "
    "population has fallen by a third since the spring. Residents queued for water and bread while "
    "sirens sounded across the centre, and the local power company said repairs to the grid would "
    "take several days because crews could not reach the damaged substations safely."
)

# The same wire story as a second site ran it: a new opening line and a closing paragraph.
STORY_SHELLING_COPY = (
    "KHARKIV (Wire) - " + STORY_SHELLING
    + " The city council said temporary shelters had been opened in three metro stations."
)

STORY_TALKS = (
    "Ukrainian and Russian negotiators met in Istanbul on Monday for a new round of talks on a "
    "prisoner exchange, the Turkish foreign ministry said. Foreign Minister Mevlut Cavusoglu "
    "described the meeting as constructive and said both delegations had agreed to meet again next "
    "week. Russia offered to return two hundred captured soldiers in exchange for the same number of "
    "its own troops. \"Every family deserves to see their sons come home,\" Cavusoglu said at a news "
    "conference after the session. The Kremlin said President Vladimir Putin had approved the "
    "framework of the deal but that details still had to be settled by military officials on both "
    "sides. Ukraine's human rights commissioner welcomed the progress and urged the Red Cross to be "
    "given access to all detention sites before any transfer takes place."
)

STORY_SANCTIONS = (
    "The European Union agreed on Thursday to extend its economic sanctions on Russia for another six "
    "months, diplomats in Brussels said. The measures target the banking, energy and defence sectors. "
    "\"Pressure must be kept on the Kremlin until the aggression ends,\" the EU foreign policy chief "
    "said in a statement. Moscow condemned the decision and threatened to retaliate against European "
    "companies still operating in Russia. Kremlin spokesman Dmitry Peskov said the sanctions were "
    "illegal and would hurt European consumers more than the Russian economy, which he said had "
    "adapted to the restrictions. Hungary had delayed the vote for two days while it sought guarantees "
    "for its oil supplies through the Druzhba pipeline."
)


def _find(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def _sentence(text: str, pos: int) -> tuple[int, int]:
    s = max(text.rfind(". ", 0, pos) + 2, 0) if text.rfind(". ", 0, pos) >= 0 else 0
    e = text.find(". ", pos)
    return s, (len(text) if e < 0 else e + 1)


def _actor(text: str, surface: str | None, code: str | None, country: str | None):
    if surface is None:
        return None
    return {"text": surface, "code": code, "country": country}


def make_article(text: str, published: str | None, source: str, title: str | None = None,
                 events: tuple = (), quotes: tuple = (), entities: tuple = ()) -> Article:
    """events: (trigger, plover, cameo, goldstein, modality, (src_text, code, country)|None, (tgt...)|None)
    quotes: (quoted text, speaker name, cue); entities: (name, type, country, code)."""
    ents = []
    for name, etype, country, code in entities:
        s, e = _find(text, name)
        ents.append({"id": content_id(etype, name), "name": name, "type": etype, "country": country,
                     "actor_code": code, "mentions": [make_span(text, s, e).model_dump()]})
    by_name = {e["name"]: e["id"] for e in ents}
    evs = []
    for trigger, plover, cameo, gold, modality, src, tgt in events:
        s, e = _find(text, trigger)
        es, ee = _sentence(text, s)
        evs.append({
            "id": content_id("event", plover, s, e), "plover": plover, "cameo": cameo, "goldstein": gold,
            "modality": modality, "source": _actor(text, *src) if src else None, "target": _actor(text, *tgt) if tgt else None,
            "trigger": make_span(text, s, e).model_dump(), "evidence": make_span(text, es, ee).model_dump(),
        })
    qts = []
    for quoted, speaker, cue in quotes:
        s, e = _find(text, quoted)
        cs, ce = _find(text, cue, e)
        qts.append({"id": content_id("quote", s, e), "text": quoted, "start": s, "end": e, "kind": "direct",
                    "speaker": by_name.get(speaker), "speaker_text": speaker,
                    "cue": make_span(text, cs, ce).model_dump()})
    return Article(id=article_id(text), source=source, title=title, published=published, language="en",
                   text=text, entities=ents, events=evs, quotes=qts)


def shelling(text: str = STORY_SHELLING, source: str = "site-a/kharkiv.html", published: str = "2022-05-10") -> Article:
    return make_article(
        text, published, source, "Russian shelling hits Kharkiv",
        events=(
            ("shelled", "ASSAULT", "195", -10.0, "asserted", ("Russian artillery", "RUSMIL", "RUS"), ("Kharkiv", "UKR", "UKR")),
            ("accused", "ACCUSE", "112", -2.0, "asserted", ("Ukraine", "UKR", "UKR"), ("Moscow", "RUSGOV", "RUS")),
            ("denied", "REJECT", "120", -4.0, "asserted", ("The Russian defence ministry", "RUSMIL", "RUS"), None),
            ("asked", "REQUEST", "101", -5.0, "asserted", ("Kyiv", "UKRGOV", "UKR"), ("Western partners", None, None)),
        ),
        quotes=(("We will not be intimidated by these attacks on our homes,", "Oleh Synehubov", "told"),),
        entities=(("Oleh Synehubov", "PERSON", "UKR", "UKRGOV"), ("Kharkiv", "GPE", "UKR", "UKR"),
                  ("Moscow", "GPE", "RUS", "RUSGOV")),
    )


def talks(published: str = "2022-05-16") -> Article:
    return make_article(
        STORY_TALKS, published, "site-b/istanbul.html", "Prisoner exchange talks in Istanbul",
        events=(
            ("met", "CONSULT", "040", 1.0, "asserted", ("Ukrainian and Russian negotiators", "UKR", "UKR"), ("Russian", "RUS", "RUS")),
            ("offered", "COOPERATE", "050", 3.5, "asserted", ("Russia", "RUS", "RUS"), ("Ukraine", "UKR", "UKR")),
            ("approved", "AGREE", "030", 4.0, "reported", ("President Vladimir Putin", "RUSGOV", "RUS"), ("Ukraine", "UKR", "UKR")),
        ),
        quotes=(("Every family deserves to see their sons come home,", "Mevlut Cavusoglu", "said"),),
        entities=(("Mevlut Cavusoglu", "PERSON", "TUR", "TURGOV"), ("Vladimir Putin", "PERSON", "RUS", "RUSGOV")),
    )


def sanctions(published: str = "2022-05-19") -> Article:
    return make_article(
        STORY_SANCTIONS, published, "site-c/brussels.html", "EU extends Russia sanctions",
        events=(
            ("extend its economic sanctions", "SANCTION", "163", -8.0, "asserted", ("The European Union", "IGOEU", None), ("Russia", "RUS", "RUS")),
            ("condemned", "ACCUSE", "111", -2.0, "asserted", ("Moscow", "RUSGOV", "RUS"), ("The European Union", "IGOEU", None)),
            ("threatened to retaliate", "THREATEN", "130", -4.4, "planned", ("Moscow", "RUSGOV", "RUS"), ("European companies", "EUR", None)),
        ),
        quotes=(("Pressure must be kept on the Kremlin until the aggression ends,", "EU foreign policy chief", "said"),),
        entities=(("Dmitry Peskov", "PERSON", "RUS", "RUSGOV"),),
    )


def corpus() -> list[Article]:
    """Four records: a story, its syndicated copy, and two other stories."""
    return [shelling(), shelling(STORY_SHELLING_COPY, "site-d/wire-copy.html", "2022-05-10"), talks(), sanctions()]


# Short invented English news paragraphs, distinct by index (ingest and concurrency tests).
_WHO = ["The defence minister", "A police spokesman", "The regional governor", "The foreign ministry",
        "An army commander", "The mayor", "A government official", "The interior minister"]
_PLACE = ["Lagos", "Kharkiv", "Mosul", "Bogota", "Manila", "Kabul", "Tripoli", "Goma", "Aleppo", "Dhaka"]
_WHAT = ["troops were sent to", "protesters gathered in", "talks would resume in", "aid convoys reached",
         "a curfew was imposed in", "power was restored in"]


def story(i: int) -> str:
    """A short, distinct English news paragraph (invented)."""
    who, place, what = _WHO[i % 8], _PLACE[(i // 8) % 10], _WHAT[(i // 3) % 6]
    return (f"{who} said on Monday that {what} {place} after {i + 3} days of unrest. "
            f"It was the {i + 2}th such report from the area this year, and officials said more "
            f"details would be released by the end of the week.\n")


# Places (issue 16): an invented story whose place entities and place mentions carry geo.
STORY_BORDER = (
    "Shelling hit Kharkiv overnight and drones crossed the Russian border, officials said. "
    "Residents of Kharkiv queued for water. Poland sent aid convoys to Lviv, near the Polish border."
)
_GEO = {
    "Kharkiv": {"id": "706483", "geonames_id": 706483, "name": "Kharkiv", "feature": "city", "country": "UKR",
                "admin1": "07", "lat": 49.98081, "lon": 36.25272, "precision": "city", "confidence": 0.95},
    "Lviv": {"id": "702550", "geonames_id": 702550, "name": "Lviv", "feature": "city", "country": "UKR",
             "admin1": "15", "lat": 49.83826, "lon": 24.02324, "precision": "city", "confidence": 0.9},
    "Poland": {"id": "798544", "geonames_id": 798544, "name": "Poland", "feature": "country", "country": "POL",
               "lat": 52.0, "lon": 20.0, "precision": "country", "confidence": 0.98},
    "Russia": {"id": "2017370", "geonames_id": 2017370, "name": "Russia", "feature": "country", "country": "RUS",
               "lat": 60.0, "lon": 100.0, "precision": "country", "confidence": 0.9},
}


def border_story(published: str = "2022-06-02", source: str = "site-e/border.html") -> Article:
    """STORY_BORDER with resolved place entities (Kharkiv twice, Lviv, Poland) and two place
    mentions ('Russian border', 'Polish border')."""
    rec = make_article(STORY_BORDER, published, source, "Drones cross the border",
                       entities=(("Kharkiv", "GPE", "UKR", "UKR"), ("Lviv", "GPE", "UKR", "UKR"),
                                 ("Poland", "GPE", "POL", "POL"))).model_dump(mode="json")
    for e in rec["entities"]:
        e["geo"] = _GEO[e["name"]]
        if e["name"] == "Kharkiv":
            s, end = _find(STORY_BORDER, "Kharkiv", e["mentions"][0]["end"])
            e["mentions"].append(make_span(STORY_BORDER, s, end).model_dump())
    pms = []
    for phrase, anchor, geo in (("Russian border", "Russian", "Russia"), ("Polish border", "Polish", "Poland")):
        s, end = _find(STORY_BORDER, phrase)
        pms.append({"id": content_id("place", s, end, _GEO[geo]["id"]), "span": make_span(STORY_BORDER, s, end).model_dump(),
                    "kind": "border", "anchor": make_span(STORY_BORDER, s, s + len(anchor)).model_dump(),
                    "geo": _GEO[geo]})
    rec["place_mentions"] = pms
    return Article.model_validate(rec)
