"""SPARQL engines for kg query, each registered by name in kg.queries.ENGINES."""
