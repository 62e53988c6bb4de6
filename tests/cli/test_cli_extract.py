import json
import subprocess
import sys

from click.testing import CliRunner

from sitrep.cli import main


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input)


def test_schema_command_prints_json_schema():
    r = run(["schema"])
    assert r.exit_code == 0
    assert json.loads(r.output)["title"] == "Article"


def test_as_body_keeps_text_byte_for_byte(tmp_path):
    body = "  Ukraine's president said on Monday that talks would resume.\n\nThe army denied it.  \n"
    p = tmp_path / "b.txt"
    p.write_text(body, encoding="utf-8")
    r = run(["extract", str(p), "--as-body"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["text"] == body


def test_jsonl_batch_carries_ids_and_records_bad_lines(tmp_path):
    p = tmp_path / "in.jsonl"
    lines = [
        {"id": "a1", "text": "The minister said the army would leave the city on Friday.", "published": "2022-03-04"},
        "this is not json",
        {"id": "a3", "text": "   "},
        {"id": "a4", "html": "<html><body><article><p>Police in Lagos arrested twelve protesters on Sunday, a spokesman said.</p></article></body></html>"},
    ]
    p.write_text("\n".join(l if isinstance(l, str) else json.dumps(l) for l in lines), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "sitrep.cli.__main__", "extract", str(p), "--as-body", "--input-format", "jsonl"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["input_id"] == "a1" and out[0]["published"] == "2022-03-04"
    assert out[1]["code"] == "E008"
    assert out[2]["code"] == "E002" and out[2]["input_id"] == "a3"
    assert "Lagos" in out[3]["text"]


def test_single_bad_document_exits_nonzero_with_one_line(tmp_path):
    for name, data, code in [("empty.txt", b"", "E001"), ("ws.txt", b" \n\t\n", "E002"),
                             ("bin.txt", bytes(range(256)) * 10, "E003"), ("latin.txt", "Caf\xe9 d\xe9j\xe0 vu".encode("latin-1") * 20, "E004")]:
        p = tmp_path / name
        p.write_bytes(data)
        r = subprocess.run([sys.executable, "-m", "sitrep.cli.__main__", "extract", str(p)], capture_output=True, text=True)
        assert r.returncode != 0
        assert r.stdout == ""
        err = r.stderr.strip().splitlines()
        assert len(err) == 1 and code in err[0] and name in err[0], r.stderr
        assert "Traceback" not in r.stderr
