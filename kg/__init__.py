"""kg: turn research-paper abstracts into a knowledge graph of methods, datasets, metrics,
tasks and reported results."""

__version__ = "0.1.0"
