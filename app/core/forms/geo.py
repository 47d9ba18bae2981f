"""area() and distance() of ODK forms, computed as JavaRosa (ODK Collect's form engine) computes
them, so that a form gives the same figures here as on a phone: on a sphere with the Earth's
equatorial radius (6,378,100 m), distance by the spherical law of cosines between consecutive
points, area by summing the triangles that fan out from the first point on an equirectangular
projection.

A list of geopoints is either a geopoint question inside a repeat (one point per entry) or text
with points separated by ";" ("lat lon [alt [accuracy]]; lat lon …", as a geotrace or geoshape
is stored, or as concat() builds it). A point that is not a valid latitude and longitude makes
the result empty, as a bad value does everywhere in the evaluator.
"""
from __future__ import annotations

import math

EARTH_RADIUS = 6_378_100.0                 # metres, JavaRosa's EARTH_EQUATORIAL_RADIUS_METERS
CIRCUMFERENCE = 2 * math.pi * EARTH_RADIUS
MAX_POINTS = 10_000   # points in one area() or distance(): keeps a hostile form's work bounded


def points(values: list[str]) -> list[tuple[float, float]] | None:
    """(latitude, longitude) pairs from geopoint texts; None when one is not a point."""
    texts = values[0].split(";") if len(values) == 1 else values
    out = []
    for text in texts:
        parts = text.replace(",", " ").split()
        if not parts:
            continue       # "a; b;" ends with an empty part, as ODK writes a shape
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except (IndexError, ValueError):
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        out.append((lat, lon))
        if len(out) > MAX_POINTS:
            return None
    return out


def _between(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2, dl = math.radians(a[0]), math.radians(b[0]), math.radians(a[1] - b[1])
    cosine = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return math.acos(max(-1.0, min(1.0, cosine))) * EARTH_RADIUS


def distance(pts: list[tuple[float, float]]) -> float:
    """Metres from each point to the next."""
    return sum(_between(a, b) for a, b in zip(pts, pts[1:]))


def area(pts: list[tuple[float, float]]) -> float:
    """Square metres enclosed by the points, taken as a closed polygon; 0 under three points."""
    if len(pts) < 3:
        return 0.0
    lat0, lon0 = pts[0]
    xy = [((lon - lon0) * CIRCUMFERENCE * math.cos(math.radians(lat)) / 360.0,
           (lat - lat0) * CIRCUMFERENCE / 360.0) for lat, lon in pts[1:]]
    return abs(sum((y1 * x2 - x1 * y2) / 2 for (x1, y1), (x2, y2) in zip(xy, xy[1:])))
