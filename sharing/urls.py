from django.urls import path

from sharing import views

# Mounted under j/<journal>/.
journal_urlpatterns = [
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/access/<int:pk>/permission/", views.access_permission, name="access_permission"),
    path("sharing/access/<int:pk>/revoke/", views.access_revoke, name="access_revoke"),
    path(
        "sharing/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
urlpatterns = [
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
