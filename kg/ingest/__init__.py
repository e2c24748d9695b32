"""Reading inputs: text files, JSON Lines files, folders (recursively) and standard input, one document
at a time, with their metadata.

- A text file may open with front matter (``---`` lines around ``title: …``, ``date: …``, ``url: …``,
  ``source: …``); the text after it is the document.
- A ``.jsonl`` file holds one document per line: a JSON object with ``text`` and optionally ``id``,
  ``url``, ``title``, ``date``, ``source`` (field names configurable with :class:`Fields`). Its lines are
  decoded as text files are (a byte-order mark, UTF-16, Windows code pages).
- Header lines and a news dateline at the top of a text ("date 2023-12-26 [Source: Reuters]", "By X,
  Reuters, 3 March 2024", "CAIRO, Nov. 3 (Reuters) - …"; kg.ingest.dateline) give the date and the
  outlet of a document whose metadata lacks them; then a date in the file's name (``2024-03-05``,
  ``20240305``); then the input's reference date (``--date``). A date without its year or a relative
  one ("Nov. 3", "yesterday") is resolved against the file name's date, else the reference date.

Identity: an explicit id (JSON Lines ``id``) wins; a file is known by its path relative to the input
folder (a file given by itself: its name), a JSON line with no id by its file's id and line number,
standard input by ``stdin:<first 12 hex digits of the text's SHA-256>``. Two texts claiming one id are
both kept (kg.store.ids), never one silently replacing the other.

Any encoding is read (kg.ingest.decode); an HTML page is reduced to its article text and metadata
(kg.ingest.html). Memory stays bounded whatever the input: a file, a JSON line or standard input is
read only up to ``max_bytes``; devices, pipes and sockets are skipped unopened. kg's own outputs and
stores met in an input folder are not read (:class:`Notice`).

A file or line that cannot be read (binary, empty, too large, bad JSON) is reported as :class:`Skipped`
and the rest go on; one read only in part is reported as :class:`PartlyRead`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date as Date
from importlib import resources
from pathlib import Path

from kg.common.timex import resolve
from kg.errors import InputError, UsageError
from kg.ingest.dateline import header
from kg.ingest.decode import NotText, clean, decode, encoding_of, line_decoder
from kg.ingest.html import html_to_text, looks_like_html
from kg.model import Document, Notice, PartlyRead, Skipped

STDIN = "-"
REPORT = "report.json"  # a folder holding kg's report.json is a build's output folder
STORE_MARKER = "kg-store.json"  # a folder holding it is a kg store


def sample_corpus() -> Path:
    """The folder of sample articles shipped inside the package."""
    return Path(str(resources.files("kg.data").joinpath("corpus")))


@dataclass(frozen=True)
class Fields:
    """Names of the JSON Lines fields that hold each part of a document."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    title: str = "title"
    date: str = "date"
    source: str = "source"

    @classmethod
    def parse(cls, specs: Iterable[str]) -> Fields:
        """``["text=body", "date=published"]`` -> Fields; raises InputError for an unknown part."""
        names = {}
        for spec in specs:
            part, _, field = spec.partition("=")
            if part not in cls.__dataclass_fields__ or not field:
                raise UsageError(f"--field takes PART=NAME with PART one of {', '.join(cls.__dataclass_fields__)}, "
                                 f"got {spec!r}")
            names[part] = field
        return cls(**names)


MAX_BYTES = 10_000_000  # a file larger than this is skipped unread (a news article is a few kB)
MAX_CHARS = 1_000_000  # spaCy's default max_length: a longer text is cut at a paragraph break before it
CHUNK = 1 << 20  # bytes read at a time while passing over an over-long JSON line

Item = Document | Skipped | PartlyRead | Notice


def iter_documents(inputs: Iterable[str | Path], fields: Fields = Fields(), default_date: str = "",
                   max_bytes: int = MAX_BYTES, dates: Mapping[str, str] | None = None,
                   exclude: Iterable[Path] = ()) -> Iterator[Item]:
    """Documents from ``inputs`` in a stable order: each input in turn, folders sorted by path.

    ``default_date`` is the reference date of every input, ``dates`` that of single inputs (input as
    given -> YYYY-MM-DD): a document with no date of its own takes its file name's date, else its
    input's reference date. ``exclude``: folders not to read (this build's own output folder or store).
    A file, JSON line or standard input over ``max_bytes`` is skipped without being held in memory.

    Raises InputError for an input path that does not exist (a usage error, not a bad document).
    """
    dates = dict(dates or {})
    inputs = [str(i) for i in inputs]
    for raw in inputs:
        if raw != STDIN and not os.path.lexists(raw):
            raise InputError(f"input not found: {shown(raw)}")
    excluded = {_identity(Path(p)) for p in exclude if Path(p).exists()}
    for raw in inputs:
        reference = dates.get(raw, default_date)
        for item in _input(raw, fields, max_bytes, excluded):
            if isinstance(item, Document):
                item = dated(item, reference)
            yield item


