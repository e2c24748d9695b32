"""Debian's Chromium driven by Playwright, for the HTML view's tests and benchmark. Playwright's own
browser download is never used: the browser is /usr/bin/chromium (package ``chromium``), which
``scripts/test`` installs."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
# headless with nothing that reaches out: no background networking, updates, sync or QUIC; a fresh profile
ARGS = ("--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync")


@contextmanager
def chromium():
    """A running headless Chromium (a Playwright ``Browser``) with a new empty profile."""
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} not found: run scripts/test (it installs Debian's chromium) "
                           "or set KG_CHROMIUM to a Chromium binary")
    with sync_playwright() as p:
        # a plain launch gives the browser a new empty profile folder of Playwright's own (it refuses a
        # --user-data-dir flag) and removes it on close
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(ARGS))
        try:
            yield browser
        finally:
            browser.close()
