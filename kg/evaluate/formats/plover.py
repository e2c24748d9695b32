"""PLOVER event records, as the PLOVER gold-standard records (PLOVER_GSR_CAMEO.json) give them: a JSON
array of::

    {"id": "MY-0001", "event": "AGREE", "mode": "", "text": "The sentence.",
     "source": [{"actorText": "Ghana", "code": "GHA"}], "target": [{"actorText": "Togo"}], ...}

Records whose ``event`` is DOCUMENT describe the file and are skipped; a ``source`` or ``target`` that is
not a list of actors (an empty string, a sector word) means any actor. Or the dev runner's JSON Lines
(``{"id", "text", "events": [{"code": "COERCE/arrest", "source": {"texts": [...]} | null, "target": …}]}``).
Every event is scored at its PLOVER root (kg.evaluate.plover)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kg.evaluate import jsonfile
from kg.evaluate.formats import GOLD_FORMATS, GoldFormat, Sample, need, unique
from kg.evaluate.gold import Event, Gold, GoldError, Sentence
from kg.evaluate.plover import ROOTS, root


def sniff(sample: Sample) -> bool:
    data = sample.json
    if isinstance(data, list):
        return bool(data) and isinstance(data[0], dict) and "event" in data[0] and "tokens" not in data[0]
    row = sample.first_row
    return row is not None and "events" in row and "text" in row


def read(path: Path) -> Gold:
    if isinstance(jsonfile.first_json(jsonfile.read_text(path)), list):
        data = jsonfile.load(path)
        seen = Counter()
        sentences = []
        for record in data:
            if need(record, "event", path) == "DOCUMENT":
                continue
            rid = str(need(record, "id", path, (str, int)))
            seen[rid] += 1  # the GSR gives one id to two records: the second becomes <id>-2
            sid = rid if seen[rid] == 1 else f"{rid}-{seen[rid]}"
            event, mode = record["event"], record.get("mode") or ""
            code = f"{event}/{mode}" if mode else event
            sentences.append(Sentence(sid, need(record, "text", path), record.line, events=(Event(
                code, _root(event, path, record.line), _actors(record.get("source")), _actors(record.get("target"))),)))
    else:
        sentences = []
        for row in jsonfile.lines(path):
            events = []
            for ev in need(row, "events", path, list):
                code = need(ev, "code", path)
                events.append(Event(code, _root(code.split("/")[0], path, row.line),
                                    _texts(ev.get("source")), _texts(ev.get("target"))))
            sentences.append(Sentence(str(need(row, "id", path, (str, int))), need(row, "text", path), row.line,
                                      events=tuple(events)))
    return Gold(path, "plover", "events", sentences=unique(sentences, path))


def _root(event: str, path: Path, line: int) -> str:
    found = root(event)
    if found not in ROOTS:
        raise GoldError(path, line, f"'{event}' is not a PLOVER event type; known: {', '.join(ROOTS)} and "
                                    "CONCEDE, RETREAT, DISAPPROVE, INVESTIGATE, DEMAND, FIGHT")
    return found


def _actors(actors) -> tuple[str, ...]:
    if not isinstance(actors, list):
        return ()
    return tuple(a["actorText"] for a in actors if isinstance(a, dict) and a.get("actorText"))


def _texts(spec) -> tuple[str, ...]:
    return tuple(t for t in spec.get("texts") or () if t) if isinstance(spec, dict) else ()


GOLD_FORMATS.register("plover")(GoldFormat(
    "plover", "PLOVER event records (the PLOVER GSR's JSON), or the dev runner's JSON Lines", sniff, read))