def _input(raw: str, fields: Fields, max_bytes: int, excluded: set) -> Iterator[Item]:
    if raw == STDIN:
        data = _bounded(sys.stdin.buffer, max_bytes)
        if data is None:
            yield Skipped("<stdin>", _too_large(max_bytes, None))
        else:
            yield from _document(None, data, "<stdin>", "stdin")
        return
    path = Path(raw)
    try:
        info = path.stat()
    except OSError as err:
        yield Skipped(shown(raw), f"cannot read: {err.strerror or err}")
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _folder(path, fields, max_bytes, excluded)
    else:
        yield from _file(path, info, shown(path.name), fields, max_bytes)


def _folder(root: Path, fields: Fields, max_bytes: int, excluded: set) -> Iterator[Item]:
    """Every file under ``root``, sorted by path, hidden ones left out; kg's own outputs and stores met
    on the way are not read (one Notice each); a folder linked into itself is walked once."""
    seen: set[tuple[int, int]] = set()

    def walk(folder: Path, rel: tuple[str, ...]) -> Iterator[Item]:
        try:
            me = _identity(folder)
            if me in seen:
                return
            seen.add(me)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            yield Skipped(shown(folder), f"cannot read folder: {err.strerror or err}")
            return
        why, own = _kg_folder(folder, me in excluded and bool(rel))
        if why and own is None:
            yield Notice(shown(folder), why)
            return
        if why:
            yield Notice(shown(folder), why)
        for entry in entries:
            if entry.name.startswith(".") or (own and entry.name in own):
                continue
            path = Path(entry.path)
            try:
                info = path.stat()
            except OSError as err:
                yield Skipped(shown(path), f"cannot read: {err.strerror or err}")
                continue
            if stat.S_ISDIR(info.st_mode):
                yield from walk(path, (*rel, entry.name))
            else:
                yield from _file(path, info, shown("/".join((*rel, entry.name))), fields, max_bytes)

    yield from walk(root, ())


def _kg_folder(folder: Path, excluded: bool) -> tuple[str, set[str] | None]:
    """(why, kg's entries) for a folder kg wrote: a store (why, None: none of it is read), a build's
    output folder (why, the names of the files and folders its report.json says kg wrote), this build's
    own output folder or store (why, None); ("", set()) for any other folder."""
    if (folder / STORE_MARKER).is_file() or ((folder / "docs").is_dir() and _report(folder) is not None):
        return "not read: a kg store (kg's own documents and outputs, not articles)", None
    if excluded:
        return "not read: this build writes into it", None
    report = _report(folder)
    if report is None:
        return "", set()
    own = {REPORT} | {Path(str(p)).name for p in report.get("outputs", {}).values()}
    return f"not read: {len(own)} files kg wrote there (named in its {REPORT})", own


def _report(folder: Path) -> dict | None:
    """kg's report.json in ``folder``, or None (none, or not kg's)."""
    try:
        with open(folder / REPORT, "rb") as fh:
            data = json.loads(fh.read(1_000_000))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "kg_version" in data else None


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a pipe (FIFO)"),
          (stat.S_ISSOCK, "a socket"))


def _file(path: Path, info: os.stat_result, doc_id: str, fields: Fields, max_bytes: int) -> Iterator[Item]:
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        yield Skipped(shown(path), f"not read: {kind}, not a file (kg reads files, folders and '-')")
        return
    if path.suffix.lower() == ".jsonl":
        yield from _jsonl_documents(path, doc_id, fields, max_bytes)
        return
    if info.st_size > max_bytes:
        yield Skipped(shown(path), _too_large(max_bytes, info.st_size))
        return
    try:
        with _open(path) as fh:
            data = _bounded(fh, max_bytes)
    except OSError as err:
        yield Skipped(shown(path), f"cannot read: {err.strerror or err}")
        return
    if data is None:  # it grew while being read
        yield Skipped(shown(path), _too_large(max_bytes, None))
        return
    yield from _document(doc_id, data, shown(path), _origin(path), html=looks_like_html(path.name, data))


