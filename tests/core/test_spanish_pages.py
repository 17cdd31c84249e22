"""Spanish at a Spanish address (/es/…, /us/es/…, /uk/es/…): the core pages, the crisis routes, the switch, the
hreflang set, the browser's suggestion and the page memory (issue 18, docs/adr/0043)."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings
from django.utils import translation

from waypost.core.advice import advice_for
from waypost.core.helplines import Region, crisis_lines, get_helpline

BOTH_REGIONS = override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"])
ONLY_ENGLISH = override_settings(WAYPOST_LANGUAGES=["en"])


def page(client: Client, path: str, **headers: str) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    return response.content.decode()


def visible_text(html: str) -> str:
    without_head = re.sub(r"<head>.*?</head>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", without_head))


def alternates(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)


def html_language(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)">', html)
    assert found is not None
    return found.group(1)


@BOTH_REGIONS
def test_us_spanish_urgent_page_gives_988_press_2_and_ayuda_first(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/us/es/urgent")
    text = visible_text(html)

    assert html_language(html) == "es-US"
    assert "Ayuda urgente" in text
    assert "Llame al 911 ahora si alguien:" in text
    assert "Para ayuda de salud mental, llame al 988 y marque 2 para español." in text
    assert '<a href="sms:988">Envíe AYUDA al 988</a>' in html
    assert "Envíe un mensaje al 988" not in text, "text 988 without AYUDA reaches an English-speaking counsellor"
    assert "Las 24 horas, todos los días, en inglés y en español" in text
    assert 'href="tel:18006624357"' in html
    assert text.index("Llame al 911") < text.index("marque 2 para español") < text.index("Crisis Text Line")


@BOTH_REGIONS
def test_us_spanish_urgent_page_names_no_uk_route(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/us/es/urgent")

    assert 'href="tel:999"' not in html
    assert "NHS" not in visible_text(html)


@BOTH_REGIONS
def test_uk_spanish_urgent_page_gives_999_first_and_no_us_route(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/uk/es/urgent")
    text = visible_text(html)

    assert html_language(html) == "es"
    assert text.index("Llame al 999 ahora si alguien:") < text.index("Samaritans")
    assert "En Irlanda del Norte no hay NHS 111." in text
    assert "Es posible que solo atiendan en inglés." in text
    assert 'href="tel:911"' not in html
    assert "Medicaid" not in text
    assert "988" not in text


@BOTH_REGIONS
def test_spanish_urgent_page_keeps_the_urgency_of_each_body_sign(member_of_the_public: Client) -> None:
    text = visible_text(page(member_of_the_public, "/us/es/urgent"))

    assert "No puede orinar nada, aunque tiene ganas. Vaya a una sala de emergencias o llame al 911 ahora." in text
    assert "Ve sangre en la orina. Vaya a un centro de atención de urgencia (urgent care) o vea a un médico hoy." in (
        text
    )


@BOTH_REGIONS
def test_bare_spanish_address_is_the_default_region_in_spanish(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/es/urgent")

    assert html_language(html) == "es"
    assert "Llame al 999 ahora si alguien:" in visible_text(html)


@BOTH_REGIONS
@pytest.mark.parametrize(
    ("path", "spanish", "english"),
    [
        ("/es/", "¿Le preocupa la ketamina? Puede empezar aquí, en privado.", "Worried about ketamine?"),
        ("/es/privacy", "Privacidad: cómo trata la información este sitio", "Privacy: how this site handles"),
        ("/es/accessibility", "Ampliar hasta el 400% sin que el texto se salga de la pantalla.", "Zoom in up to 400%"),
    ],
)
def test_core_pages_are_in_spanish_at_a_spanish_address(
    member_of_the_public: Client, path: str, spanish: str, english: str
) -> None:
    text = visible_text(page(member_of_the_public, path))

    assert spanish in text
    assert english not in text
    assert "Salir de esta página" in text
    assert "¿En peligro o necesita ayuda ahora?" in text


@BOTH_REGIONS
def test_the_home_page_offers_are_in_spanish(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/us/es/")

    assert '<a href="/us/es/check/">Evaluar</a>' in html
    assert '<a href="/us/es/urgent" class="site-nav__urgent">Ayuda urgente</a>' in html


@BOTH_REGIONS
def test_not_found_at_a_spanish_address_is_in_spanish(member_of_the_public: Client) -> None:
    response = member_of_the_public.get("/es/no-such-page")
    html = response.content.decode()

    assert response.status_code == 404
    assert html_language(html) == "es"
    assert "<h1>No se encontró la página</h1>" in html
    assert '<a href="/es/urgent">vea la ayuda urgente y las líneas de crisis</a>' in html


@BOTH_REGIONS
def test_english_pages_stay_in_english(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/us/urgent")
    text = visible_text(html)

    assert html_language(html) == "en-US"
    assert "Call 911 now if someone:" in text
    assert "Text 988" in text
    assert "AYUDA" not in text
    assert "Llame" not in text


@BOTH_REGIONS
def test_hreflang_lists_every_region_and_language_and_the_bare_address(member_of_the_public: Client) -> None:
    expected = [
        ("en-GB", "/uk/privacy"),
        ("es", "/uk/es/privacy"),
        ("en-US", "/us/privacy"),
        ("es-US", "/us/es/privacy"),
        ("x-default", "/privacy"),
    ]

    for path in ("/privacy", "/es/privacy", "/us/es/privacy", "/uk/privacy"):
        assert alternates(page(member_of_the_public, path)) == expected, path


@BOTH_REGIONS
def test_language_switch_links_to_the_same_page_in_the_other_language(member_of_the_public: Client) -> None:
    english = page(member_of_the_public, "/us/learn/")
    spanish = page(member_of_the_public, "/us/es/learn/")

    assert '<nav class="language-bar" aria-label="Language">' in english
    assert '<strong lang="en" aria-current="true">English</strong>' in english
    assert '<a href="/us/es/learn/" lang="es" hreflang="es-US">Español</a>' in english
    assert '<nav class="language-bar" aria-label="Idioma">' in spanish
    assert '<a href="/us/learn/" lang="en" hreflang="en-US">English</a>' in spanish
    assert '<strong lang="es" aria-current="true">Español</strong>' in spanish


@BOTH_REGIONS
def test_the_region_switch_keeps_the_language(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/us/es/urgent")

    assert '<a href="/uk/es/urgent" hreflang="en-GB">el Reino Unido</a>' in html
    assert "Ayuda y teléfonos para" in html


@ONLY_ENGLISH
def test_an_english_only_deployment_has_no_language_switch(member_of_the_public: Client) -> None:
    html = page(member_of_the_public, "/learn/")

    assert "language-bar" not in html
    assert alternates(html) == []


@BOTH_REGIONS
@pytest.mark.parametrize(
    ("browser", "suggested"),
    [("es-US,es;q=0.9,en;q=0.5", "/us/es/privacy"), ("es-MX,es", "/es/privacy"), ("es", "/es/privacy")],
)
def test_a_spanish_browser_is_offered_the_spanish_page(
    member_of_the_public: Client, browser: str, suggested: str
) -> None:
    response = member_of_the_public.get("/privacy", headers={"Accept-Language": browser})
    html = response.content.decode()

    assert response.status_code == 200
    assert f'Su navegador está en español. <a href="{suggested}" hreflang="es">Ver esta página en español</a>' in html
    assert "Your browser's language suggests" not in html, "one suggestion, in Spanish, is enough"
    assert "Accept-Language" in response["Vary"]


@BOTH_REGIONS
@pytest.mark.parametrize("browser", ["en-US,es;q=0.9", "en-GB", ""])
def test_no_spanish_suggestion_when_spanish_is_not_the_first_language(
    member_of_the_public: Client, browser: str
) -> None:
    assert "language-bar__suggestion" not in page(member_of_the_public, "/privacy", **{"Accept-Language": browser})


@BOTH_REGIONS
def test_no_suggestion_on_an_address_that_names_its_language_or_region(member_of_the_public: Client) -> None:
    for path in ("/us/privacy", "/es/privacy"):
        assert "language-bar__suggestion" not in page(member_of_the_public, path, **{"Accept-Language": "es-US"})


@BOTH_REGIONS
def test_page_memory_keeps_spanish_and_english_copies_apart(member_of_the_public: Client) -> None:
    for _ in range(2):  # the second round is served from memory
        english = page(member_of_the_public, "/urgent")
        spanish = page(member_of_the_public, "/es/urgent")
        english_again = page(member_of_the_public, "/urgent")

        assert "Call 999 now if someone:" in english
        assert "Llame al 999 ahora si alguien:" in spanish
        assert english_again == english


@BOTH_REGIONS
def test_page_memory_keeps_the_spanish_suggestion_to_spanish_browsers(member_of_the_public: Client) -> None:
    for _ in range(2):
        assert "Ver esta página en español" in page(member_of_the_public, "/", **{"Accept-Language": "es"})
        assert "Ver esta página en español" not in page(member_of_the_public, "/", **{"Accept-Language": "en"})


def test_advice_is_cached_per_language() -> None:
    english = advice_for("unable-to-pass-urine", Region.US)
    with translation.override("es"):
        spanish = advice_for("unable-to-pass-urine", Region.US)
    again = advice_for("unable-to-pass-urine", Region.US)

    assert english.heading == "Go to an emergency department or call 911 now"
    assert spanish.heading == "Vaya a una sala de emergencias o llame al 911 ahora"
    assert again == english


@pytest.mark.parametrize(
    ("key", "english_words", "spanish_words"),
    [
        ("danger-now", "now", "ahora"),
        ("unable-to-pass-urine", "straight away", "de inmediato"),
        ("blood-in-urine", "today", "hoy"),
        ("ending-life-thoughts", "today", "hoy"),
        ("mood-see-doctor-within-days", "next few days", "próximos días"),
    ],
)
def test_translated_advice_keeps_its_urgency_and_its_number(key: str, english_words: str, spanish_words: str) -> None:
    for region in Region:
        english = advice_for(key, region)
        with translation.override("es"):
            spanish = advice_for(key, region)

        assert spanish.urgency == english.urgency
        assert (english_words in english.action) == (spanish_words in spanish.action), (key, region)
        for number in ("999", "911"):
            assert (number in english.action) == (number in spanish.action)


def test_spanish_crisis_advice_offers_988_in_spanish() -> None:
    with translation.override("es"):
        advice = advice_for("ending-life-thoughts", Region.US)
        first = get_helpline(advice.helpline_keys[0])

    assert advice.helpline_keys[0] == "us-988-spanish"
    assert [contact.label for contact in first.contacts] == ["Llame al 988", "Envíe AYUDA al 988"]
    assert advice_for("ending-life-thoughts", Region.US).helpline_keys[0] == "us-988"


def test_spanish_crisis_lines_put_the_spanish_routes_first() -> None:
    with translation.override("es"):
        spanish = [line.key for line in crisis_lines(Region.US)]

    assert spanish == ["us-988-spanish", "us-crisis-text-line"]
    assert [line.key for line in crisis_lines(Region.US)] == ["us-988", "us-crisis-text-line"]


CORE_PAGES = ["", "urgent", "privacy", "accessibility"]


@BOTH_REGIONS
@pytest.mark.parametrize("language_prefix", ["", "es/"], ids=["english", "spanish"])
@pytest.mark.parametrize("path", CORE_PAGES)
def test_us_core_pages_name_no_uk_route_in_either_language(
    member_of_the_public: Client, language_prefix: str, path: str
) -> None:
    html = page(member_of_the_public, f"/us/{language_prefix}{path}")
    text = visible_text(html)

    assert 'href="tel:999"' not in html
    assert "NHS" not in text
    phone_links = re.findall(r'href="tel:(\d+)"', html)
    if path == "urgent":
        assert phone_links[:2] == ["911", "911"]
        assert "988" in phone_links


@BOTH_REGIONS
@pytest.mark.parametrize("language_prefix", ["", "es/"], ids=["english", "spanish"])
@pytest.mark.parametrize("path", CORE_PAGES)
def test_uk_core_pages_name_no_us_route_in_either_language(
    member_of_the_public: Client, language_prefix: str, path: str
) -> None:
    html = page(member_of_the_public, f"/uk/{language_prefix}{path}")
    text = visible_text(html)

    assert 'href="tel:911"' not in html
    assert "Medicaid" not in text
    assert "988" not in text
    phone_links = re.findall(r'href="tel:(\d+)"', html)
    if path == "urgent":
        assert phone_links[:2] == ["999", "999"]


@BOTH_REGIONS
def test_a_missing_page_echoes_its_address_in_no_alternate_or_switch(member_of_the_public: Client) -> None:
    html = member_of_the_public.get("/es/staff/people/SECRET-REF").content.decode()

    assert "SECRET-REF" not in html
    assert alternates(html) == []
    assert "language-bar" not in html
