"""Bytes to text: what encoding a file is in, whether it is text at all, and text cleaned of characters no
graph format can carry.

- A byte-order mark decides first (UTF-8, UTF-16 and UTF-32, little or big endian).
- Valid UTF-8 is UTF-8.
- Anything else goes to charset-normalizer, which weighs every candidate encoding by how much the
  result looks like language (Windows-1252, Latin-1, UTF-16 without a mark, Cyrillic code pages…).
- Known binary signatures (PDF, images, archives, executables), or NUL and other control bytes in text
  that decodes as no encoding, make a file binary.
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SIGNATURES = ((b"%PDF-", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
               (b"PK\x03\x04", "ZIP archive"), (b"\x1f\x8b", "gzip archive"), (b"\x7fELF", "executable"),
               (b"BZh", "bzip2 archive"), (b"\xfd7zXZ", "xz archive"),
               (b"7z\xbc\xaf", "7z archive"), (b"SQLite format 3", "SQLite database"), (b"RIFF", "media file"),
               (b"ID3", "MP3 audio"))
# C0 controls but tab and newlines, DEL, C1 controls, and the non-characters U+FFFE/U+FFFF: not text, and
# invalid in XML (GraphML) — removed from every document.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


MAX_CONTROL = 0.02  # share of non-text characters above which decoded bytes are taken for binary data


class NotText(ValueError):
    """The bytes are not text; the message says what they look like."""


def decode(data: bytes) -> str:
    """The text of ``data``, cleaned (see :func:`clean`). Raises NotText for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return clean(data.decode(encoding, errors="replace"))
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise NotText(f"binary file ({kind})")
    if _wide(data):  # UTF-16 or UTF-32 with no mark: ASCII letters with NULs beside them
        text = _guess(data)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _guess(data)
    if _control_share(text) > MAX_CONTROL:
        raise NotText("binary file (control characters)")
    return clean(text)


def clean(text: str) -> str:
    """``text`` with Windows and old Mac line ends made ``\\n``, non-text characters removed and lone
    surrogates (``"\\ud800"`` in JSON, which no UTF-8 file can hold) made U+FFFD."""
    text = _NOT_TEXT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def encoding_of(data: bytes) -> str | None:
    """The encoding of the start of a file when a byte-order mark or wide characters (UTF-16, UTF-32 with
    no mark) decide it, for reading it line by line; None for UTF-8 and single-byte code pages."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if _wide(data):
        best = _best(data)
        return best or "utf-16"
    return None


def line_decoder(sample: bytes = b""):
    """A function bytes -> text for the lines of one file: UTF-8 where a line is valid UTF-8, else the
    encoding charset-normalizer finds in ``sample`` (the start of the file) and the first line that is
    not, kept for the rest of the file."""
    found: list[str] = []

    def decode_line(data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            if not found:
                found.append(_best(sample + b"\n" + data) or "cp1252")
            return data.decode(found[0], errors="replace")

    return decode_line


def _guess(data: bytes) -> str:
    encoding = _best(data)
    if encoding is None:
        raise NotText("binary file (no text encoding fits)")
    return data.decode(encoding, errors="replace")


PREFERRED = ("utf_8", "cp1252", "latin_1")  # among encodings that read a sample equally well, the common ones


def _best(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    found = from_bytes(data[:200_000])  # a sample is enough to judge, and bounds the work
    best = found.best()
    if best is None:
        return None
    tied = {m.encoding for m in found if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    return next((name for name in PREFERRED if name in tied), best.encoding)


def _wide(data: bytes) -> bool:
    """True when NUL bytes are a third or more of ``data`` and nearly all on even or all on odd offsets,
    as in UTF-16 (or UTF-32) text of mostly Latin letters; binary data has its NULs anywhere."""
    sample = data[:20_000]
    if sample.count(0) < len(sample) / 3:  # counted in C: most documents stop here
        return False
    nuls = [i for i, b in enumerate(sample) if b == 0]
    odd = sum(i & 1 for i in nuls)
    return max(odd, len(nuls) - odd) >= 0.95 * len(nuls)


def _control_share(text: str) -> float:
    sample = text[:20_000]
    return len(_NOT_TEXT.findall(sample)) / max(1, len(sample))
