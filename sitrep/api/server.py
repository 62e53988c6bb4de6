"""The HTTP server settings ``sitrep serve`` runs uvicorn with: timeouts and headers for
the responses uvicorn writes itself, before the app sees a request.

* **read timeout**: a request (head and body) must arrive within ``read_timeout``
  seconds of its first byte, or of the connection, else the connection is closed (a 408
  when nothing was answered yet). Without it, a client sending one header byte a second
  holds a connection for ever (300 such clients held 300 connections for 30 s and more).
* **idle timeout**: uvicorn's keep-alive timeout (``timeout_keep_alive``) closes a
  connection idle between requests.
* **connection cap**: uvicorn's ``limit_concurrency`` answers 503 above it.
* uvicorn's own 400 ("Invalid HTTP request received.") carries the same security
  headers as every app response.
"""

from __future__ import annotations

import asyncio
from typing import Optional

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .security import SECURITY_HEADERS

READ_TIMEOUT = 10.0
IDLE_TIMEOUT = 5
MAX_CONNECTIONS = 200


class SitrepH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a request read timeout and headers on its own 400."""

    read_timeout: float = READ_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._read_deadline: Optional[asyncio.TimerHandle] = None
        self._arm_read_deadline()

    def _arm_read_deadline(self) -> None:
        if getattr(self, "_read_deadline", None) is None:
            self._read_deadline = self.loop.call_later(self.read_timeout, self._read_timed_out)

    def _disarm_read_deadline(self) -> None:
        if getattr(self, "_read_deadline", None) is not None:
            self._read_deadline.cancel()
            self._read_deadline = None

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._arm_read_deadline()  # a new request on a kept-alive connection
        super().data_received(data)
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
            self._disarm_read_deadline()  # the whole request is in (or the connection is over)

    def connection_lost(self, exc: Optional[Exception]) -> None:
        self._disarm_read_deadline()
        super().connection_lost(exc)

    def _read_timed_out(self) -> None:
        self._read_deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is None and self.conn.our_state is h11.IDLE:
            # No request to answer in h11's eyes: the 408 is written as bytes.
            body = b"request not received in time"
            head = [b"HTTP/1.1 408 Request Timeout", b"content-type: text/plain; charset=utf-8",
                    b"content-length: " + str(len(body)).encode(), b"connection: close"]
            head += [k + b": " + v for k, v in SECURITY_HEADERS]
            self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        self._send_plain(400, b"Bad Request", msg.encode("ascii", "replace"))
        self.transport.close()

    def _send_plain(self, status: int, reason: bytes, body: bytes) -> None:
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")] + SECURITY_HEADERS
        try:
            for event in (h11.Response(status_code=status, headers=headers, reason=reason), h11.Data(data=body),
                          h11.EndOfMessage()):
                self.transport.write(self.conn.send(event))
        except h11.LocalProtocolError:
            pass  # the state machine refuses a response now: just close


def protocol_class(read_timeout: float = READ_TIMEOUT) -> type:
    """A protocol class with this read timeout (uvicorn takes a class, not an instance)."""
    return type("SitrepH11Protocol", (SitrepH11Protocol,), {"read_timeout": float(read_timeout)})


def run(app, host: str, port: int, read_timeout: float = READ_TIMEOUT, idle_timeout: int = IDLE_TIMEOUT,  # noqa: ANN001
        max_connections: int = MAX_CONNECTIONS) -> None:
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning", http=protocol_class(read_timeout),
                timeout_keep_alive=idle_timeout, limit_concurrency=max_connections)
