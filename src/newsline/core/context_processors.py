from django.conf import settings


def outlet(request):
    """Expose the outlet's name to every template."""
    return {"outlet_name": settings.NEWSLINE_OUTLET_NAME}
