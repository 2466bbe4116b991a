"""Services are found by name and get an address of their own, however named."""

import pytest

from khabar.newsroom.services import service_get_or_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("names", "slugs"),
    [
        (["سیاسی"], ["politics"]),
        (["علم و فناوری"], ["علم-و-فناوری"]),
        (["!!!", "؟؟؟", "***"], ["service", "service-2", "service-3"]),
        (["علم و فناوری", "علم  و  فناوری!"], ["علم-و-فناوری", "علم-و-فناوری-2"]),
    ],
)
def test_each_service_gets_its_own_address(home, names, slugs):
    services = [service_get_or_create(home=home, name=name) for name in names]
    assert [service.slug for service in services] == slugs
    assert len({service.pk for service in services}) == len(names)


def test_the_same_name_is_the_same_service(home):
    first = service_get_or_create(home=home, name="!!!")
    assert service_get_or_create(home=home, name="!!!").pk == first.pk
