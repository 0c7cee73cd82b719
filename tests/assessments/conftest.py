import pytest

from tests.factories.courses import enrol, make_course


@pytest.fixture
def course(site_tree):
    return make_course(modules=1, lessons=1)


@pytest.fixture
def module(course):
    return course.get_children().first().specific


@pytest.fixture
def enrolled(client, course, trainee):
    enrol(trainee, course)
    client.force_login(trainee)
    return trainee
