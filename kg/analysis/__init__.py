"""Questions answered from a kg graph with networkx: centrality, communities, co-usage,
leaderboards, the OUTPERFORMS graph, trends by year and paths between entities, one module
per question (centrality, communities, co_usage, leaderboards, outperforms, trends, paths;
views holds what they share). Exports to other graph formats are in
:mod:`kg.exporters.networkx_formats`.

Every function takes the graph ``kg build`` makes (a ``networkx.MultiDiGraph``: see
:mod:`kg.graph`), returns dataclasses, never modifies the graph, and answers an empty
graph with empty results. Graphs built by hand work too: a node needs ``label``; ``name``
defaults to the node id, ``papers`` to 0; an edge's ``papers`` and ``evidence`` may be
missing. Nothing here prints; :mod:`kg.cli.analyze` formats the results.

Most analyses run on the *entity view*: the graph of Paper and entity nodes with Result
nodes left out (a Result only repeats links its paper already has: the paper mentions the
method, metric and dataset of its own result), parallel edges merged, weighted by the
number of papers behind them.
"""