def _open(path: Path) -> io.BufferedReader:
    """``path`` opened for reading without blocking on a pipe (it was a file when listed; it may not be
    now); raises OSError when it is no regular file any more."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is no longer a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _bounded(stream, max_bytes: int) -> bytes | None:
    """At most ``max_bytes`` of ``stream``; None when it holds more (read no further)."""
    data = stream.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def _origin(path: Path) -> str:
    return shown(path.absolute())


def _too_large(limit: int, size: int | None) -> str:
    """The reason for skipping an input of ``size`` bytes (None: unknown, more than ``limit``)."""
    amount = f"{size / 1e6:.1f} MB" if size is not None else f"more than {limit / 1e6:g} MB"
    return f"too large: {amount} (limit {limit / 1e6:g} MB; raise it with --max-bytes)"


def _jsonl_documents(path: Path, file_id: str, fields: Fields, max_bytes: int) -> Iterator[Item]:
    """One document per line, read line by line with each line bounded by ``max_bytes`` (a JSON Lines
    file may be far bigger than memory, and one line of it too)."""
    try:
        fh = _open(path)
    except OSError as err:
        yield Skipped(shown(path), f"cannot read: {err.strerror or err}")
        return
    with fh:
        head = fh.peek(65_536)[:65_536]
        for n, line in enumerate(_lines(fh, encoding_of(head), max_bytes, head), 1):
            where = f"{shown(path)}:{n}"
            if line is None:
                yield Skipped(where, _too_large(max_bytes, None))
                continue
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                yield Skipped(where, f"not valid JSON: {err.msg}")
                continue
            if not isinstance(row, dict) or not isinstance(row.get(fields.text), str):
                yield Skipped(where, f"no text field {fields.text!r}")
                continue
            meta = {k: _one_line(clean(str(row.get(getattr(fields, k)) or ""))) for k in ("url", "title", "source")}
            given = _one_line(clean(str(row.get(fields.id) or "")))
            text = clean(row[fields.text])
            for item in _document(given or f"{file_id}:{n}", text.encode("utf-8"), where, _origin(path),
                                  front_matter=False, html=looks_like_html("", text[:2048].encode())):
                if isinstance(item, Document):
                    item = replace(item, url=item.url or meta["url"], title=item.title or meta["title"],
                                   outlet=item.outlet or meta["source"],
                                   date=normalise_date(clean(str(row.get(fields.date) or ""))) or item.date)
                yield item


def _lines(fh: io.BufferedReader, encoding: str | None, max_bytes: int, head: bytes) -> Iterator[str | None]:
    """The lines of a file as text (None for a line over ``max_bytes``, passed over unheld); ``head``:
    the start of the file, to judge its encoding by."""
    if encoding and encoding != "utf-8-sig":  # UTF-16 and UTF-32: read through a decoder
        width = 4 if "32" in encoding else 2
        stream = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")
        limit = max(max_bytes // width, 1)
        while line := stream.readline(limit + 1):
            if len(line) > limit:
                while line and not line.endswith("\n"):
                    line = stream.readline(CHUNK)
                yield None
            else:
                yield line
        return
    decode_line = line_decoder(head)
    first = True
    while raw := fh.readline(max_bytes + 1):
        if first and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        first = False
        if len(raw) > max_bytes:
            while raw and not raw.endswith(b"\n"):
                raw = fh.readline(CHUNK)
            yield None
        else:
            yield decode_line(raw)


def _one_line(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "\t" in text else text.strip()


def _document(doc_id: str | None, data: bytes, source: str, origin: str, front_matter: bool = True,
              html: bool = False) -> Iterator[Document | Skipped | PartlyRead]:
    """The document of ``data``; ``doc_id`` None: named by its text (standard input)."""
    try:
        text = decode(data)
    except NotText as err:
        yield Skipped(source, str(err))
        return
    meta = {}
    if html:
        text, meta = html_to_text(text)
        text = clean(text)
    if not text.strip():
        yield Skipped(source, "empty document" if not html else "no text in the HTML page")
        return
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n\n", 0, MAX_CHARS)
        cut = cut if cut > MAX_CHARS // 2 else text.rfind(" ", 0, MAX_CHARS)
        cut = cut if cut > MAX_CHARS // 2 else MAX_CHARS  # no break at all: cut where the limit is
        yield PartlyRead(source, f"cut to its first {cut:,} of {len(text):,} characters (kg reads at most "
                                 f"{MAX_CHARS:,} per document; split the file to read it all)")
        text = text[:cut]
    if front_matter and not html:
        text, meta = _front_matter(text)
    if doc_id is None:
        doc_id = f"stdin:{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"
    yield Document(doc_id, text, source, url=_one_line(meta.get("url", "")), title=_one_line(meta.get("title", "")),
                   date=normalise_date(meta.get("date", "")), outlet=_one_line(meta.get("source", "")), origin=origin)


_FRONT = re.compile(r"\A---\n((?:[A-Za-z_]+:.*\n)+)---\n")


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Front matter of ``key: value`` lines between ``---`` lines at the top; the text is blanked (not
    cut) so character offsets stay those of the file."""
    m = _FRONT.match(text)
    if not m:
        return text, {}
    meta = {}
    for line in m.group(1).splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip().strip('"')
    return re.sub(r"[^\n]", " ", m.group(0)) + text[m.end():], meta


