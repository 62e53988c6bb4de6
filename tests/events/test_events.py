"""Event extraction on one-sentence fixtures written for these tests (real model, real pipeline)."""

from __future__ import annotations

PUBLISHED = "2022-03-10"  # the `code` fixture (tests/conftest.py) runs sentences on this date


def dyads(rec):
    return [(e.plover, e.source.country or e.source.code, (e.target.country or e.target.code) if e.target else None,
             e.modality) for e in rec.events]


def test_passive_with_by_agent_and_count(code):
    rec = code("Twelve Malian soldiers were killed by French troops near Gao on Tuesday.")
    [e] = rec.events
    assert (e.plover, e.source.code, e.target.code, e.modality) == ("ASSAULT", "FRAMIL", "MLIMIL", "asserted")
    assert (e.quantity.value, e.quantity.unit) == (12, "soldiers")
    assert e.date == "2022-03-08"  # the Tuesday before the reference date


def test_coordinated_targets_give_one_event_each(code):
    rec = code("Turkey condemned Greece, Cyprus and Egypt over the maritime deal.")
    assert dyads(rec) == [("ACCUSE", "TUR", t, "asserted") for t in ("GRC", "CYP", "EGY")]


def test_coordinated_destinations_share_the_quantity(code):
    rec = code("Japan sent 500 soldiers to Iraq and Kuwait.")
    assert dyads(rec) == [("MOBILIZE", "JPN", "IRQ", "asserted"), ("MOBILIZE", "JPN", "KWT", "asserted")]
    assert {(e.quantity.value, e.quantity.unit) for e in rec.events} == {(500, "soldiers")}


def test_negation_and_negated_plan(code):
    rec = code("China does not plan to attack Taiwan, a spokesman said.")
    assert dyads(rec) == [("ASSAULT", "CHN", "TWN", "negated")]


def test_denial_scopes_over_the_complement(code):
    rec = code("Iran denied that it had attacked the tanker.")
    assert dyads(rec) == [("ASSAULT", "IRN", None, "denied")]


def test_conditional_and_any_are_hypothetical(code):
    a, b = code("If Serbia attacks Kosovo, NATO would respond.",
                "Any Chinese invasion of Taiwan would be a disaster, Japanese officials said.")
    assert dyads(a) == [("ASSAULT", "SRB", "XKX", "hypothetical")]
    assert dyads(b) == [("ASSAULT", "CHN", "TWN", "hypothetical")]


def test_options_not_ruled_out_are_hypothetical(code):
    rec = code("India has not ruled out sanctions against Pakistan.")
    assert [(p, s, t, m) for p, s, t, m in dyads(rec)] == [("COERCE", "IND", "PAK", "hypothetical")]


def test_going_to_is_planned(code):
    # 'is going to' is a future like 'will': the act is planned, not done.
    [e] = code("Russia is going to send more troops to the border.").events
    assert (e.plover, e.cameo, e.modality, e.source.country) == ("MOBILIZE", "154", "planned", "RUS")


def test_future_is_planned(code):
    rec = code("Pakistan will send a delegation to India next week.")
    [e] = rec.events
    assert (e.plover, e.cameo, e.modality, e.target.country) == ("AGREE", "036", "planned", "IND")
    assert e.date == "2022-W11"


def test_nominal_predicates(code):
    dep, talks, call = code(
        "The deployment of Turkish troops to Libya angered Egypt.",
        "Talks between Armenia and Azerbaijan resumed in Moscow on Friday.",
        "French President Emmanuel Macron held a phone call with Iranian President Hassan Rouhani.",
    )
    assert dyads(dep) == [("MOBILIZE", "TUR", "LBY", "asserted")]
    assert dyads(talks) == [("CONSULT", "ARM", "AZE", "asserted"), ("CONSULT", "AZE", "ARM", "asserted")]  # reciprocal
    # a call is a mutual act: each side calls the other (issue 18)
    assert [(e.plover, e.mode, e.source.country, e.target.country, e.trigger.text) for e in call.events] == [
        ("CONSULT", "phone", "FRA", "IRN", "call"), ("CONSULT", "phone", "IRN", "FRA", "call")]


def test_reported_speech_is_reported(code):
    rec = code("Russian forces shelled Kharkiv, Ukrainian officials said.")
    assert [(p, s, m) for p, s, _, m in dyads(rec)] == [("ASSAULT", "RUS", "reported")]


def test_object_patterns_choose_the_code(code):
    troops, sanctions = code("Brazil sent troops to Haiti.", "Brazil imposed sanctions on Venezuela.")
    assert [(e.plover, e.cameo) for e in troops.events] == [("MOBILIZE", "154")]
    assert dyads(sanctions) == [("COERCE", "BRA", "VEN", "asserted")]


def test_group_subject_is_its_members_and_place_is_kept(code):
    protest, arrest = code("Thousands of Iraqis protested against the government in Baghdad.",
                           "Kenyan police arrested 40 protesters in Nairobi on Sunday.")
    # 'the government in Baghdad' is a generic actor (GOV) placed in Iraq: IRQGOV.
    assert dyads(protest) == [("PROTEST", "IRQ", "IRQ", "asserted")]
    assert protest.events[0].target.code == "IRQGOV"
    [e] = arrest.events
    assert (e.plover, e.mode, e.source.code, e.location) == ("COERCE", "arrest", "KENCOP", "Nairobi")
    assert (e.quantity.value, e.quantity.unit) == (40, "protesters")


