"""One rule for naming and listing people, and one for rounding figures (issue 24)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from home.numbers import percent_of, rounded
from home.people import by_name, display_name, name_from


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 8, 13), (1, 3, 33), (2, 3, 67), (5, 0, 0), (0, 7, 0), (7, 7, 100), (1, 200, 1), (1, 400, 0)],
)
def test_a_rate_is_a_whole_percentage_rounded_half_up(part, whole, expected):
    assert percent_of(part, whole) == expected


def test_values_round_half_up_not_to_even():
    assert rounded(Decimal("50.005")) == Decimal("50.01")
    assert rounded(Decimal("50.015")) == Decimal("50.02")
    assert rounded(Decimal("0.1235"), "0.001") == Decimal("0.124")


def test_a_person_is_named_by_their_full_name_else_their_username():
    user = get_user_model()(username="sonia.mejri", first_name="Sonia", last_name="Mejri")
    assert display_name(user) == "Sonia Mejri"
    assert display_name(get_user_model()(username="s.mejri")) == "s.mejri"
    assert name_from(first_name="", last_name="Mejri", username="x") == "Mejri"


@pytest.mark.django_db
def test_people_are_listed_by_family_name_then_given_name():
    make = get_user_model().objects.create_user
    make(username="c", first_name="Zied", last_name="Ayari")
    make(username="b", first_name="Amira", last_name="Ben Ali")
    make(username="a", first_name="Sonia", last_name="Ayari")
    assert [user.username for user in by_name(get_user_model().objects.all())] == ["a", "c", "b"]
