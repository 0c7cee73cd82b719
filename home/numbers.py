"""How figures are rounded for people to read: one rule for rates, one for two-decimal values.

Half-up everywhere (50.005 → 50.01, 12.5 % → 13 %), as a reader rounding by hand would.
"""

from decimal import ROUND_HALF_UP, Decimal


def percent_of(part: int | float | Decimal, whole: int | float | Decimal) -> int:
    """`part` as a whole percentage of `whole`; 0 when there is nothing to count."""
    if not whole:
        return 0
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rounded(value: int | float | Decimal, places: str = "0.01") -> Decimal:
    """`value` to the given places (a quantum such as "0.01" or "0.001")."""
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)
