"""The OUTPERFORMS graph: who beats whom most often, and cycles of claims.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.analysis.views import (
    node_name,
)


@dataclass
class Beaten:
    """A method other methods claim to beat: ``by`` distinct winners, in ``papers`` papers."""

    name: str
    by: int
    papers: int
    winners: list[str]


@dataclass
class Cycle:
    """Methods that beat each other in a circle (each beats the next, the last the first)."""

    methods: list[str]
    papers: list[str]


@dataclass
class Outperforms:
    methods: int
    claims: int
    chains: list[list[str]]
    most_beaten: list[Beaten]
    cycles: list[Cycle]


def outperforms(G: nx.MultiDiGraph, top: int = 10, max_cycle_length: int = 5, max_cycles: int = 100) -> Outperforms:
    """The graph of OUTPERFORMS claims between methods.

    - ``chains``: the longest "A beats B beats C" chains, longest first, one per
      method nobody beats. Claims inside a cycle are not chain links (a cycle has no
      longest path), so chains run through the acyclic rest.
    - ``most_beaten``: the methods beaten by the most distinct methods: the baselines.
    - ``cycles``: claims that contradict each other, found with
      ``networkx.simple_cycles(length_bound=max_cycle_length)``, at most ``max_cycles``,
      each starting from its alphabetically first method.

    >>> G = nx.MultiDiGraph()
    >>> for a, b in [("A", "B"), ("B", "C"), ("C", "A"), ("D", "A")]:
    ...     _ = G.add_node(a, label="Method"), G.add_node(b, label="Method")
    ...     _ = G.add_edge(a, b, key="OUTPERFORMS", papers=["p1"])
    >>> o = outperforms(G)
    >>> o.cycles[0].methods, o.chains, o.most_beaten[0].name
    (['A', 'B', 'C'], [['D', 'A']], 'A')
    """
    D = nx.DiGraph()
    for u, v, key, data in G.edges(keys=True, data=True):
        if key == "OUTPERFORMS" and u != v:
            names = (node_name(G, u), node_name(G, v))
            if D.has_edge(*names):
                D[names[0]][names[1]]["papers"].update(data.get("papers") or ())
            else:
                D.add_edge(*names, papers=set(data.get("papers") or ()))
    cycles = []
    for cyc in nx.simple_cycles(D, length_bound=max_cycle_length):
        i = cyc.index(min(cyc, key=lambda n: (n.casefold(), n)))
        cyc = cyc[i:] + cyc[:i]
        papers = set().union(*(D[a][b]["papers"] for a, b in zip(cyc, cyc[1:] + cyc[:1])))
        cycles.append(Cycle(cyc, sorted(papers)))
        if len(cycles) >= max_cycles:
            break
    cycles.sort(key=lambda c: (len(c.methods), [m.casefold() for m in c.methods]))
    # chains: longest paths once the claims inside strongly connected components are set aside
    component = {n: i for i, comp in enumerate(nx.strongly_connected_components(D)) for n in comp}
    A = nx.DiGraph()
    A.add_nodes_from(D)
    A.add_edges_from((u, v) for u, v in D.edges if component[u] != component[v])
    longest: dict[str, list[str]] = {}
    for n in reversed(list(nx.topological_sort(A))):
        best = min((longest[s] for s in A.successors(n)), key=lambda c: (-len(c), [m.casefold() for m in c]), default=[])
        longest[n] = [n, *best]
    starts = [n for n in A if A.in_degree(n) == 0 and A.out_degree(n) > 0]
    chains = sorted((longest[n] for n in starts), key=lambda c: (-len(c), [m.casefold() for m in c]))[:top]
    beaten = [
        Beaten(
            v,
            D.in_degree(v),
            len(set().union(*(D[u][v]["papers"] for u in D.predecessors(v)))),
            sorted(D.predecessors(v), key=str.casefold),
        )
        for v in D
        if D.in_degree(v)
    ]
    beaten.sort(key=lambda b: (-b.by, -b.papers, b.name.casefold()))
    return Outperforms(D.number_of_nodes(), D.number_of_edges(), chains, beaten[:top], cycles)
