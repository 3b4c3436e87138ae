"""Where things are in the checkout, for tests at any depth of tests/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "hf_daily_papers.txt"
