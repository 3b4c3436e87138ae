"""Pictures of a graph: the interactive HTML page (html.py) and static PNG/SVG (static.py)."""

# Sizes the command line offers as defaults, here so that `kg --help` needs no networkx.
DEFAULT_MAX_NODES = 2000  # nodes on the page
SIZE_BY = ("pagerank", "degree")
DEFAULT_PICTURE_NODES = 150  # nodes in a PNG/SVG
# networkx's spring layout needs scipy from 500 nodes on, which kg does not depend on;
# a picture of more nodes than this is unreadable anyway
PICTURE_MAX_NODES = 450
