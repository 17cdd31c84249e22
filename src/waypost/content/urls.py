from django.urls import path

from waypost.content import views

app_name = "content"

urlpatterns = [
    path("", views.index, name="index"),
    path("search", views.search, name="search"),
    path("<slug:slug>", views.article, name="article"),
]
