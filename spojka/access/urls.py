from __future__ import annotations

from django.urls import path

from spojka.access import views

app_name = "access"

urlpatterns = [
    path("u/<slug:unit>/pristupy/", views.unit_access, name="unit_access"),
    path("u/<slug:unit>/pristupy/pozvat/", views.invite, name="invite"),
    path("u/<slug:unit>/pristupy/<int:pk>/", views.membership_edit, name="membership_edit"),
    path("u/<slug:unit>/pristupy/<int:pk>/ukoncit/", views.membership_end, name="membership_end"),
    path(
        "u/<slug:unit>/pristupy/pozvanky/<int:pk>/znovu/", views.invitation_resend, name="invitation_resend"
    ),
    path(
        "u/<slug:unit>/pristupy/pozvanky/<int:pk>/zrusit/", views.invitation_revoke, name="invitation_revoke"
    ),
    # Outside the unit's URL space: the invitee may not have an account yet; the token is the key.
    path("pozvanka/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("agentura/uzivatele/", views.user_list, name="user_list"),
    path("agentura/uzivatele/pozvat/", views.agency_invite, name="agency_invite"),
    path("agentura/uzivatele/<int:pk>/", views.user_detail, name="user_detail"),
    path("agentura/uzivatele/<int:pk>/prirazeni/", views.user_assign, name="user_assign"),
    path("agentura/uzivatele/<int:pk>/deaktivovat/", views.user_deactivate, name="user_deactivate"),
    path("agentura/uzivatele/<int:pk>/aktivovat/", views.user_reactivate, name="user_reactivate"),
]
