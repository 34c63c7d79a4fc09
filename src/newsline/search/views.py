from django.template.response import TemplateResponse
from wagtail.models import Locale

from .queries import search_stories


def search(request):
    results = search_stories(
        Locale.get_active(), request.GET.get("q"), order=request.GET.get("order", "relevance")
    )
    return TemplateResponse(
        request, "search/results.html", {"results": results, "search_query": results.query}
    )
