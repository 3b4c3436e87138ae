"""Extract: run the spaCy pipeline over papers (one process, a pool, or Dask) with a cache, into PaperExtraction records."""
