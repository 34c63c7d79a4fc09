"""What the admin says when it cannot send mail."""

from django.template.response import TemplateResponse


def password_reset_without_mail(request):
    """In place of Wagtail's reset form while no mail server is configured
    (EMAIL_URL): saying a link was sent when none can be would strand the user."""
    return TemplateResponse(request, "users/no_mail.html", status=503)