def test_headline_case(code):
    rec = code("Ethiopia Rejects Egyptian Demands Over Nile Dam")
    assert ("REJECT", "ETH", "EGY", "asserted") in dyads(rec)


def test_non_events_give_nothing(code):
    # (a casualty count without an agent is an event with no source: tests/events/test_events_arguments.py)
    for rec in code("The weather in Paris was mild on Sunday.", "Prices in Lagos rose again in March."):
        assert rec.events == []


def test_sentence_alone_codes_as_inside_an_article(code):
    sentences = ["Japan sent 500 soldiers to Iraq and Kuwait.", "Turkey condemned Greece over the maritime deal.",
                 "Iran denied that it had attacked the tanker."]
    alone = [dyads(r) for r in code(*sentences)]
    article = code(" ".join(sentences))
    together = []
    for s in sentences:
        together.append([d for d, e in zip(dyads(article), article.events) if e.evidence.text == s])
    assert together == alone


def test_coordinated_country_modifiers_give_one_source_each(code):
    rec = code("Polish and Czech officials condemned Belarus on Monday.")
    assert [(e.plover, e.source.code, e.target.country) for e in rec.events] == [
        ("ACCUSE", "POLGOV", "BLR"), ("ACCUSE", "CZEGOV", "BLR")]


def test_obligation_reported_by_a_state_is_a_demand(code):
    rec = code("Norway said that Sweden must return the seized fishing boat.")
    assert dyads(rec)[0] == ("REQUEST", "NOR", "SWE", "asserted")
    # what Sweden must do has not happened
    assert all(m != "asserted" for p, s, t, m in dyads(rec)[1:])


def test_plover_view_folds_modality_into_the_type():
    from sitrep.events.coding import plover_view

    assert plover_view("CONSULT", "planned") == "AGREE"
    assert plover_view("AID", "negated") == "REJECT"
    assert plover_view("ASSAULT", "negated") == "ASSAULT"
    assert plover_view("CONSULT", "asserted") == "CONSULT"
    assert plover_view("RETREAT", "planned") == "AGREE"      # 'will release the hostages'
    assert plover_view("COERCE", "planned") == "THREATEN"    # 'plans to impose restrictions'
    assert plover_view("COERCE", "hypothetical") == "COERCE"


def test_groups_of_people_act_for_the_country_they_are_in(code):
    demo, strike, torture = code(
        "Thousands of students throughout Chile staged demonstrations on Monday to demand cheaper tuition.",
        "Opposition activists in Belarus began a hunger strike on Friday.",
        "Security forces in Mali tortured dozens of prisoners, a rights group said.",
    )
    assert (demo.events[0].plover, demo.events[0].source.code) == ("PROTEST", "CHLEDU")
    [e] = strike.events
    assert (e.plover, e.mode, e.source.code, e.trigger.text) == ("PROTEST", "hunger", "BLROPP", "strike")
    [t] = torture.events
    assert (t.plover, t.source.code, t.modality) == ("ASSAULT", "MLICOP", "reported")  # Phoenix: security forces = COP


def test_would_in_reported_speech_is_a_plan_even_when_conditional(code):
    # A conditional 'would' is an offer (PLOVER AGREE: 'offer, promise'); the condition itself
    # ('if Florida paid') stays hypothetical.
    plan, cond = code("Cuba said it would release the detained fishermen.",
                      "Cuba said it would release the fishermen if Florida paid a fine.")
    assert [(e.plover, e.source.country, e.modality) for e in plan.events] == [("RETREAT", "CUB", "planned")]
    assert [(e.plover, e.source.country, e.modality) for e in cond.events] == [
        ("RETREAT", "CUB", "planned"), ("COOPERATE", "USA", "hypothetical")]


def test_object_control_and_warnings_against(code):
    warn, urge, accuse = code("Lithuania warned Russia against invading Ukraine.",
                              "Germany urged Iran to release the detained sailors.",
                              "Egypt accused Sudan of supplying weapons to the rebels.")
    assert dyads(warn) == [("THREATEN", "LTU", "RUS", "asserted"), ("ASSAULT", "RUS", "UKR", "hypothetical")]
    assert dyads(urge) == [("REQUEST", "DEU", "IRN", "asserted"), ("RETREAT", "IRN", None, "hypothetical")]
    # what someone is accused of is done by the accused and reported by the accuser (issue 18:
    # the speech act and the embedded event); "the rebels" is a generic actor (REB)
    assert dyads(accuse) == [("ACCUSE", "EGY", "SDN", "asserted"), ("AID", "SDN", "REB", "reported")]
    assert accuse.events[1].reported_by == accuse.events[0].source


def test_adjunct_clause_keeps_the_main_subject(code):
    rec = code("After meeting Algerian officials, France demanded guarantees from Mali.")
    assert ("CONSULT", "FRA", "DZA", "asserted") in dyads(rec)
    assert ("REQUEST", "FRA", "MLI", "asserted") in dyads(rec)


def test_acts_named_by_nouns_after_light_verbs(code):
    cleansing, ultimatum = code("Serbian forces were engaged in ethnic cleansing in Kosovo, the report said.",
                                "Eritrea issued an ultimatum to Ethiopia on Monday.")
    [e] = cleansing.events
    assert (e.plover, e.mode, e.source.code, e.target.country, e.modality) == (
        "ASSAULT", "cleansing", "SRBMIL", "XKX", "reported")
    [u] = ultimatum.events
    assert (u.plover, u.cameo, u.source.country, u.target.country) == ("THREATEN", "139", "ERI", "ETH")
