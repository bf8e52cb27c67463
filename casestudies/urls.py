from django.urls import path

from casestudies import views

urlpatterns = [
    path("", views.search, name="search"),
]
