"""The watcher's terminal status: a line per source redrawn in place on a terminal (here a
real pseudo-terminal), plain log lines otherwise."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest

from sitrep.watch.status import ERASE_DOWN, StatusBoard, source_line

from watch_server import SITREP, T0, shelling
from watch_server import Server, rss

SRC = {"id": "s1", "url": "http://127.0.0.1:9/feed.xml", "kind": "feed", "last_poll": T0, "last_status": 200,
       "items_new": 3, "items": {"done": 10, "new": 2}, "failures": 0, "next_due": T0 + 900, "last_error": None}
REP = {"polled": 1, "not_modified": 0, "source_errors": 0, "new_items": 3, "fetched": 3, "unchanged": 0,
       "item_errors": 0, "articles": 3, "revisions": 0, "alerts": 1, "webhooks_sent": 0, "seconds": 2.25}
LINE = "http://127.0.0.1:9/feed.xml  feed  polled 11:06:40  200  +3 new  12 items  next 11:21:40"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_source_line_says_poll_time_status_new_items_failures_next_poll_and_error():
    assert source_line(SRC) == LINE
    failing = {**SRC, "last_status": 503, "items_new": 0, "failures": 2, "last_error": "HTTP 503"}
    assert source_line(failing) == ("http://127.0.0.1:9/feed.xml  feed  polled 11:06:40  503  +0 new  12 items  "
                                    "2 failures  next 11:21:40  error: HTTP 503")
    assert source_line({"id": "s2", "url": "http://h/x", "kind": None, "next_due": T0}) == \
        "http://h/x  ?  not polled yet  next 11:06:40"


def test_plain_output_is_one_log_line_per_poll_and_per_round_without_escapes():
    out = io.StringIO()
    board = StatusBoard(out)  # not a terminal
    assert board.live is False
    board.set_sources([{**SRC, "last_poll": None, "items": {}}])
    board.polled({**SRC, "items_new": 3})
    board.progress(REP)  # nothing in a log between polls
    board.round_done(REP, [SRC])
    board.above("ALERT [r] 2025-03-03: something")
    assert out.getvalue() == (
        f"2025-03-03 11:06:40 {LINE}\n"
        "round: 1 polled (0 not modified, 0 errors), 3 new URLs, 3 fetched, 3 stored, 0 fetch errors, 1 alerts (2.2 s)\n"
        "ALERT [r] 2025-03-03: something\n")


def test_live_block_is_redrawn_in_place_cut_to_the_width_and_alerts_go_above_it():
    out = Tty()
    board = StatusBoard(out, size=lambda: (60, 24))
    assert board.live is True
    board.set_sources([SRC])
    first = out.getvalue()
    assert first == ERASE_DOWN + LINE[:58] + "…\n"
    board.progress(REP)
    second = out.getvalue()[len(first):]
    # Back up one line (the block so far), erase, draw the source and the round in progress.
    assert second == "\x1b[1F" + ERASE_DOWN + LINE[:58] + "…\n" + \
        "round in progress: 1 polled (0 not modified, 0 errors), 3 …\n"
    board.above("ALERT [r] 2025-03-03: x")
    third = out.getvalue()[len(first) + len(second):]
    assert third == "\x1b[2F" + ERASE_DOWN + "ALERT [r] 2025-03-03: x\n" + ERASE_DOWN + LINE[:58] + "…\n" + \
        "round in progress: 1 polled (0 not modified, 0 errors), 3 …\n"


def test_live_block_never_grows_past_the_terminal_height():
    out = Tty()
    board = StatusBoard(out, size=lambda: (200, 6))
    board.set_sources([{**SRC, "id": f"s{i}", "url": f"http://h/{i}.xml"} for i in range(10)])
    board.round_done(REP)
    lines = board.lines()
    assert len(lines) == 5 and lines[3] == "... and 7 more sources (sitrep sources --db DB)"
    assert lines[-1].startswith("round: 1 polled")


@pytest.fixture
def server():
    with Server() as s:
        s.route("/robots.txt", "User-agent: *\nAllow: /\n", ctype="text/plain")
        s.route("/k0", shelling(0))
        s.route("/feed.xml", rss([("/k0", "k0", "Mon, 03 Mar 2025 08:00:00 GMT")], s.url))
        yield s


def _cmd(server, db) -> list[str]:
    return SITREP + ["watch", server.url + "/feed.xml", "--db", str(db), "--rate", "0", "--once"]


def test_cli_on_a_terminal_redraws_the_source_lines_in_place(server, tmp_path):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # 80 columns
    proc = subprocess.Popen(_cmd(server, tmp_path / "tty.db"), stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    stdout, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0
    screen = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert "Traceback" not in screen
    url = server.url + "/feed.xml"
    # Drawn first (not polled yet), then redrawn in place (cursor up, erase) as the source is
    # polled, the article stored and the round done; no line is wider than the terminal.
    blocks = screen.split(ERASE_DOWN)
    assert blocks[0] == "" and blocks[1].startswith(f"{url}  ?  not polled yet")
    assert all(re.fullmatch(r"\x1b\[\dF", b[-4:]) for b in blocks[1:-1])
    assert re.match(rf"{re.escape(url)}  feed  polled \d\d:\d\d:\d\d  200  \+1 new", blocks[2])
    last = blocks[-1].splitlines()
    # Cut to the terminal's 80 columns (less the last one) with an ellipsis.
    assert re.match(rf"{re.escape(url)}  feed  polled \d\d:\d\d:\d\d  200  \+1 new  1 items  ", last[0])
    assert len(last[0]) == 79 and last[0].endswith("…")
    assert last[1].startswith("round: 1 polled (0 not modified, 0 errors), 1 new URLs, 1 fetched, 1 stored")
    assert all(len(x) <= 79 for b in blocks for x in b.splitlines())
    assert stdout == b""


def test_cli_without_a_terminal_writes_plain_lines(server, tmp_path):
    out = subprocess.run(_cmd(server, tmp_path / "plain.db"), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    url = server.url + "/feed.xml"
    lines = out.stderr.splitlines()
    assert "\x1b" not in out.stderr and len(lines) == 2
    assert re.fullmatch(rf"\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d {re.escape(url)}  feed  polled \d\d:\d\d:\d\d  200  \+1 new  "
                        rf"next \d\d:\d\d:\d\d", lines[0])
    assert re.fullmatch(r"round: 1 polled \(0 not modified, 0 errors\), 1 new URLs, 1 fetched, 1 stored, "
                        r"0 fetch errors, 0 alerts \(\d+\.\d s\)", lines[1])
