"""Entity mentions and typed relations from parsed documents, driven by the rule files under ontology/."""

from kg.extract.mentions import MentionIndex, find_mentions
from kg.extract.relations import RelationExtractor

__all__ = ["MentionIndex", "RelationExtractor", "find_mentions"]
