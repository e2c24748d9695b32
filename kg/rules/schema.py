"""What extraction needs to know of the ontology (ontology/kg.ttl): class ancestry, properties, domains,
ranges, symmetric properties."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.namespace import KG
from kg.rules.readers import Line


@dataclass(frozen=True)
class Schema:
    """Class ancestry (local names), properties with their domains and ranges, and which are symmetric."""

    ancestors: dict[str, frozenset[str]]
    properties: frozenset[str]
    domain: dict[str, str]
    range: dict[str, str]
    symmetric: frozenset[str]
    super_properties: dict[str, frozenset[str]] = field(default_factory=dict)  # kill -> {kill, attack, relatedTo}
    plover: dict[str, str] = field(default_factory=dict)  # event word -> its PLOVER category (kg:ploverCategory)
    _coarse: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # coarse() once per class

    @property
    def classes(self) -> frozenset[str]:
        return frozenset(self.ancestors)

    def property_ancestors(self, prop: str) -> frozenset[str]:
        return self.super_properties.get(prop, frozenset({prop}))

    def coarse(self, cls: str) -> str:
        """Person, Organization or Location: the class ``cls`` falls under (Organization if none)."""
        found = self._coarse.get(cls)
        if found is None:  # asked for every mention many times over: worked out once per class
            found = self._coarse[cls] = next((c for c in ("Person", "Organization", "Location") if self.is_a(cls, c)),
                                             "Organization")
        return found

    def is_a(self, cls: str, other: str) -> bool:
        return other in self.ancestors.get(cls, frozenset({cls}))

    def admits(self, predicate: str, subject_cls: str, object_cls: str) -> bool:
        """True when the classes fit the predicate's declared domain and range."""
        dom, rng = self.domain.get(predicate), self.range.get(predicate)
        return (dom is None or self.is_a(subject_cls, dom)) and (rng is None or self.is_a(object_cls, rng))

    @classmethod
    def of(cls, g: Graph) -> Schema:
        """The schema declared in ``g`` (the ontology, or any exported kg graph, which carries it)."""
        ns = str(KG._NS)
        classes = [c for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(ns)]
        ancestors = {}
        for c in classes:
            seen, todo = set(), [c]
            while todo:
                x = todo.pop()
                if x not in seen:
                    seen.add(x)
                    todo.extend(g.objects(x, RDFS.subClassOf))
            ancestors[_local(c)] = frozenset(_local(x) for x in seen if str(x).startswith(ns))
        props = {p for p in g.subjects(RDFS.subPropertyOf, None) if str(p).startswith(ns)}
        return cls(
            ancestors=ancestors,
            properties=frozenset(_local(p) for p in props),
            domain={_local(p): _local(d) for p in props for d in g.objects(p, RDFS.domain)},
            range={_local(p): _local(r) for p in props for r in g.objects(p, RDFS.range)},
            symmetric=frozenset(_local(p) for p in g.subjects(RDF.type, OWL.SymmetricProperty)),
            super_properties={_local(p): frozenset(_local(x) for x in g.transitive_objects(p, RDFS.subPropertyOf)
                                                   if str(x).startswith(ns)) for p in props},
            plover={_local(p): str(c) for p in props for c in g.objects(p, KG.ploverCategory)},
        )

    def predicate(self, line: Line, name: str) -> str:
        """``name`` when it is a property of the ontology, else a RuleFileError at ``line``."""
        if name not in self.properties:
            raise line.error(f"'{name}' is not a property in kg.ttl")
        return name

    def a_class(self, line: Line, name: str) -> str:
        """``name`` when it is a class of the ontology, else a RuleFileError at ``line``."""
        if name not in self.ancestors:
            raise line.error(f"unknown class '{name}'; known: {', '.join(sorted(self.ancestors))}")
        return name


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


def read_ontology(path: Path) -> Graph:
    """ontology/kg.ttl as a graph; a syntax error is a RuleFileError naming the file and rdflib's reason."""
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except OSError as err:
        raise Line(path, 0).error(f"cannot be read ({err.strerror or err})") from None
    except Exception as err:  # noqa: BLE001  (rdflib's parser raises many types, with the line in the text)
        raise Line(path, 0).error(f"not valid Turtle: {err}") from None
    return g
