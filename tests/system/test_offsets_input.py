"""Offsets index the input exactly (issue 19): ``--as-body`` keeps the text byte for byte,
pages are normalised before their text is fixed, and every span indexes ``record.text``."""

import json
import subprocess
import sys
import unicodedata

from click.testing import CliRunner

from sitrep.cli import main

# Decomposed accents (e + U+0301), a no-break space, a thin space, an ideographic space, a
# zero-width space, a line separator, a form feed, a vertical tab, CRLF and a tab.
HOSTILE = (
    "Jose\u0301 Marti\u0301nez, the mayor of Me\u0301rida, said on Monday that\u00a0the bridge would reopen.\r\n"
    "\u201cWe will not wait,\u201d\u2009he told reporters.\u3000The army\u200b denied it.\u2028"
    "Officials in Ko\u0308ln\x0c said\tthe talks\x0b would resume, according to Reuters.\n"
)


def run(args):
    return CliRunner().invoke(main, args)


def _check_spans(rec: dict, text: str) -> int:
    n = 0
    for e in rec["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
            n += 1
    for q in rec["quotes"]:
        for p in q["parts"]:
            assert text[p["start"]:p["end"]] == p["text"]
            n += 1
        for key in ("speaker_span", "cue"):
            if q.get(key):
                assert text[q[key]["start"]:q[key]["end"]] == q[key]["text"]
    for t in rec["times"]:
        assert text[t["start"]:t["end"]] == t["text"]
    return n


def test_as_body_text_is_the_input_byte_for_byte(tmp_path):
    p = tmp_path / "b.txt"
    p.write_bytes(HOSTILE.encode("utf-8"))
    r = run(["extract", str(p), "--as-body"])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output)
    assert rec["text"] == HOSTILE
    assert rec["text"].encode("utf-8") == p.read_bytes()
    assert unicodedata.normalize("NFC", HOSTILE) != HOSTILE   # the fixture really is decomposed
    assert _check_spans(rec, HOSTILE) > 3
    # A name after the decomposed accents still points at its own characters.
    names = {m["text"] for e in rec["entities"] for m in e["mentions"]}
    assert "Reuters" in names


def test_as_body_jsonl_keeps_line_separators_and_form_feeds(tmp_path):
    p = tmp_path / "in.jsonl"
    # json.dumps(ensure_ascii=False) writes U+2028 raw: the line must not be cut there.
    p.write_text(json.dumps({"id": "x1", "text": HOSTILE}, ensure_ascii=False) + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "sitrep.cli.__main__", "extract", str(p), "--as-body",
                        "--input-format", "jsonl"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = [json.loads(line) for line in r.stdout.split("\n") if line.strip()]
    assert len(out) == 1 and out[0]["input_id"] == "x1"
    assert out[0]["text"] == HOSTILE


def test_page_is_normalised_before_its_text_is_fixed(tmp_path):
    page = ("Bridge Reopens In Me\u0301rida\n\n"
            "Jose\u0301 Marti\u0301nez, the mayor of Me\u0301rida, said on Monday that the bridge "
            "would reopen after two years of repairs. The works cost about 3 million euros, the "
            "city council said in a statement. Residents welcomed the news.\n")
    p = tmp_path / "page.txt"
    p.write_bytes(page.encode("utf-8"))
    r = run(["extract", str(p)])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output)
    assert "Jos\u00e9 Mart\u00ednez" in rec["text"]            # NFC happened before the body was fixed
    assert unicodedata.normalize("NFC", rec["text"]) == rec["text"]
    assert _check_spans(rec, rec["text"]) > 0
