"""The site's URLs: Khabar's own routes first, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from khabar.site.api.urls import api_urls
from khabar.site.urls import sitemap_urlpatterns

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/", api_urls()),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("khabar.site.urls")),
    path("", include("khabar.comments.urls")),
    path("", include("khabar.search.urls")),
    *sitemap_urlpatterns,
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
