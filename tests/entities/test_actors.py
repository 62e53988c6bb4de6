"""Sectors of common-noun actors (sitrep/entities/actors.py): a member role after a group
word takes the group's sector. Table lookups plus invented one-sentence fixtures."""

from __future__ import annotations

from sitrep.entities.actors import group_role, sector_for_noun, sector_for_title


def test_member_role_takes_the_groups_sector():
    assert sector_for_noun("leader", "leader", ("gang",)) == "CRM"
    assert sector_for_noun("members", "member", ("gang",)) == "CRM"
    assert sector_for_title("gang leader") == "CRM"


def test_role_alone_or_after_a_non_group_word_keeps_its_own_reading():
    assert sector_for_noun("leader", "leader", ()) == "GOV"
    assert group_role(["world", "leader"]) is None
    assert group_role(["gang", "violence"]) is None  # not a role


def test_gang_leader_is_a_criminal_actor(events_of):
    assert events_of("A Haitian gang leader attacked the police.") == [("ASSAULT", "190", "asserted", "HTICRM", "COP")]
