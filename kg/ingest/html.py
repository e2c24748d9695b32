"""An HTML page saved from a browser, as the article text kg reads, with its metadata: read in one pass by
Python's own HTML parser (so the work grows with the page's length, however deep its tags nest), scripts,
styles and page furniture (navigation, headers, footers, asides, forms) dropped, the ``<article>`` (else
``<main>``, else ``<body>``) read block by block, one paragraph per block."""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt",
                    "figcaption", "div", "section", "article", "main", "body", "ul", "ol", "table", "tr", "figure"))
_DROP = frozenset(("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
                   "iframe", "button", "select", "head"))
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"))
_ROOTS = ("article", "main", "body")
_SNIFF = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def looks_like_html(name: str, head: bytes) -> bool:
    """True for an ``.html``/``.htm``/``.xhtml`` file or one that opens with a doctype or ``<html>``."""
    return name.lower().endswith((".html", ".htm", ".xhtml")) or bool(_SNIFF.match(head[:2048]))


def html_to_text(page: str) -> tuple[str, dict[str, str]]:
    """(text, metadata): paragraphs separated by blank lines; metadata keys ``title``, ``date``, ``url``,
    ``source`` where the page gives them (Open Graph, article meta tags, canonical link, ``<time>``)."""
    reader = _Reader()
    reader.feed(page)
    reader.close()
    reader.flush()
    root = next((name for name in _ROOTS if reader.seen[name]), None)
    paragraphs = [text for where, text in reader.paragraphs if root is None or where[root]]
    return "\n\n".join(paragraphs), reader.metadata()


class _Reader(HTMLParser):
    """One pass over a page: text runs split into paragraphs at every block tag, each noted with whether
    it lies inside the page's first <article>, <main> and <body>; the metadata tags on the way."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dropped: list[str] = []  # open tags whose content is dropped (nested ones too)
        self.open = {name: 0 for name in _ROOTS}  # how many of each root tag are open
        self.first = {name: False for name in _ROOTS}  # inside the first one of its kind
        self.seen = {name: False for name in _ROOTS}
        self.words: list[str] = []
        self.paragraphs: list[tuple[dict[str, bool], str]] = []
        self.meta: dict[tuple[str, str], str] = {}
        self.title: list[str] = []
        self.in_title = False
        self.time = ""
        self.canonical = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        self._metadata_tag(tag, values)
        if tag in _VOID:
            return
        if self.dropped or tag in _DROP:
            self.dropped.append(tag)
            return
        if tag in BLOCKS:
            self.flush()
        if tag in self.open:
            if not self.seen[tag]:
                self.seen[tag], self.first[tag] = True, True
            self.open[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._metadata_tag(tag, {k.lower(): (v or "") for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.dropped:
            if tag in self.dropped:  # close it and whatever was left open inside it
                del self.dropped[len(self.dropped) - 1 - self.dropped[::-1].index(tag):]
            return
        if tag in BLOCKS:
            self.flush()
        if self.open.get(tag):
            self.open[tag] -= 1
            if not self.open[tag]:
                self.first[tag] = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if not self.dropped:
            self.words += data.split()

    def flush(self) -> None:
        if self.words:
            self.paragraphs.append((dict(self.first), " ".join(self.words)))
            self.words = []

    def _metadata_tag(self, tag: str, values: dict[str, str]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag == "meta" and values.get("content", "").strip():
            for attr in ("property", "name", "itemprop"):
                if values.get(attr):
                    self.meta.setdefault((attr, values[attr]), values["content"].strip())
        elif tag == "time" and values.get("datetime", "").strip() and not self.time:
            self.time = values["datetime"].strip()
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split() and not self.canonical:
            self.canonical = values.get("href", "").strip()

    def metadata(self) -> dict[str, str]:
        def content(*selectors: tuple[str, str]) -> str:
            return next((self.meta[s] for s in selectors if s in self.meta), "")

        title = content(("property", "og:title"), ("name", "twitter:title")) or " ".join("".join(self.title).split())
        date = content(("property", "article:published_time"), ("name", "date"), ("name", "pubdate"),
                       ("itemprop", "datePublished"), ("name", "dc.date"), ("name", "DC.date.issued")) or self.time
        url = content(("property", "og:url")) or self.canonical
        source = content(("property", "og:site_name"), ("name", "publisher"))
        return {k: v for k, v in {"title": title, "date": date, "url": url, "source": source}.items() if v}
