"""Java's ``java.util.Random`` and ``HashSet`` order, so that seeded tie-breaks draw as RCTab does."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

_MASK_48 = (1 << 48) - 1
_MULTIPLIER = 0x5DEECE66D


class JavaRandom:
    """``java.util.Random`` reproduced bit for bit, so seeded tie-breaks match the reference tabulator."""

    def __init__(self, seed: int) -> None:
        self._state = (seed ^ _MULTIPLIER) & _MASK_48

    def _next(self, bits: int) -> int:
        self._state = (self._state * _MULTIPLIER + 0xB) & _MASK_48
        value = self._state >> (48 - bits)
        return value - (1 << bits) if bits == 32 and value >= 1 << 31 else value

    def next_double(self) -> float:
        return ((self._next(26) << 27) + self._next(27)) * 2.0**-53

    def next_int(self, bound: int) -> int:
        if bound <= 0:
            raise ValueError("bound must be positive")
        value = self._next(31)
        top = bound - 1
        if bound & top == 0:  # a power of two: take the high bits
            return (bound * value) >> 31
        while True:
            remainder = value % bound
            if value - remainder + top < 1 << 31:  # Java's int overflow test: retry only then
                return remainder
            value = self._next(31)


def seeded_permutation(names: Iterable[str], seed: int) -> tuple[str, ...]:
    """Names sorted by code point, then ``Collections.shuffle(list, new Random(seed))``."""
    return shuffled(sorted(names), JavaRandom(seed))


def shuffled(names: list[str], generator: JavaRandom) -> tuple[str, ...]:
    order = list(names)
    for size in range(len(order), 1, -1):
        other = generator.next_int(size)
        order[size - 1], order[other] = order[other], order[size - 1]
    return tuple(order)


def _java_string_hash(text: str) -> int:
    value = 0
    encoded = text.encode("utf-16-be")
    for offset in range(0, len(encoded), 2):
        value = (31 * value + ((encoded[offset] << 8) | encoded[offset + 1])) & 0xFFFFFFFF
    return value


def java_hash_set_order(names: Sequence[str]) -> list[str]:
    """Iteration order of ``new HashSet<>(names)``: the reference tabulator hands that order to its draw."""
    capacity = 16
    wanted = max(int(len(names) / 0.75) + 1, 16)
    while capacity < wanted:
        capacity *= 2
    buckets: dict[int, list[str]] = {}
    for name in names:
        hashed = _java_string_hash(name)
        buckets.setdefault((hashed ^ (hashed >> 16)) & (capacity - 1), []).append(name)
    return [name for bucket in sorted(buckets) for name in buckets[bucket]]
