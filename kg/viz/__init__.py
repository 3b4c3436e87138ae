"""Pictures of a graph: the interactive HTML page (html.py) and static PNG/SVG (static.py)."""
