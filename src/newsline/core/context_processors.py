from .outlet import name as outlet_name


def outlet(request):
    """Expose the outlet's name to every template."""
    return {"outlet_name": outlet_name(request)}