def dated(doc: Document, reference: str = "") -> Document:
    """``doc`` with the date and outlet its text and name give, where its metadata has none: a header
    line's or dateline's full date, else the date in its file name, else ``reference``; a header date
    without its year, or a relative one, resolved against the file name's date, else ``reference``."""
    if doc.date and doc.outlet:
        return doc
    top = header(doc.text)
    day = doc.date
    if not day:
        named = _named_date(Path(doc.origin).name if doc.origin != "stdin" else "")
        base = named or reference
        day = _day(top.date, "") or (_day(top.date, base) if base else "") or named or reference
    return replace(doc, outlet=doc.outlet or top.outlet, date=day)


_NAMED = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def _named_date(name: str) -> str:
    """A date in a file's name (``2024-03-05``, ``20240305``; the last one when there are several); ""
    when none."""
    for m in reversed(list(_NAMED.finditer(name))):
        try:
            return Date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            continue
    return ""


_TIME_OF_DAY = re.compile(r"(?:,|\bat|-|–)?\s*\d{1,2}(?:[:.]\d{2}(?::\d{2})?)?\s*(?:[ap]\.?m\.?)?\s*"
                          r"(?:GMT|UTC|[ECMP][SD]?T|CET|CEST|BST|IST|AST|[+-]\d{2}:?\d{2})?\s*\Z", re.IGNORECASE)
_WEEKDAY_WORD = re.compile(r"\A(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+", re.IGNORECASE)


def _day(text: str, reference: str) -> str:
    """The day a header's date names (YYYY-MM-DD), resolved against ``reference`` when it has no year;
    "" when it names none (or needs a reference and has none)."""
    if not text:
        return ""
    iso = normalise_date(text)
    if iso:
        return iso
    words = _WEEKDAY_WORD.sub("", text.strip())
    if re.search(r"\d{1,2}[:.]\d{2}|\d\s*[ap]\.?m\b", words, re.IGNORECASE):
        words = _TIME_OF_DAY.sub("", words).strip(" ,")
    when = resolve(words, reference)
    return when.start if when is not None and when.is_day else ""


def normalise_date(value: str) -> str:
    """An ISO date (``2024-07-31``, ``2024-07-31T10:00:00Z``) -> ``2024-07-31``; "" when not a date."""
    try:
        return Date.fromisoformat(value.strip()[:10]).isoformat() if value.strip() else ""
    except ValueError:
        return ""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def shown(name: str | Path) -> str:
    """A file name as kg prints and records it: bytes that are not UTF-8 as ``\\xe9`` escapes (so the
    name stays unique and can be written), control characters (a terminal's escape sequences) as
    ``\\x1b`` escapes."""
    text = str(name)
    if any("\udc80" <= ch <= "\udcff" for ch in text):  # bytes the file system name held that are not UTF-8
        text = os.fsencode(text).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def describe_skips(skipped: list[Skipped | PartlyRead | Notice]) -> str:
    words = {Skipped: "skipped", PartlyRead: "partly read", Notice: "note:"}
    return "\n".join(f"{words[type(s)]} {shown(s.source)}: {s.reason}" for s in skipped)

