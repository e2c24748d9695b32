"""Loading a built graph into databases users run."""
