"""kg: a knowledge-graph builder for news articles."""

import os

__version__ = "0.1.0"

# One OpenBLAS thread per process unless the user set it. spaCy's matrix products are small, and OpenBLAS
# loaded for one thread runs them faster than with its default of one thread per core: the parse took
# 12% less time at one process on the 2-core benchmark machine (benchmarks/run.py, which also times
# plain spaCy with this setting). Limiting threads after numpy has loaded gains nothing, so it is set
# here, before kg imports spaCy; it has no effect when numpy was imported before kg.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
