"""Measure extraction against gold data: kg_gold files (gold.py), SciERC and TDMSci (score.py)."""
