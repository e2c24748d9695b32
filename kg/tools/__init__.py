"""Tools for kg's maintainers, above the pipeline: rule calibration on the relation table."""
