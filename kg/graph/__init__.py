"""RDF building, namespaces and validation."""
