"""The walkthrough notebook runs top to bottom on the current kg (so it never goes stale), offline."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "walkthrough.ipynb"

# run first in the kernel (not saved in the notebook): a connection anywhere but this machine fails
OFFLINE = """
import socket

def _local_only(connect):
    def guarded(self, address, *args):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and host not in ("127.0.0.1", "::1", "localhost"):
            raise OSError(f"the walkthrough must run offline, it tried to reach {address!r}")
        return connect(self, address, *args)
    return guarded

socket.socket.connect = _local_only(socket.socket.connect)
socket.socket.connect_ex = _local_only(socket.socket.connect_ex)
"""


@pytest.mark.slow
def test_walkthrough_notebook_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_OUT", str(tmp_path / "out"))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(OFFLINE))
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = {mime for o in outputs for mime in o.get("data", {})}
    assert {"image/png", "text/html"} <= kinds  # the plots and the tables / network view were rendered
    assert (tmp_path / "out" / "graph.trig").is_file()
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "who-met-whom" in printed and "documents" in printed
    assert "events-by-week" in printed and "events-by-dyad" in printed
    assert "report sentences" in printed and "asserted events in" in printed  # the events section ran
