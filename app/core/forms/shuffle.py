"""randomize() of ODK forms: a Fisher-Yates shuffle driven by a Park-Miller generator when a
seed is given, exactly as JavaRosa and Enketo shuffle, so that a seeded form orders its items
the same way here as in ODK Collect and on the web."""
from __future__ import annotations

import math
import random

MODULUS = 2_147_483_647
MULTIPLIER = 16_807


class ParkMiller:
    """The Lehmer "minimal standard" generator, in the floating point JavaRosa uses (math.fmod
    is Java's % on doubles: a negative seed stays negative and is brought into range)."""

    def __init__(self, seed: int):
        self.state = math.fmod(float(seed), MODULUS)
        if self.state <= 0:
            self.state += MODULUS - 1

    def next_double(self) -> float:
        self.state = math.fmod(self.state * MULTIPLIER, MODULUS)
        return (int(self.state) - 1) / (MODULUS - 1)


def shuffle(items: list, seed: int | None = None) -> list:
    """A new list with `items` reordered; the same seed gives the same order."""
    next_double = ParkMiller(seed).next_double if seed is not None else random.random
    out: list = [None] * len(items)
    for i, item in enumerate(items):
        j = int(next_double() * (i + 1))
        if j != i:
            out[i] = out[j]
        out[j] = item
    return out
