"""kg.common.forked.beside: a function run in a fork while the caller goes on, with the same result as
running it here, whatever goes wrong in the fork."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from kg.common import forked
from kg.common.forked import beside

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


def where(value):
    return os.getpid(), value * 2


def fails(value):
    raise ValueError(f"bad value {value}")


def unpicklable(value):
    return os.getpid(), lambda: value


@needs_fork
def test_the_function_runs_in_a_fork_and_its_result_comes_back():
    with beside(where, 21) as result:
        assert result() == result()  # asked twice, made once
        pid, value = result()
    assert value == 42 and pid != os.getpid()


def test_without_fork_it_runs_here_when_asked():
    with beside(where, 21, fork=False) as result:
        pid, value = result()
    assert (pid, value) == (os.getpid(), 42)


def test_without_memory_for_a_copy_it_runs_here(monkeypatch):
    monkeypatch.setattr(forked, "copies_that_fit", lambda: 1)
    with beside(where, 5) as result:
        assert result() == (os.getpid(), 10)


@needs_fork
def test_an_error_of_the_function_is_raised_here():
    with beside(fails, 3) as result, pytest.raises(ValueError, match="bad value 3"):
        result()


@needs_fork
def test_a_result_that_cannot_come_back_is_made_here():
    with beside(unpicklable, 7) as result:
        pid, make = result()
    assert pid == os.getpid() and make() == 7


@needs_fork
def test_the_fork_is_waited_for_when_its_result_is_never_asked():
    with beside(where, 1):
        pass
    assert not multiprocessing.active_children()
