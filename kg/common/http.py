"""HTTP requests for the paths to SPARQL stores (``kg push sparql``, ``kg query --endpoint``), with the
standard library only, and safe by construction:

- only ``http://`` and ``https://`` addresses (urllib would also "answer" ``data:`` and ``file:`` ones);
- redirects are never followed: a 3xx answer is an error that names where it pointed, so a write is
  never turned into an empty GET elsewhere and credentials never travel to another address;
- ``timeout`` bounds the whole request, connecting, sending and the whole answer, not each socket read:
  a server that sends a byte every few seconds is cut off when the time is up.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass

from kg.errors import ServerRefusedError, ServerUnreachableError, UsageError

SCHEMES = ("http", "https")
CHUNK = 1 << 16


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    headers: dict[str, str]


class StatusError(ServerRefusedError):
    """The server answered with an error or redirect status; ``status`` lets a caller decide what it means
    (kg push sparql falls back to SPARQL Update on some)."""

    def __init__(self, verb: str, url: str, status: int, answer: bytes, location: str = ""):
        self.status = status
        if 300 <= status < 400:
            self.detail = (f"{verb} {url} answered with a redirect (HTTP {status}) to {location or '(no address)'}; "
                           "kg does not follow redirects (a write would not arrive and credentials would go "
                           "to another address): give the address the redirect points to")
        else:
            self.detail = f"{verb} {url} failed with HTTP {status}: {text(answer)}"
        super().__init__(self.detail)


def check_url(url: str, what: str = "endpoint") -> urllib.parse.SplitResult:
    """The parts of ``url``; UsageError unless it is an http(s) address with a host (and a numeric port)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError as err:
        raise UsageError(f"bad {what} URL {url!r}: {err}") from None
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise UsageError(f"bad {what} URL {url!r}: give an http:// or https:// address with a host, such as "
                         "http://localhost:7878/store")
    return parts


def request(verb: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None, *,
            timeout: float = 60) -> Answer:
    """Send one request and read the whole answer within ``timeout`` seconds.

    Raises UsageError for an address that is not http(s), ServerUnreachableError when the server cannot be
    reached or gives no complete answer in time, and StatusError (a ServerRefusedError) for a status of
    300 or more, redirects included."""
    parts = check_url(url)
    target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    if parts.scheme.lower() == "https":
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout,
                                           context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    expired = threading.Event()
    sockets: list[socket.socket] = []  # the connection's; the answer keeps reading it after conn lets go

    def cut() -> None:  # the deadline: unblock whatever the request waits on
        expired.set()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    deadline = time.monotonic() + timeout
    timer = threading.Timer(timeout, cut)
    timer.daemon = True
    timer.start()
    try:
        conn.connect()
        sockets.append(conn.sock)
        if expired.is_set():
            cut()
        conn.request(verb, target, body=body, headers=headers or {})
        answer = conn.getresponse()
        chunks = []
        while chunk := answer.read(CHUNK):
            chunks.append(chunk)
            if time.monotonic() > deadline:
                cut()
                break
        if expired.is_set():
            raise TimeoutError
        data = b"".join(chunks)
        status, found = answer.status, {k.lower(): v for k, v in answer.getheaders()}
    except (OSError, http.client.HTTPException) as err:
        if expired.is_set() or isinstance(err, TimeoutError):
            raise ServerUnreachableError(f"{url} gave no complete answer within {timeout:g} s; is the server "
                                         "overloaded, or the address that of another service?") from None
        reason = (err.strerror if isinstance(err, OSError) else None) or err
        raise ServerUnreachableError(f"could not reach {url}: {reason}; is the server running and the address "
                                     "right?") from None
    finally:
        timer.cancel()
        conn.close()
    if status >= 300:
        raise StatusError(verb, url, status, data, found.get("location", ""))
    return Answer(status, data, found)


def text(answer: bytes) -> str:
    """The start of a server's answer, for an error message."""
    return answer.decode("utf-8", errors="replace").strip()[:300]
