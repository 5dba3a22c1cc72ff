from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cidp_site.core import views as core_views
from cidp_site.core.public_url import PublicSitemap
from cidp_site.feedback import views as feedback
from cidp_site.links.connect import views as connect_views
from cidp_site.search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("health/", core_views.health, name="health"),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("feedback/<int:page_id>/", feedback.vote, name="feedback_vote"),
    path("feedback/<int:page_id>/thanks/", feedback.thanks, name="feedback_thanks"),
    path("l/", include("cidp_site.links.urls")),
    path("connect/", connect_views.connect, name="connect"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "cidp_site.core.views.page_not_found"
handler500 = "cidp_site.core.views.server_error"
