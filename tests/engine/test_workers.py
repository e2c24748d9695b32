"""Issue 22: --workers N processes end with their parent, and extraction of a long document costs time in
proportion to its length."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.ingest import sample_corpus


def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_when_kg_build_is_killed(tmp_path, sig):
    corpus = tmp_path / "in"
    corpus.mkdir()
    texts = [a.read_text(encoding="utf-8") for a in sorted(sample_corpus().glob("*.txt"))]
    for i in range(400):
        (corpus / f"{i:03d}.txt").write_text(f"Copy {i}\n\n{texts[i % len(texts)]}", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(tmp_path / "out"),
                             "--workers", "2", "--batch-size", "2", "--quiet"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = [c for c in children(proc.pid) if alive(c)]
        time.sleep(0.2)  # polling: the workers start once the first batch is submitted
    assert len(workers) >= 2, "no worker processes appeared"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.2)
    left = [w for w in workers if alive(w)]
    for w in left:  # do not leave them to the next test
        os.kill(w, signal.SIGKILL)
    assert left == []


def test_die_with_parent_ends_a_child_whose_parent_is_gone():
    """The watchdog alone (as where prctl is missing): a grandchild whose parent exits ends too."""
    code = ("import os, time\n"
            "from kg.engine import local\n"
            "local.sys.platform = 'darwin'\n"  # no prctl: only the watchdog thread
            "pid = os.fork()\n"
            "if pid == 0:\n"
            "    local.WATCH_SECONDS = 0.1\n"
            "    local.die_with_parent(os.getppid())\n"
            "    print(os.getpid(), flush=True)\n"
            "    time.sleep(60)\n"
            "    os._exit(0)\n"
            "time.sleep(1)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    grandchild = int(run.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and alive(grandchild):
        time.sleep(0.1)
    assert not alive(grandchild)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_a_linux_worker_keeps_to_one_thread():
    """Where the kernel ends the worker with its parent, no watchdog thread runs beside the parse (one
    cost the parse 8%); the worker still ends with its parent (the tests above)."""
    code = ("import os, threading\n"
            "from kg.engine import local\n"
            "local.die_with_parent(os.getppid())\n"
            "print(threading.active_count(), flush=True)\n")
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert child.stdout.split() == ["1"]
