"""The strict held-out split of the codebook benchmark (benchmarks/bench_events.py)."""

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_events.py"
_spec = importlib.util.spec_from_file_location("bench_events_for_test", _PATH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_strict_held_out_drops_near_copies_of_gsr_sentences():
    gsr = [{"text": "Ruritania sent troops to the border of Freedonia on Monday."}]
    cb = [
        # the GSR sentence with other names: 8 of 12 tokens shared, Jaccard 0.67
        {"text": "Ruritania sent troops to the border of Sylvania on Tuesday."},
        # a sentence of its own
        {"text": "Sylvania praised the new trade agreement with Ruritania."},
    ]
    assert bench.strict_held_out(cb, gsr, [0, 1]) == [1]
    assert bench.strict_held_out(cb, gsr, [0]) == []
