"""Entity resolution: mentions across the corpus become one entity per real-world actor.

- Gazetteer names resolve to their gazetteer entry (aliases such as "IS" -> Islamic State).
- Within a document, a shorter name that ends a longer person name ("Haniyeh", "Ismail Haniyeh")
  is that person, whatever class the tagger guessed for the short form.
- Across documents, equal names are one entity; a lone surname that ends exactly one full person name
  in the corpus joins it. The class is voted over all mentions.
- Identifiers come from the coarse class and the normalised name, so they are stable between runs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from kg import rules
from kg.model import DocumentResult, Edge, Entity, Evidence, Mention, ResolvedGraph
from kg.resolve.normalize import clean_name, match_key, slug

_COARSE = ("Person", "Organization", "Location")


def coarse_class(cls: str) -> str:
    schema = rules.schema()
    for c in _COARSE:
        if schema.is_a(cls, c):
            return c
    return "Organization"


def entity_id(cls: str, label: str) -> str:
    return f"{coarse_class(cls).lower()}/{slug(label)}"


def resolve(results: Iterable[DocumentResult]) -> ResolvedGraph:
    """Merge per-document mentions and relations into entities and evidence-carrying edges."""
    results = sorted(results, key=lambda r: r.doc_id)
    gaz = rules.gazetteer()
    mention_name: dict[tuple[str, int, int], str] = {}  # mention -> resolved name key
    names: dict[str, dict] = defaultdict(lambda: {"surfaces": Counter(), "classes": Counter(),
                                                  "labels": Counter(), "key": None})

    for res in results:
        local = _within_document(res.mentions)
        for m in res.mentions:
            if m.key:
                name_key, label, cls = f"gaz:{m.key}", gaz.entries[m.key].name, gaz.entries[m.key].cls
            else:
                label, cls = local.get(m.name, (m.name, m.cls))
                name_key = ("group:" if cls == "GroupActor" else "name:") + match_key(label)
            mention_name[(m.doc_id, m.start, m.end)] = name_key
            info = names[name_key]
            info["surfaces"][clean_name(m.text)] += 1
            info["classes"][cls] += 1
            info["labels"][label] += 1
            info["key"] = m.key

    merged = _surname_merges(names)
    entities: dict[str, Entity] = {}
    groups: dict[str, list[str]] = defaultdict(list)  # surviving name key -> keys merged into it
    for name_key in sorted(names):
        groups[merged.get(name_key, name_key)].append(name_key)
    entity_of_key: dict[str, str] = {}
    for target, members in sorted(groups.items()):
        surfaces, classes, labels = Counter(), Counter(), Counter()
        for k in members:
            surfaces.update(names[k]["surfaces"])
            classes.update(names[k]["classes"])
            labels.update(names[k]["labels"])
        gaz_key = names[target]["key"]
        if gaz_key:
            entry = gaz.entries[gaz_key]
            label, cls = entry.name, entry.cls
            alt = set(surfaces)  # forms seen in the text; the gazetteer's other aliases stay in the gazetteer
        else:
            label = max(labels, key=lambda s: (labels[s], len(s), s)) if target.startswith("group:") \
                else max(labels, key=lambda s: (len(s.split()), labels[s], s))
            cls = _vote(classes)
            alt = set(surfaces) | set(labels)
        eid = entity_id(cls, label)
        country_entry = gaz.entries.get(gaz.entries[gaz_key].country or "") if gaz_key else None
        previous = entities.get(eid)
        if previous:  # two keys that normalise to one identifier are one entity
            alt |= set(previous.alt_labels)
        entities[eid] = Entity(
            id=eid, label=label, cls=cls,
            alt_labels=tuple(sorted(a for a in alt if a and a != label)),
            mentions=sum(surfaces.values()) + (previous.mentions if previous else 0),
            country=entity_id(country_entry.cls, country_entry.name) if country_entry else None,
        )
        for k in members:
            entity_of_key[k] = eid
    # a country link only where the country itself is in the graph
    for eid, ent in entities.items():
        if ent.country and (ent.country not in entities or ent.country == eid):
            entities[eid] = replace(ent, country=None)

    symmetric = rules.schema().symmetric
    evidence: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)

    def entity_for(m: Mention) -> str:
        return entity_of_key[mention_name[(m.doc_id, m.start, m.end)]]

    for res in results:
        for rel in res.relations:
            s, o = entity_for(rel.subject), entity_for(rel.object)
            if s == o:
                continue
            if rel.predicate in symmetric and o < s:
                s, o = o, s
            ev = rel.evidence
            if rel.source is not None and entity_for(rel.source) not in (s, o):
                ev = replace(ev, source=entity_for(rel.source))
            evidence[(s, rel.predicate, o)].append(ev)
    edges = tuple(
        Edge(s, p, o, tuple(sorted(set(ev), key=lambda e: (e.doc_id, e.start, e.rule, e.trigger))))
        for (s, p, o), ev in sorted(evidence.items())
    )
    return ResolvedGraph(tuple(entities[k] for k in sorted(entities)), edges, tuple(results))


def _within_document(mentions: tuple[Mention, ...]) -> dict[str, tuple[str, str]]:
    """Short name -> (full name, class) for names that end a longer person name of the same document."""
    people = sorted({m.name for m in mentions if m.cls == "Person" and not m.key and len(m.name.split()) > 1},
                    key=lambda n: (-len(n.split()), n))
    out = {}
    for m in mentions:
        if m.key or m.cls == "GroupActor":
            continue
        words = m.name.split()
        for full in people:
            full_words = full.split()
            if len(words) < len(full_words) and full_words[-len(words):] == words:
                out[m.name] = (full, "Person")
                break
    return out


def _surname_merges(names: dict[str, dict]) -> dict[str, str]:
    """A one-word person name that ends exactly one longer person name in the corpus joins it."""
    full = defaultdict(list)
    for k, info in names.items():
        if k.startswith("name:") and _vote(info["classes"]) == "Person" and len(k.split()) > 1:
            full[k.split()[-1]].append(k)
    out = {}
    for k, info in names.items():
        if k.startswith("name:") and len(k.split()) == 1 and _vote(info["classes"]) == "Person":
            candidates = full.get(k[len("name:"):], [])
            if len(candidates) == 1:
                out[k] = candidates[0]
    return out


def _vote(classes: Counter) -> str:
    """The most frequent class; ties go to the more specific, then to Person, Organization, Location."""
    order = {c: i for i, c in enumerate(("Person", "Organization", "Location"))}
    return max(classes, key=lambda c: (classes[c], c not in order, -order.get(c, 0), c))
