from django.urls import path

from . import views

app_name = "site"
urlpatterns = [
    path("news/<int:code>/<str:slug>/", views.article, name="article"),
    path("x/<int:code>", views.short_link, name="short_link"),
    path("tag/<str:name>/", views.tag, name="tag"),
]
