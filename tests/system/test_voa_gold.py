"""The VOA time/entity gold is exactly what scripts/build_voa_gold.py builds from the snippets."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "benchmarks" / "gold"


def _stories():
    rows = [json.loads(line) for line in (GOLD / "voa" / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    return {r["id"]: r["text"] for r in rows}


def test_build_check_is_clean():
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_voa_gold.py"), "--check"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_offsets_index_the_story_text_and_follow_the_split():
    texts = _stories()
    split = json.loads((GOLD / "voa" / "split.json").read_text(encoding="utf-8"))
    for name in ("timex", "entities"):
        rows = [json.loads(line) for line in (GOLD / name / "voa.jsonl").read_text(encoding="utf-8").splitlines()]
        ids = [r["id"] for r in rows]
        held = [i for i in ids if i in split["heldout"]]
        dev = [i for i in ids if i in split["dev"]]
        assert held == split["heldout"][:len(held)] and dev == split["dev"][:len(dev)]
        for r in rows:
            text = texts[r["id"]]
            if name == "timex":
                for t in r["times"]:
                    assert text[t["start"]:t["end"]] == t["text"]
            else:
                for e in r["entities"]:
                    assert [text[s:t] for s, t in e["mentions"]] == e["texts"]


def test_a_missing_snippet_fails_loudly(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_voa_gold as b

    (tmp_path / "voa_annotations.txt").write_text("STORY 8011218\nin [[the 1750s]] | DATE | 175\n", encoding="utf-8")
    monkeypatch.setattr(b, "TIMEX_DIR", tmp_path)
    try:
        b.build_timex(b.load_stories(), b.split_of())
    except b.GoldError as exc:
        assert str(exc.code) == "build_voa_gold: story 8011218: context not found: 'in the 1750s'"
    else:
        raise AssertionError("no error")
