"""Education pages and their search. Files, not the database, so these pages work when it is down."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from waypost.content.library import current_edition, existing_pages, get_page, pages_in_reading_order, popular_pages
from waypost.content.page_search import search_pages
from waypost.content.presenters import review_words
from waypost.content.rendering import render_page


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "content/index.html", {"pages": pages_in_reading_order(), "edition": current_edition()})


@require_safe
def article(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_page(slug)
    if page is None:
        raise Http404("No such page")
    # The edition the address asks for; a page in another language says so and carries its own lang (H-093)
    context = {
        "rendered": render_page(page),
        "related": existing_pages(page.related),
        "edition": current_edition(),
        "review": review_words(page),
    }
    return render(request, "content/article.html", context)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    raw_query = request.GET.get("q", "")
    outcome = search_pages(raw_query) if raw_query.strip() else None
    context = {"outcome": outcome, "popular": popular_pages(), "edition": current_edition()}
    return render(request, "content/search.html", context)
