"""Bad input: a clear one-line error naming the document and the reason, a non-zero exit
for a single document, an error record per bad line in jsonl mode; never a traceback.
Bad files are generated here in tmp_path (nothing large is committed)."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.errors import InputError
from sitrep.reader import decode

GERMAN = (
    "Die Bundesregierung hat am Montag angekündigt, dass sie die Hilfe für die Ukraine erhöhen wird. "
    "Der Kanzler sagte, man werde die Lieferungen fortsetzen und sich mit den Partnern abstimmen.\n\n"
    "Die Opposition kritisierte den Schritt als zu spät und forderte eine Debatte im Bundestag."
)
RUSSIAN = (
    "Правительство в понедельник объявило, что увеличит помощь пострадавшим от наводнения районам. "
    "По словам министра, более четырёх тысяч человек были вынуждены покинуть свои дома."
)
ENGLISH = (
    "Police in the port city arrested twelve protesters on Sunday after a march against fuel prices "
    "turned violent, a police spokesman said.\n\nThe protesters were released on bail on Monday."
)
NO_ARTICLE_HTML = (
    "<html><head><title>Example News</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a>"
    "</nav><footer>Copyright 2024 Example News</footer></body></html>"
)


def _make(tmp_path, name, data):
    p = tmp_path / name
    if isinstance(data, int):  # a sparse file of that many bytes: large without writing it all
        with open(p, "wb") as fh:
            fh.seek(data - 1)
            fh.write(b"\n")
    else:
        p.write_bytes(data)
    return p


CASES = [
    ("empty.txt", b"", "E001"),
    ("blank.txt", b" \n\t \r\n\n", "E002"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "E003"),
    ("controls.txt", ("\x01\x02\x03\x04\x05\x06 abc " * 200).encode("ascii"), "E003"),
    ("latin1.txt", "Le président a déclaré que l'armée quitterait la ville.".encode("latin-1") * 10, "E004"),
    ("huge.txt", 50 * 1024 * 1024, "E005"),
    ("noarticle.html", NO_ARTICLE_HTML.encode("utf-8"), "E006"),
    ("chrome.txt", b"Home\nAbout\nContact\n\nSign in\n\nShare and Enjoy !\n\nLeave a Reply\n", "E009"),
]


@pytest.mark.parametrize("name,data,code", CASES, ids=[c[0] for c in CASES])
def test_single_bad_document(tmp_path, name, data, code):
    p = _make(tmp_path, name, data)
    r = CliRunner().invoke(main, ["extract", str(p)])
    assert r.exit_code != 0
    assert r.stdout == ""
    err = r.stderr.strip().splitlines()
    assert len(err) == 1, r.stderr
    assert code in err[0] and str(p) in err[0]
    assert "Traceback" not in r.stderr and r.exception is None or isinstance(r.exception, SystemExit)


@pytest.mark.parametrize("name,text,lang", [("german.txt", GERMAN, "de"), ("russian.txt", RUSSIAN, "ru")])
def test_other_languages_are_read_not_refused(tmp_path, name, text, lang):
    p = _make(tmp_path, name, text.encode("utf-8"))
    r = CliRunner().invoke(main, ["extract", str(p)])
    assert r.exit_code == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["language"] == lang and rec["text"] == text.replace("\n\n", "\n\n")
    assert rec["coverage"]["skipped"] == ["entities", "quantities", "events", "places"]


def test_missing_file_and_directory(tmp_path):
    for target in (tmp_path / "nope.txt", tmp_path):
        r = CliRunner().invoke(main, ["extract", str(target)])
        assert r.exit_code != 0 and "E010" in r.stderr and str(target) in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_stdin_over_the_limit():
    r = CliRunner().invoke(main, ["extract", "-", "--max-bytes", "1000"], input=ENGLISH * 20)
    assert r.exit_code != 0 and "<stdin>" in r.stderr and "E005" in r.stderr


def test_declared_charset_and_utf16_are_read(tmp_path):
    html = ("<html><head><meta charset='windows-1252'><title>Caf\xe9</title></head><body><article><p>"
            + ENGLISH.replace("\n\n", "</p><p>") + " The caf\xe9 owner said \u201cenough\u201d.</p></article></body></html>")
    p = _make(tmp_path, "cp1252.html", html.encode("cp1252"))
    r = CliRunner().invoke(main, ["extract", str(p)])
    assert r.exit_code == 0, r.stderr
    assert "café owner said “enough”" in json.loads(r.stdout)["text"]
    p = _make(tmp_path, "utf16.txt", ENGLISH.encode("utf-16"))
    r = CliRunner().invoke(main, ["extract", str(p)])
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["text"].startswith("Police in the port city")


def test_bad_published_option_is_one_line(tmp_path):
    p = _make(tmp_path, "ok.txt", ENGLISH.encode("utf-8"))
    for bad in ("03/02/2022", "2025-02-30", "2025-1-5"):
        r = CliRunner().invoke(main, ["extract", str(p), "--published", bad])
        # A usage error (exit 2) naming the option and the value, before any work.
        assert r.exit_code == 2 and r.stdout == "", r.output
        line = r.stderr.strip().splitlines()[-1]
        assert len(r.stderr.strip().splitlines()) == 1 and line.startswith("Error: E302: bad option: --published")
        assert bad in line, r.stderr


def test_jsonl_bad_lines_become_error_records_and_the_rest_goes_on(tmp_path):
    lines = [
        json.dumps({"id": "good1", "text": ENGLISH, "published": "2024-05-06"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "nofield", "body": ENGLISH}),
        json.dumps({"id": "empty", "text": ""}),
        json.dumps({"id": "blank", "text": "   \n  "}),
        json.dumps({"id": "binary", "text": "\x00\x01\x02" * 50}),
        json.dumps({"id": "german", "text": GERMAN}),
        json.dumps({"id": "noarticle", "html": NO_ARTICLE_HTML}),
        json.dumps({"id": "baddate", "text": ENGLISH, "published": "yesterday"}),
        json.dumps({"id": "huge", "text": "word " * 400}),
        json.dumps({"id": "good2", "html": "<html><body><article><p>" + ENGLISH + "</p></article></body></html>"}),
    ]
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # A real process: the console entry point, as a user runs it.
    r = subprocess.run([sys.executable, "-m", "sitrep.cli.__main__", "extract", str(p), "--max-bytes", "1500"],
                       capture_output=True, text=True)
    assert "Traceback" not in r.stderr
    assert r.returncode == 0, r.stderr
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert len(out) == len(lines)
    codes = [o.get("code") for o in out]
    # A page in another language is read, never refused (issue 14): "german" is a record.
    assert codes == [None, "E008", "E008", "E008", "E001", "E002", "E003", None, "E006", "E302", "E005", None]
    assert out[7]["language"] == "de" and "entities" in out[7]["coverage"]["skipped"]
    assert out[0]["input_id"] == "good1" and out[0]["published"] == "2024-05-06"
    assert out[-1]["input_id"] == "good2" and out[-1]["text"].startswith("Police in the port city")
    assert [o["input_id"] for o in out[3:11]] == ["nofield", "empty", "blank", "binary", "german", "noarticle",
                                                  "baddate", "huge"]
    # One stderr line per failure plus the summary line.
    assert len(r.stderr.strip().splitlines()) == 10


def test_decode_names_the_document():
    with pytest.raises(InputError) as e:
        decode(b"\xff\xfe\xfa" * 10 + b"abc", doc="feeds/a.txt")  # UTF-16 mark, broken body
    with pytest.raises(InputError) as e:
        decode(b"caf\xe9 " * 20, doc="feeds/a.txt")
    assert str(e.value).startswith("feeds/a.txt: E004")


def test_jsonl_on_stdin_is_streamed_past_the_document_limit():
    good = json.dumps({"id": "g", "text": ENGLISH})
    lines = [good] * 3 + [json.dumps({"id": "big", "text": "word " * 300})] + [good]
    data = "\n".join(lines) + "\n"
    assert len(data) > 1500  # the whole batch is over the per-document limit
    r = CliRunner().invoke(main, ["extract", "-", "--input-format", "jsonl", "--as-body", "--max-bytes", "1500"],
                           input=data)
    assert r.exit_code == 0, r.stderr
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert [o.get("code") for o in out] == [None, None, None, "E005", None]
    assert out[3]["input_id"] == "big"


def test_gzipped_page_is_read_and_a_gzip_bomb_refused(tmp_path):
    import gzip

    html = "<html><body><article><p>" + ENGLISH.replace("\n\n", "</p><p>") + "</p></article></body></html>"
    p = _make(tmp_path, "page.html.gz", gzip.compress(html.encode("utf-8")))
    r = CliRunner().invoke(main, ["extract", str(p)])
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["text"].startswith("Police in the port city")
    bomb = _make(tmp_path, "bomb.txt.gz", gzip.compress(b"a" * 5_000_000))
    r = CliRunner().invoke(main, ["extract", str(bomb), "--max-bytes", "100000"])
    assert r.exit_code != 0 and "E005" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    broken = _make(tmp_path, "broken.txt.gz", b"\x1f\x8b\x08\x00garbage" * 10)
    r = CliRunner().invoke(main, ["extract", str(broken)])
    assert r.exit_code != 0 and "E003" in r.stderr
