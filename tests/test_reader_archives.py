"""Issue 13, case 4: archives read to the end and checked. Every gzip member is read; a
truncated .gz, a WARC cut in half or a 100-byte WARC becomes an error row naming the file
and the byte offset (the documents before the damage are kept); .jsonl.gz is jsonl."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from sitrep.ingest import ingest
from sitrep.reader import gunzip, iter_documents
from sitrep.store import open_store

ENGLISH = ("Police in the port city arrested {n} protesters on Sunday after a march against fuel prices "
           "turned violent, a police spokesman said. The protesters were released on bail on Monday, "
           "and the city council said it would review the use of force by officers.\n")


def page(i: int) -> bytes:
    body = ENGLISH.format(n=10 + i) * 3
    return (f"<html><head><title>Report {i}</title></head><body><article><h1>Report {i}</h1>"
            f"<p>{body}</p></article></body></html>").encode("utf-8")


def warc(path: Path, n: int, gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for i in range(n):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://example.test/{i}", "response", payload=io.BytesIO(page(i)),
                                            http_headers=headers))
    data = buf.getvalue()
    path.write_bytes(data)
    return data


def kinds(path: Path) -> list[str]:
    return [getattr(d, "source", None) if not hasattr(d, "code") else d.code for d in iter_documents(str(path))]


def test_every_gzip_member_is_read(tmp_path):
    text = ENGLISH.format(n=12).encode()
    two = gzip.compress(text[:60]) + gzip.compress(text[60:])  # `cat a.gz b.gz`: one valid gzip file
    assert gunzip(two, "two.gz") == text
    p = tmp_path / "story.txt.gz"
    p.write_bytes(two)
    (doc,) = list(iter_documents(str(p)))
    assert doc.content == text.decode()


def test_a_truncated_gz_page_is_an_error_naming_the_offset(tmp_path):
    data = gzip.compress(ENGLISH.format(n=12).encode() * 20)
    p = tmp_path / "story.txt.gz"
    p.write_bytes(data[: len(data) // 2])
    (err,) = list(iter_documents(str(p)))
    assert err.code == "E010" and str(p) in str(err)
    assert "truncated gzip: the member at byte 0 ends early" in str(err) and f"ends at byte {len(data) // 2}" in str(err)


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_a_warc_cut_in_half_keeps_its_whole_records_and_names_the_damage(tmp_path, gz):
    whole = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
    data = warc(whole, 4, gz)
    assert [d.source for d in iter_documents(str(whole))] == [f"http://example.test/{i}" for i in range(4)]
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: len(data) * 5 // 8])  # inside the third record
    out = list(iter_documents(str(cut)))
    assert [d.source for d in out[:-1]] == ["http://example.test/0", "http://example.test/1"]
    err = out[-1]
    assert err.code == "E010" and str(cut) in str(err) and "byte" in err.reason
    assert ("truncated gzip" if gz else "truncated WARC") in err.reason


@pytest.mark.parametrize("size", [100, 10])
def test_a_tiny_warc_is_an_error_not_zero_documents(tmp_path, size):
    data = warc(tmp_path / "w.warc.gz", 2)
    p = tmp_path / "tiny.warc.gz"
    p.write_bytes(data[:size])
    (err,) = list(iter_documents(str(p)))
    assert err.code == "E010" and str(p) in str(err)
    q = tmp_path / "empty.warc"
    q.write_bytes(b"")
    (err,) = list(iter_documents(str(q)))
    assert err.code == "E010" and "not a WARC file" in err.reason


def test_jsonl_gz_is_read_as_jsonl_and_a_cut_one_names_the_damage(tmp_path):
    lines = [json.dumps({"id": f"s{i}", "text": ENGLISH.format(n=20 + i), "published": "2024-05-06"}) for i in range(6)]
    raw = ("\n".join(lines) + "\n").encode()
    p = tmp_path / "batch.jsonl.gz"
    p.write_bytes(gzip.compress(raw))
    assert [d.input_id for d in iter_documents(str(p))] == [f"s{i}" for i in range(6)]
    data = gzip.compress(raw)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) - 12])
    out = list(iter_documents(str(cut)))
    assert out[-1].code == "E010" and "truncated gzip" in out[-1].reason and str(cut) in str(out[-1])
    assert all(not hasattr(d, "code") for d in out[:-1])


def test_ingest_of_damaged_archives_gives_error_rows_and_keeps_the_rest(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    data = warc(d / "a_whole.warc.gz", 3)
    (d / "b_cut.warc.gz").write_bytes(warc(tmp_path / "other.warc.gz", 3)[: len(data) // 2])
    (d / "c_tiny.warc").write_bytes(data[:100])
    records = [json.dumps({"id": f"j{i}", "text": ENGLISH.format(n=40 + i)}) for i in range(2)]
    (d / "d_lines.jsonl.gz").write_bytes(gzip.compress(("\n".join(records) + "\n").encode()))
    full = gzip.compress(ENGLISH.format(n=77).encode() * 10)
    (d / "e_cut.txt.gz").write_bytes(full[:40])
    db = tmp_path / "c.db"
    summary = ingest([str(d)], db=str(db), published="2024-05-06")
    # 3 pages + 2 jsonl lines; the cut archive's first page (same URL, same bytes as the
    # whole one's) is already stored; 3 damaged files.
    assert (summary["articles"], summary["skipped"]) == (5, 1) and summary["errors"] == 3 and summary["error_codes"] == {"E010": 3}, json.dumps(summary)
    s = open_store(str(db))
    bad = sorted(Path(r["source"]).name for r in s.errors())
    assert bad == ["b_cut.warc.gz", "c_tiny.warc", "e_cut.txt.gz"]
    assert all("byte" in r["reason"] for r in s.errors())
    s.close()
    again = ingest([str(d)], db=str(db), published="2024-05-06")
    assert (again["articles"], again["errors"]) == (0, 0)
