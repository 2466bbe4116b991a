"""Uploaded images are checked: type, size and decompression bombs."""

import os
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png(size: tuple[int, int], name: str = "photo.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    PILImage.new("L", size, 255).save(buffer, "PNG", optimize=True)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _upload(client, upload):
    return client.post(
        reverse("wagtailimages:add"), {"title": "عکس خبر", "file": upload}
    )


def test_a_normal_photo_is_accepted(client, staff):
    _upload(client, _png((1200, 800)))
    assert Image.objects.filter(title="عکس خبر").exists()


def test_a_decompression_bomb_is_refused_before_decoding(client, staff):
    bomb = _png((9000, 9000))  # 81 megapixels in a few kilobytes
    assert len(bomb) < 200_000
    response = _upload(client, bomb)
    assert not Image.objects.exists()
    assert response.status_code == 200  # the form again, with the reason
    html = response.content.decode()
    assert "pixels" in html or "پیکسل" in html


def test_a_file_that_is_not_an_image_is_refused(client, staff):
    fake = SimpleUploadedFile(
        "photo.png", b"<script>alert(1)</script>", content_type="image/png"
    )
    _upload(client, fake)
    assert not Image.objects.exists()


@pytest.mark.parametrize("name", ["drawing.svg", "page.html", "run.exe"])
def test_other_formats_are_refused(client, staff, name):
    _upload(client, SimpleUploadedFile(name, b"<svg onload=alert(1)>"))
    assert not Image.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, staff, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000
    buffer = BytesIO()
    PILImage.frombytes("L", (200, 200), os.urandom(40_000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) > 10_000
    _upload(client, SimpleUploadedFile("noise.png", buffer.getvalue()))
    assert not Image.objects.exists()
    _upload(client, _png((50, 50)))  # a small one still goes through
    assert Image.objects.count() == 1
