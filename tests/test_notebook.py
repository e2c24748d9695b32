"""The walkthrough notebook runs top to bottom on the current kg (so it never goes stale)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "walkthrough.ipynb"


@pytest.mark.slow
def test_walkthrough_notebook_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_OUT", str(tmp_path / "out"))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = {mime for o in outputs for mime in o.get("data", {})}
    assert {"image/png", "text/html"} <= kinds  # the plots and the tables / network view were rendered
    assert (tmp_path / "out" / "graph.trig").is_file()
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "who-met-whom" in printed and "documents" in printed
