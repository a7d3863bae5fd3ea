"""Plane geometry for map outlines: boxes, polygons, areas and label points (numpy, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Point = tuple[float, float]
Ring = tuple[Point, ...]


@dataclass(frozen=True)
class BBox:
    min_x: float
    min_y: float
    max_x: float
    max_y: float

    @property
    def width(self) -> float:
        return self.max_x - self.min_x

    @property
    def height(self) -> float:
        return self.max_y - self.min_y

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.min_x, other.min_x),
            min(self.min_y, other.min_y),
            max(self.max_x, other.max_x),
            max(self.max_y, other.max_y),
        )

    def expanded(self, margin: float) -> BBox:
        return BBox(
            self.min_x - margin, self.min_y - margin, self.max_x + margin, self.max_y + margin
        )

    def contains(self, x: float, y: float) -> bool:
        return self.min_x <= x <= self.max_x and self.min_y <= y <= self.max_y


@dataclass(frozen=True)
class Polygon:
    """An outer ring and its holes; each ring closed (last point repeats the first)."""

    exterior: Ring
    holes: tuple[Ring, ...] = ()

    @property
    def rings(self) -> tuple[Ring, ...]:
        return (self.exterior, *self.holes)

    @classmethod
    def from_arrays(cls, rings: list[np.ndarray]) -> Polygon:
        as_tuples = [tuple(map(tuple, ring.tolist())) for ring in rings]
        return cls(as_tuples[0], tuple(as_tuples[1:]))


def ring_area(ring: np.ndarray) -> float:
    """Signed shoelace area; positive when anticlockwise (x east, y north)."""
    x, y = ring[:, 0], ring[:, 1]
    return float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1])) / 2.0


def inside_distance(point: Point, rings: list[np.ndarray] | tuple[Ring, ...]) -> float:
    """How far the point is inside the polygon's rings (negative when outside or in a hole)."""
    arrays = [np.asarray(r, dtype=np.float64) for r in rings]
    return float(_signed_distance(np.array([point], dtype=np.float64), arrays)[0])


def _signed_distance(points: np.ndarray, rings: list[np.ndarray]) -> np.ndarray:
    """Distance from each point to the nearest edge; negative outside (holes are outside)."""
    a = np.concatenate([r[:-1] for r in rings])
    b = np.concatenate([r[1:] for r in rings])
    px, py = points[:, 0:1], points[:, 1:2]
    ax, ay, bx, by = a[:, 0], a[:, 1], b[:, 0], b[:, 1]
    # Even-odd ray casting towards +x over every edge at once.
    straddles = (ay > py) != (by > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        cross_x = ax + (py - ay) * (bx - ax) / (by - ay)
    inside = (straddles & (px < cross_x)).sum(axis=1) % 2 == 1
    dx, dy = bx - ax, by - ay
    length2 = np.where(dx * dx + dy * dy == 0, 1.0, dx * dx + dy * dy)
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / length2, 0.0, 1.0)
    dist = np.hypot(px - (ax + t * dx), py - (ay + t * dy)).min(axis=1)
    return np.where(inside, dist, -dist)


def label_point(rings: list[np.ndarray]) -> Point:
    """A point well inside the polygon, for its label: the area centroid when that is well
    inside, else an approximate pole of inaccessibility (the point furthest from the edge)."""
    exterior = rings[0]
    centroid = _centroid(exterior)
    if centroid is not None:
        # A disc has its centre sqrt(A/π) ≈ 0.56·sqrt(A) from the edge; a fifth of the
        # polygon's size is comfortably inside for a label.
        size = np.sqrt(abs(ring_area(exterior)))
        if _signed_distance(centroid[None, :], rings)[0] >= 0.2 * size:
            return float(centroid[0]), float(centroid[1])
    # Search a thinned outline: the answer moves by less than a vertex spacing, and the full
    # outline would make this the slowest step of loading a boundary file.
    best = _grid_search([_thin(r, 160) for r in rings])
    if _signed_distance(best[None, :], rings)[0] <= 0:
        best = _grid_search(rings)
    return float(best[0]), float(best[1])


def _thin(ring: np.ndarray, most: int) -> np.ndarray:
    if len(ring) <= most:
        return ring
    kept = ring[:: -(-len(ring) // most)]
    return np.vstack((kept, kept[:1]))  # closed again


def _grid_search(rings: list[np.ndarray], steps: int = 4, grid: int = 11) -> np.ndarray:
    """A coarse grid over the box, refined around the best point a few times."""
    lo, hi = rings[0].min(axis=0), rings[0].max(axis=0)
    centre, half = (lo + hi) / 2, (hi - lo) / 2
    best, best_d = centre, -np.inf
    for _ in range(steps):
        xs = np.linspace(centre[0] - half[0], centre[0] + half[0], grid)
        ys = np.linspace(centre[1] - half[1], centre[1] + half[1], grid)
        points = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
        d = _signed_distance(points, rings)
        i = int(np.argmax(d))
        if d[i] > best_d:
            best, best_d = points[i], float(d[i])
        centre, half = best, half * 4 / (grid - 1)  # two grid cells either side
    return best


def _centroid(ring: np.ndarray) -> np.ndarray | None:
    area = ring_area(ring)
    if area == 0:
        return None
    x, y = ring[:, 0], ring[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    return np.array([((x[:-1] + x[1:]) * cross).sum(), ((y[:-1] + y[1:]) * cross).sum()]) / (
        6 * area
    )
