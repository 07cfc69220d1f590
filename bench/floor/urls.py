from django.urls import path

from bench.floor import views

bare = [path("insert/", views.bare_insert), path("tiny/", views.tiny)]
stack = [path("insert/", views.stack_insert), path("tiny/", views.stack_tiny)]
