"""Trees given as "each node names its parent" (units, reporting lines): cycles and depths.

Both walks are linear: every node is visited once, whatever the shape of the tree.
"""

from __future__ import annotations

from collections.abc import Mapping

Edges = Mapping[str, str | None]  # node -> its parent (None: a root), in file order


def cycles(edges: Edges) -> list[list[str]]:
    """Each cycle once, starting from its node that comes first in ``edges``.

    A parent that is not a node of ``edges`` ends the walk (it is reported elsewhere).
    """
    order = {node: i for i, node in enumerate(edges)}
    walk_of: dict[str, int] = {}
    found = []
    for walk, start in enumerate(edges):
        path: list[str] = []
        node: str | None = start
        while node is not None and node in order and node not in walk_of:
            walk_of[node] = walk
            path.append(node)
            node = edges[node]
        if node is not None and walk_of.get(node) == walk:  # back into this walk
            cycle = path[path.index(node) :]
            first = min(range(len(cycle)), key=lambda i: order[cycle[i]])
            found.append(cycle[first:] + cycle[:first])
    return found


def depths(edges: Edges) -> dict[str, int]:
    """The depth of every node (a root is 0); ``edges`` must be a forest with no cycle."""
    depth: dict[str, int] = {}
    for start in edges:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in depth:
            path.append(node)
            node = edges[node]
        level = depth[node] + 1 if node is not None else 0
        for above_first in reversed(path):
            depth[above_first] = level
            level += 1
    return depth
