from django.template.response import TemplateResponse

from newsline.core import surrogate
from newsline.i18n.locales import request_locale

from .queries import search_stories


def search(request):
    locale = request_locale(request)
    surrogate.tag(request, surrogate.search(locale.language_code))
    results = search_stories(
        locale, request.GET.get("q"), order=request.GET.get("order", "relevance")
    )
    return TemplateResponse(
        request, "search/results.html", {"results": results, "search_query": results.query}
    )
