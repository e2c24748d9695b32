"""Helpers every stage uses: name normalisation, time expressions, atomic file writes."""
