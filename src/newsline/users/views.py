"""What the admin says when it cannot send mail."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def password_reset_without_mail(request):
    """In place of Wagtail's reset form while no mail server is configured
    (EMAIL_URL): saying a link was sent when none can be would strand the user."""
    heading = _("No reset link can be sent")
    return TemplateResponse(request, "users/no_mail.html", {"heading": heading}, status=503)
