from django.template.response import TemplateResponse

from newsline.i18n.locales import request_locale

from .queries import search_stories


def search(request):
    results = search_stories(
        request_locale(request), request.GET.get("q"), order=request.GET.get("order", "relevance")
    )
    return TemplateResponse(
        request, "search/results.html", {"results": results, "search_query": results.query}
    )
