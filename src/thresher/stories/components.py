"""Connected components of a graph given as edges: the stories of verified pairs, and the
groups of captures that decide whether a recurring line is chrome."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["connected_components"]


def connected_components(count: int, edges: Iterable[tuple[int, int]]) -> list[int]:
    """Union-find: each node's label is the smallest node index of its component."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        ra, rb = root(int(a)), root(int(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(node) for node in range(count)]
