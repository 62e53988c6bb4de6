"""A stance noun's target (sitrep/events/arguments.py thing_owner): whoever owns what the
concern, frustration or support is about. Invented fixtures."""

from __future__ import annotations


def test_concern_over_a_possessed_thing_targets_its_owner(events_of):
    assert events_of("France expressed concern over Iran's nuclear program.") == [
        ("ACCUSE", "111", "asserted", "FRA", "IRN")]


def test_frustration_with_the_policies_of_a_government(events_of):
    assert events_of("Many Chinese expressed frustration with the policies of the Chinese government.") == [
        ("ACCUSE", "110", "asserted", "CHN", "CHNGOV")]


def test_concern_about_no_ones_thing_has_no_target(events_of):
    assert events_of("France expressed concern about inflation.") == [("ACCUSE", "111", "asserted", "FRA", None)]


def test_a_plain_object_keeps_its_own_phrases(events_of):
    # 'control of the South China Sea' is no stance noun: the sea does not become a target.
    assert events_of("The Philippines and China have been disputing control of the South China Sea.") == [
        ("ACCUSE", "110", "asserted", "PHL", "CHN"), ("ACCUSE", "110", "asserted", "CHN", "PHL")]
