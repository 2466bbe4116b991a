from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("comments/post/<int:code>/", views.comment_post, name="post"),
    path("comments/<int:pk>/vote/", views.comment_vote_view, name="vote"),
    path("comments/state/", views.comment_state, name="state"),
    path("comments/form/<int:code>/", views.comment_form_page, name="form"),
]
