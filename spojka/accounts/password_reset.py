"""Password reset by e-mail: Django's own views, rate-limited per address and per IP."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from spojka.accounts.models import PasswordResetRequest, hash_token
from spojka.lib.urls import absolute_url

# At most this many reset mails per address, and requests per IP, within WINDOW. The requests are
# counted in the database, so the limit holds across every app process.
PER_EMAIL, PER_IP, WINDOW = 3, 10, timedelta(hours=1)


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def rate_limited(request, email: str) -> bool:
    """Record this request; True when the address or the IP has asked too often lately."""
    since = timezone.now() - WINDOW
    email_hash, ip = hash_token(email.strip().lower()), _client_ip(request)
    recent = PasswordResetRequest.objects.filter(requested_at__gte=since)
    limited = recent.filter(email_hash=email_hash).count() >= PER_EMAIL or (
        ip is not None and recent.filter(ip=ip).count() >= PER_IP
    )
    PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
    PasswordResetRequest.objects.create(ip=ip, email_hash=email_hash)
    return limited


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/mail/password_reset.txt"
    subject_template_name = "accounts/mail/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self) -> dict:
        # Links in mail use the configured public address, not whatever Host the request carried.
        return {"site_url": absolute_url("/").rstrip("/")}

    def form_valid(self, form):
        if rate_limited(self.request, form.cleaned_data["email"]):
            form.add_error(None, _("Příliš mnoho žádostí o obnovu hesla. Zkuste to prosím znovu za hodinu."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
