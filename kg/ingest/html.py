"""An HTML page saved from a browser, as the article text kg reads, with its metadata: parsed with
Beautiful Soup (Python's own HTML parser underneath, so no compiled dependency), scripts, styles and page
furniture (navigation, headers, footers, asides, forms) dropped, the ``<article>`` (else ``<main>``, else
``<body>``) read block by block, one paragraph per block."""

from __future__ import annotations

import re

BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt",
          "figcaption", "div", "section", "article", "main", "body")
_DROP = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe",
         "button", "select", "head")
_SNIFF = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def looks_like_html(name: str, head: bytes) -> bool:
    """True for an ``.html``/``.htm``/``.xhtml`` file or one that opens with a doctype or ``<html>``."""
    return name.lower().endswith((".html", ".htm", ".xhtml")) or bool(_SNIFF.match(head[:2048]))


def html_to_text(page: str) -> tuple[str, dict[str, str]]:
    """(text, metadata): paragraphs separated by blank lines; metadata keys ``title``, ``date``, ``url``,
    ``source`` where the page gives them (Open Graph, article meta tags, canonical link, ``<time>``)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    meta = _metadata(soup)
    for tag in soup.find_all(_DROP):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    for br in root.find_all("br"):
        br.replace_with("\n")
    paragraphs = []
    for block in root.find_all(BLOCKS) or [root]:
        if block.find(BLOCKS):
            continue  # only innermost blocks, so no text is taken twice
        text = " ".join(block.get_text().split())
        if text:
            paragraphs.append(text)
    if not paragraphs:  # text straight under the root, with no block around it
        text = " ".join(root.get_text(" ").split())
        paragraphs = [text] if text else []
    return "\n\n".join(paragraphs), meta


def _metadata(soup) -> dict[str, str]:
    def content(*selectors: tuple[str, str]) -> str:
        for attr, value in selectors:
            tag = soup.find("meta", attrs={attr: value})
            if tag and tag.get("content", "").strip():
                return tag["content"].strip()
        return ""

    title = content(("property", "og:title"), ("name", "twitter:title"))
    if not title and soup.title and soup.title.string:
        title = soup.title.string.strip()
    date = content(("property", "article:published_time"), ("name", "date"), ("name", "pubdate"),
                   ("itemprop", "datePublished"), ("name", "dc.date"), ("name", "DC.date.issued"))
    if not date:
        time = soup.find("time", attrs={"datetime": True})
        date = time["datetime"].strip() if time else ""
    canonical = soup.find("link", attrs={"rel": "canonical"})
    url = content(("property", "og:url")) or (canonical.get("href", "").strip() if canonical else "")
    source = content(("property", "og:site_name"), ("name", "publisher"))
    return {k: v for k, v in {"title": title, "date": date, "url": url, "source": source}.items() if v}
