"""Pictures of a graph: the views they draw (views.py), which nodes (select.py), where
they go (layout.py), the interactive HTML page (html.py) and static PNG/SVG (static.py)."""

# The views (kg.viz.views), here so that `kg --help` needs no networkx
VIEWS = ("entities", "papers", "leaderboard")
ENTITY_VIEW_ABOVE = 50  # papers: above this the default view is "entities"
# Sizes the command line offers as defaults, here so that `kg --help` needs no networkx.
DEFAULT_MAX_NODES = 2000  # nodes on the page
SIZE_BY = ("papers", "pagerank", "degree")  # what a node's size shows; the first is the default
DEFAULT_PICTURE_NODES = 150  # nodes in a PNG/SVG
# a picture of more nodes than this is unreadable
PICTURE_MAX_NODES = 450
