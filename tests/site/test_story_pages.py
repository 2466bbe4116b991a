"""What readers see of the newsroom's flags: the «فوری» ticker, lead slots,
editor's picks, story types, photo galleries and video embeds."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from khabar.newsroom.models import GalleryImage, HomeLeadSlot, ServiceLeadSlot
from khabar.site.video import video_embed_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_breaking_ticker_shows_on_every_page_until_it_expires(client, home):
    until = timezone.now() + timedelta(hours=1)
    flash = ArticleFactory(title="زلزله در شمال کشور", breaking_until=until)
    other = ArticleFactory(title="خبر آرام روز", service_name="ورزشی")
    for url in ("/", flash.service.url, other.url):
        html = client.get(url).content.decode()
        assert 'class="ticker"' in html and "زلزله در شمال کشور" in html
    with time_machine.travel(until + timedelta(minutes=1), tick=False):
        html = client.get("/").content.decode()
    assert 'class="ticker"' not in html


def test_front_page_and_service_lead_slots_keep_the_editors_order(client, home):
    first = ArticleFactory(title="تیتر یک امروز")
    second = ArticleFactory(title="تیتر دوم امروز")
    newest = ArticleFactory(title="تازه\u200cترین خبر")
    HomeLeadSlot.objects.create(page=home, article=second, sort_order=0)
    HomeLeadSlot.objects.create(page=home, article=first, sort_order=1)
    html = client.get("/").content.decode()
    leads = html[html.index('class="leads"') : html.index("</section>")]
    assert leads.index("تیتر دوم امروز") < leads.index("تیتر یک امروز")
    assert "تازه\u200cترین خبر" not in leads

    service = newest.service
    ServiceLeadSlot.objects.create(page=service, article=first, sort_order=0)
    html = client.get(service.url).content.decode()
    assert "تیتر یک " + service.title in html


def test_an_unpublished_lead_drops_out_of_its_slot(client, home):
    lead = ArticleFactory(title="تیتر برداشته\u200cشده")
    HomeLeadSlot.objects.create(page=home, article=lead, sort_order=0)
    lead.unpublish()
    assert 'class="leads"' not in client.get("/").content.decode()


def test_editors_picks_are_listed_on_the_front_page(client, home):
    ArticleFactory(title="گزارش برگزیده سردبیر", editors_pick=True)
    ArticleFactory(title="خبر معمولی")
    html = client.get("/").content.decode()
    picks = html[html.index('class="picks"') :]
    picks = picks[: picks.index("</section>")]
    assert "گزارش برگزیده سردبیر" in picks and "خبر معمولی" not in picks


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_photo_story_shows_each_photo_with_caption_and_credit(client, home, media):
    article = ArticleFactory(title="بهار در تهران", story_type="photo")
    for number in range(2):
        image = Image.objects.create(
            title=f"عکس {number}", file=get_test_image_file(f"spring{number}.png")
        )
        GalleryImage.objects.create(
            page=article,
            image=image,
            caption=f"شکوفه\u200cهای درخت شماره {number + 1}",
            credit="سارا احمدی",
            sort_order=number,
        )
    html = client.get(article.url).content.decode()
    assert "گزارش تصویری" in html
    assert html.count("<figure>") == 2
    assert "شکوفه\u200cهای درخت شماره 2" in html and "عکس: سارا احمدی" in html


def test_a_video_story_embeds_known_hosts_and_links_others(client, home):
    video = ArticleFactory(
        story_type="video", video_url="https://www.aparat.com/v/abc123"
    )
    html = client.get(video.url).content.decode()
    assert "aparat.com/video/video/embed/videohash/abc123/vt/frame" in html
    other = ArticleFactory(
        story_type="video", video_url="https://videos.example.ir/clip/7"
    )
    html = client.get(other.url).content.decode()
    assert "<iframe" not in html and 'href="https://videos.example.ir/clip/7"' in html


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.aparat.com/v/Xy12z",
            "https://www.aparat.com/video/video/embed/videohash/Xy12z/vt/frame",
        ),
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("javascript:alert(1)", None),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("https://aparat.com.evil.ir/v/abc", None),
        ("not a url", None),
    ],
)
def test_video_embed_url(url, embed):
    assert video_embed_url(url) == embed
