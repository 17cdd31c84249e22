"""The helpline registry: the one place emergency numbers, crisis lines and other routes to help are kept.

Each entry has a category, the UK nations it serves (NHS 111 does not exist in Northern Ireland), the page on
the service's own site it comes from, and what it was last checked against and when: only a check against
that page counts as verified (ADR 0012). The pure functions at the end choose lines for a region and nation.

The registry is written in English; every function that hands lines out gives them in the reader's language
(the active translation), so a Spanish page gets Spanish descriptions and the Spanish-speaking routes first
(docs/adr/0043). Names of services, numbers and text keywords are never translated.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop, pgettext


class Region(StrEnum):
    UK = "uk"
    US = "us"


REGION_NAMES = {Region.UK: gettext_noop("United Kingdom"), Region.US: gettext_noop("United States")}
ENGLISH = "en"
SPANISH = "es"


def region_name(region: Region) -> str:
    return gettext(REGION_NAMES[region])


def reader_language() -> str:
    """ "es" on a Spanish page, else "en": the two languages the registry knows."""
    return SPANISH if (translation.get_language() or "").startswith(SPANISH) else ENGLISH


class ContactKind(StrEnum):
    CALL = "call"
    TEXT = "text"
    TEXTPHONE = "textphone"
    EMAIL = "email"
    WEB = "web"


@dataclass(frozen=True)
class ContactMethod:
    kind: ContactKind
    value: str
    label: str
    href: str


class Nation(StrEnum):
    """The four UK nations, whose NHS routes differ (NHS 111 does not exist in Northern Ireland)."""

    ENGLAND = "England"
    SCOTLAND = "Scotland"
    WALES = "Wales"
    NORTHERN_IRELAND = "Northern Ireland"


class Category(StrEnum):
    EMERGENCY = "emergency"
    CRISIS = "crisis or suicide"
    SAME_DAY = "same-day medical"
    DRUG_ADVICE = "drugs advice"
    YOUNG_PEOPLE = "young people"
    FAMILY_SUPPORT = "family support"


class CheckedAgainst(StrEnum):
    """What a line's details were last compared with: only SERVICE_SITE counts as verified."""

    SERVICE_SITE = gettext_noop("the service's own website")
    OTHER_SOURCE = gettext_noop("other published sources")
    FIELD_NOTES = gettext_noop("our own notes")


@dataclass(frozen=True)
class Helpline:
    key: str
    region: Region
    name: str
    contacts: tuple[ContactMethod, ...]
    hours: str
    what_for: str
    category: Category
    source_url: str
    last_verified: date
    checked_against: CheckedAgainst
    # Empty means every part of the region; otherwise only the UK nations listed
    nations: tuple[Nation, ...] = ()
    also_for: tuple[Category, ...] = ()
    # What to choose on the phone menu for mental health help, e.g. "choose the mental health option"
    menu_option: str = ""
    check_note: str = ""
    # The languages a person can be helped in; a line for one language may stand in for another line there
    languages: tuple[str, ...] = (ENGLISH,)
    replaces: str = ""

    @property
    def primary_contact(self) -> ContactMethod:
        return self.contacts[0]

    @property
    def is_emergency(self) -> bool:
        return self.category == Category.EMERGENCY

    @property
    def categories(self) -> tuple[Category, ...]:
        return (self.category, *self.also_for)

    @property
    def is_verified_against_source(self) -> bool:
        return self.checked_against == CheckedAgainst.SERVICE_SITE

    @property
    def check_summary(self) -> str:
        checked_on = date_format(self.last_verified, pgettext("date a helpline was checked", "j F Y"))
        if self.is_verified_against_source:
            return gettext("Checked against the service's own website on %(date)s.") % {"date": checked_on}
        return gettext("Checked against %(source)s on %(date)s, not yet against the service's own website.") % {
            "source": gettext(self.checked_against.value),
            "date": checked_on,
        }

    def speaks(self, language: str) -> bool:
        return language in self.languages

    def serves(self, category: Category) -> bool:
        return category in self.categories

    def is_available_in(self, nation: Nation | None) -> bool:
        """With no nation, only lines for the whole region count: a visitor's nation is not known."""
        if not self.nations:
            return True
        return nation in self.nations


def call(number: str, dial: str | None = None) -> ContactMethod:
    return ContactMethod(ContactKind.CALL, number, f"Call {number}", f"tel:{dial or number.replace(' ', '')}")


def contact_in_reader_language(contact: ContactMethod) -> ContactMethod:
    if contact.kind == ContactKind.CALL:
        return replace(contact, label=gettext("Call %(number)s") % {"number": contact.value})
    return replace(contact, label=gettext(contact.label))


def text(message: str, number: str) -> ContactMethod:
    return ContactMethod(ContactKind.TEXT, number, message, f"sms:{number.replace(' ', '')}")


def website(address: str, label: str) -> ContactMethod:
    return ContactMethod(ContactKind.WEB, address.removeprefix("https://"), label, address)


CHECKED_AGAINST_FIELD_NOTES = date(2026, 11, 21)
# Stored copies of the services' pages were read on this day; the copies' own capture dates are not known
CHECKED_AGAINST_SOURCES = date(2026, 11, 30)
# The Spanish routes were taken from the field notes on this day; the services' sites could not be reached from here
CHECKED_SPANISH_ROUTES = date(2026, 12, 1)
HELPLINES: tuple[Helpline, ...] = (
    Helpline(
        key="uk-emergency",
        region=Region.UK,
        name=gettext_noop("Emergency services"),
        contacts=(call("999"),),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop(
            "Someone is in danger now, cannot be woken, has trouble breathing, chest pain or a seizure."
        ),
        category=Category.EMERGENCY,
        source_url="https://www.nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999/",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        checked_against=CheckedAgainst.FIELD_NOTES,
        check_note="No stored copy of the nhs.uk page was found; NHS 24's own 111 page also sends "
        "life-threatening emergencies to 999.",
    ),
    Helpline(
        key="uk-samaritans",
        region=Region.UK,
        name="Samaritans",
        contacts=(
            call("116 123"),
            ContactMethod(
                ContactKind.EMAIL,
                "jo@samaritans.org",
                gettext_noop("Email jo@samaritans.org"),
                "mailto:jo@samaritans.org",
            ),
        ),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop(
            "Someone to talk to if you are struggling or thinking about ending your life. "
            "Free from landlines and mobiles, and the number does not show on your phone bill."
        ),
        category=Category.CRISIS,
        source_url="https://www.samaritans.org/how-we-can-help/contact-samaritan/",
        last_verified=CHECKED_AGAINST_SOURCES,
        checked_against=CheckedAgainst.SERVICE_SITE,
        check_note="The stored copy hides the e-mail address; it comes from our notes.",
    ),
    Helpline(
        key="uk-shout",
        region=Region.UK,
        name="Shout",
        contacts=(text(gettext_noop("Text SHOUT to 85258"), "85258"),),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop(
            "Free, confidential text support if you are struggling to cope. Anyone in the UK, any age."
        ),
        category=Category.CRISIS,
        source_url="https://giveusashout.org/about-us/faq/",
        last_verified=CHECKED_AGAINST_SOURCES,
        checked_against=CheckedAgainst.SERVICE_SITE,
    ),
    Helpline(
        key="uk-frank",
        region=Region.UK,
        name="FRANK",
        contacts=(
            call("0300 123 6600"),
            text(gettext_noop("Text 82111"), "82111"),
            ContactMethod(
                ContactKind.TEXTPHONE, "0300 123 1099", gettext_noop("Textphone 0300 123 1099"), "tel:03001231099"
            ),
        ),
        hours=gettext_noop("Phone 24 hours, every day; live chat 2pm to 6pm, every day"),
        what_for=gettext_noop(
            "Honest information and advice about drugs, for you or someone you know, and help finding "
            "local support. Interpreters in 120 languages. Calls may show on your phone bill."
        ),
        category=Category.DRUG_ADVICE,
        source_url="https://www.talktofrank.com/contact-frank",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        checked_against=CheckedAgainst.FIELD_NOTES,
        also_for=(Category.FAMILY_SUPPORT,),
        # Interpreters in 120 languages (field notes 4), so a Spanish speaker can be helped on the phone
        languages=(ENGLISH, SPANISH),
        check_note="No stored copy of talktofrank.com was found. The numbers come from the site's published "
        "source code (field notes 1.2); help for families rests on the Home Office's FRANK guide for families.",
    ),
    Helpline(
        key="uk-childline",
        region=Region.UK,
        name=gettext_noop("Childline (under 19)"),
        contacts=(call("0800 1111"),),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop("Free, private support for children and young people under 19."),
        category=Category.YOUNG_PEOPLE,
        source_url="https://www.childline.org.uk/get-support/contacting-childline/",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        checked_against=CheckedAgainst.FIELD_NOTES,
        check_note="No stored copy of childline.org.uk was found; the number is from an NHS GP page.",
    ),
    Helpline(
        key="uk-nhs-111",
        region=Region.UK,
        name="NHS 111",
        contacts=(call("111"), website("https://111.nhs.uk/", gettext_noop("Use 111 online"))),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop(
            "Urgent medical help when it is not an emergency, and urgent help in a mental health crisis, "
            "for you or someone else. Any age."
        ),
        category=Category.SAME_DAY,
        source_url="https://www.nhs.uk/nhs-services/mental-health-services/where-to-get-urgent-help-for-mental-health/",
        last_verified=CHECKED_AGAINST_SOURCES,
        checked_against=CheckedAgainst.OTHER_SOURCE,
        nations=(Nation.ENGLAND,),
        also_for=(Category.CRISIS,),
        menu_option=gettext_noop("choose the mental health option"),
        check_note="No stored copy of the nhs.uk page was found. The mental health option was checked against "
        "NHS trust pages (lpft.nhs.uk, shsc.nhs.uk, oundlesurgery.nhs.uk).",
    ),
    Helpline(
        key="uk-nhs-24",
        region=Region.UK,
        name="NHS 24 (111)",
        contacts=(call("111"),),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop(
            "Urgent care when your GP practice is closed or you think you need A&E but it is not "
            "life-threatening, and support with mental health distress."
        ),
        category=Category.SAME_DAY,
        source_url="https://www.nhs24.scot/111/",
        last_verified=CHECKED_AGAINST_SOURCES,
        checked_against=CheckedAgainst.SERVICE_SITE,
        nations=(Nation.SCOTLAND,),
        also_for=(Category.CRISIS,),
    ),
    Helpline(
        key="uk-breathing-space",
        region=Region.UK,
        name="Breathing Space",
        contacts=(call("0800 83 85 87"),),
        hours=gettext_noop("Monday to Thursday 6pm to 2am; Friday 6pm to Monday 6am"),
        what_for=gettext_noop("Free, confidential listening and advice if you feel low, anxious or unusually worried."),
        category=Category.CRISIS,
        source_url="https://www.breathingspace.scot/news/2022/springfield-unveils-breathing-space-bench-in-blairgowrie/",
        last_verified=CHECKED_AGAINST_SOURCES,
        checked_against=CheckedAgainst.SERVICE_SITE,
        nations=(Nation.SCOTLAND,),
        check_note="Number and hours read from the header that every breathingspace.scot page carries.",
    ),
    Helpline(
        key="uk-nhs-111-wales",
        region=Region.UK,
        name="NHS 111 Wales",
        contacts=(call("111"),),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop(
            "Urgent medical help when it is not an emergency, and urgent mental health support for you "
            "or someone you know, from a mental health team near you. Free, even with no credit. Any age."
        ),
        category=Category.SAME_DAY,
        source_url="https://111.wales.nhs.uk/",
        last_verified=CHECKED_AGAINST_SOURCES,
        checked_against=CheckedAgainst.OTHER_SOURCE,
        nations=(Nation.WALES,),
        also_for=(Category.CRISIS, Category.FAMILY_SUPPORT),
        menu_option=gettext_noop("choose the mental health option (press 2)"),
        check_note="No stored copy of 111.wales.nhs.uk was found. Checked against the Welsh Government's "
        "announcement of 10 October 2025 (on wired-gov.net) and BBC News of 20 June 2023.",
    ),
    Helpline(
        key="uk-lifeline",
        region=Region.UK,
        name="Lifeline",
        contacts=(call("0808 808 8000"),),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop(
            "Free crisis counselling for anyone in Northern Ireland who is in distress or despair, or "
            "feeling suicidal, and for people worried about someone else."
        ),
        category=Category.CRISIS,
        source_url="https://www.lifelinehelpline.info/page/about.html",
        last_verified=CHECKED_AGAINST_SOURCES,
        checked_against=CheckedAgainst.OTHER_SOURCE,
        nations=(Nation.NORTHERN_IRELAND,),
        also_for=(Category.FAMILY_SUPPORT,),
        check_note="Lifeline's own page confirms the hours, that calls are free and who it is for, but its "
        "stored copy cuts off before the number; the number was checked on the Public Health Agency's page "
        "(publichealth.hscni.net).",
    ),
    Helpline(
        key="uk-ni-gp-out-of-hours",
        region=Region.UK,
        name="GP Out-of-Hours",
        contacts=(website("https://gpoutofhours.hscni.net/", gettext_noop("GP Out-of-Hours in Northern Ireland")),),
        hours=gettext_noop("When your GP surgery is closed: usually weekdays 6pm to 8am, and Friday 6pm to Monday 8am"),
        what_for=gettext_noop(
            "Urgent medical care that cannot wait until your GP surgery opens. Each area has its own "
            "number. In the daytime, call your own GP surgery."
        ),
        category=Category.SAME_DAY,
        source_url="https://gpoutofhours.hscni.net/service-standards-for-gp-out-of-hours/",
        last_verified=CHECKED_AGAINST_SOURCES,
        checked_against=CheckedAgainst.SERVICE_SITE,
        nations=(Nation.NORTHERN_IRELAND,),
    ),
    Helpline(
        key="us-emergency",
        region=Region.US,
        name=gettext_noop("Emergency services"),
        contacts=(call("911"),),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop(
            "Someone is in danger now, cannot be woken, has trouble breathing, chest pain or a seizure."
        ),
        category=Category.EMERGENCY,
        source_url="https://www.911.gov/",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        checked_against=CheckedAgainst.FIELD_NOTES,
        check_note="No stored copy of 911.gov was checked.",
    ),
    Helpline(
        key="us-988",
        region=Region.US,
        name="988 Suicide & Crisis Lifeline",
        contacts=(
            call("988"),
            text(gettext_noop("Text 988"), "988"),
            website("https://988lifeline.org/", gettext_noop("Chat at 988lifeline.org")),
        ),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop(
            "Suicidal thoughts, a mental health or substance use crisis, or worry about someone else. "
            "Press 1 for the Veterans Crisis Line, 2 for Spanish."
        ),
        category=Category.CRISIS,
        source_url="https://988lifeline.org/",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        checked_against=CheckedAgainst.FIELD_NOTES,
        also_for=(Category.FAMILY_SUPPORT,),
        check_note="No stored copy of 988lifeline.org was found; only pages quoting it.",
    ),
    Helpline(
        key="us-988-spanish",
        region=Region.US,
        name="988 Suicide & Crisis Lifeline",
        contacts=(call("988"), text(gettext_noop("Text AYUDA to 988"), "988")),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop(
            "Suicidal thoughts, a mental health or substance use crisis, or worry about someone else. "
            "Help in Spanish: press 2 when you call, or text AYUDA."
        ),
        category=Category.CRISIS,
        source_url="https://988lifeline.org/",
        last_verified=CHECKED_SPANISH_ROUTES,
        checked_against=CheckedAgainst.FIELD_NOTES,
        also_for=(Category.FAMILY_SUPPORT,),
        menu_option=gettext_noop("press 2 for Spanish"),
        check_note="Field notes 6.3 (press 2; text AYUDA to 988) and the table in 4 (press 2 for Spanish). "
        'The table\'s "Texting is English only" predates AYUDA and conflicts with 6.3; 988lifeline.org '
        "could not be reached from here on 2026-12-01, so neither is verified against the service.",
        languages=(SPANISH,),
        replaces="us-988",
    ),
    Helpline(
        key="us-samhsa-helpline",
        region=Region.US,
        name="SAMHSA National Helpline",
        contacts=(
            call("1-800-662-4357", "18006624357"),
            ContactMethod(
                ContactKind.TEXTPHONE, "1-800-487-4889", gettext_noop("TTY 1-800-487-4889"), "tel:18004874889"
            ),
        ),
        hours=gettext_noop("24 hours, every day, in English and Spanish"),
        what_for=gettext_noop(
            "Free, confidential information and referral to treatment, for you or a family member. "
            "It does not offer counselling."
        ),
        category=Category.DRUG_ADVICE,
        source_url="https://www.samhsa.gov/find-help/national-helpline",
        last_verified=CHECKED_AGAINST_SOURCES,
        checked_against=CheckedAgainst.SERVICE_SITE,
        also_for=(Category.FAMILY_SUPPORT,),
        check_note="Read from a stored copy of samhsa.gov fetched through a web proxy. Spanish: field notes "
        "6.3 and the table in 4, checked 2026-12-01; samhsa.gov could not be reached from here that day.",
        languages=(ENGLISH, SPANISH),
    ),
    Helpline(
        key="us-samhsa-help4u",
        region=Region.US,
        name="SAMHSA HELP4U",
        contacts=(text(gettext_noop("Text your ZIP code to 435748"), "435748"),),
        hours=gettext_noop("Any time (English only)"),
        what_for=gettext_noop("Find treatment services near you by text message."),
        category=Category.DRUG_ADVICE,
        source_url="https://www.samhsa.gov/find-help/national-helpline",
        last_verified=CHECKED_AGAINST_SOURCES,
        checked_against=CheckedAgainst.SERVICE_SITE,
        check_note="Read from a stored copy of samhsa.gov fetched through a web proxy.",
    ),
    Helpline(
        key="us-crisis-text-line",
        region=Region.US,
        name="Crisis Text Line",
        contacts=(text(gettext_noop("Text HOME to 741741"), "741741"),),
        hours=gettext_noop("24 hours, every day"),
        what_for=gettext_noop("Free text support from a trained volunteer if you are in crisis."),
        category=Category.CRISIS,
        source_url="https://www.crisistextline.org/",
        last_verified=CHECKED_AGAINST_FIELD_NOTES,
        checked_against=CheckedAgainst.FIELD_NOTES,
        check_note="No stored copy of crisistextline.org was found.",
    ),
)

HELPLINES_BY_KEY = {helpline.key: helpline for helpline in HELPLINES}
# The line that stands in for another in a language it speaks and the other does not (988 → press 2 for Spanish)
STAND_INS = {(line.replaces, language): line for line in HELPLINES if line.replaces for language in line.languages}
# Said plainly on /urgent, because people moving between nations expect 111 to work everywhere
NATION_NOTES = {Nation.NORTHERN_IRELAND: gettext_noop("There is no NHS 111 in Northern Ireland.")}
NATION_NAMES = {
    Nation.ENGLAND: gettext_noop("England"),
    Nation.SCOTLAND: gettext_noop("Scotland"),
    Nation.WALES: gettext_noop("Wales"),
    Nation.NORTHERN_IRELAND: gettext_noop("Northern Ireland"),
}


def nation_name(nation: Nation) -> str:
    return gettext(NATION_NAMES[nation])


def in_reader_language(line: Helpline) -> Helpline:
    # Keyed by the active language, so a process never hands a Spanish line to an English page (H-087)
    return translated_line(line.key, translation.get_language() or "")


@lru_cache(maxsize=256)
def translated_line(key: str, active_language: str) -> Helpline:
    line = HELPLINES_BY_KEY[key]
    return replace(
        line,
        name=gettext(line.name),
        contacts=tuple(contact_in_reader_language(contact) for contact in line.contacts),
        hours=gettext(line.hours),
        what_for=gettext(line.what_for),
        menu_option=gettext(line.menu_option) if line.menu_option else "",
    )


def lines_in_language(lines: tuple[Helpline, ...], language: str) -> tuple[Helpline, ...]:
    """A line that speaks the language stands in for the one it replaces and comes first; English-only lines
    stay after them, as help in English is better than none (H-085)."""
    replaced = {line.replaces for line in lines if line.replaces and line.speaks(language)}
    kept = [line for line in lines if line.key not in replaced and (line.speaks(language) or line.speaks(ENGLISH))]
    return tuple(sorted(kept, key=lambda line: not line.speaks(language)))


def helplines_for(region: Region) -> tuple[Helpline, ...]:
    return lines_in_reader_language(region, translation.get_language() or "")


# Every category and page asks for its region's lines, so they are chosen and sorted once a region and language
@lru_cache(maxsize=16)
def lines_in_reader_language(region: Region, active_language: str) -> tuple[Helpline, ...]:
    lines = tuple(helpline for helpline in HELPLINES if helpline.region == region)
    return tuple(translated_line(line.key, active_language) for line in lines_in_language(lines, reader_language()))


def emergency_line(region: Region) -> Helpline:
    return next(helpline for helpline in helplines_for(region) if helpline.is_emergency)


def lines_serving(category: Category, region: Region, nation: Nation | None = None) -> tuple[Helpline, ...]:
    """Lines for a category; with a nation, that nation's own lines follow the ones for the whole region."""
    lines = [line for line in helplines_for(region) if line.serves(category) and line.is_available_in(nation)]
    return tuple(sorted(lines, key=lambda line: bool(line.nations)))


def crisis_lines(region: Region, nation: Nation | None = None) -> tuple[Helpline, ...]:
    return lines_serving(Category.CRISIS, region, nation)


def same_day_routes(region: Region, nation: Nation | None = None) -> tuple[Helpline, ...]:
    return lines_serving(Category.SAME_DAY, region, nation)


def drug_advice_lines(region: Region, nation: Nation | None = None) -> tuple[Helpline, ...]:
    return lines_serving(Category.DRUG_ADVICE, region, nation)


def young_people_lines(region: Region, nation: Nation | None = None) -> tuple[Helpline, ...]:
    return lines_serving(Category.YOUNG_PEOPLE, region, nation)


def family_support_lines(region: Region, nation: Nation | None = None) -> tuple[Helpline, ...]:
    return lines_serving(Category.FAMILY_SUPPORT, region, nation)


def lines_for_nation(nation: Nation) -> tuple[Helpline, ...]:
    """Only the lines a nation has of its own, not the ones for the whole UK."""
    return tuple(in_reader_language(line) for line in HELPLINES if nation in line.nations)


def nation_lines_for(category: Category) -> tuple[tuple[Nation, tuple[Helpline, ...]], ...]:
    """Each UK nation's own lines for a need, for pages that must name the route for every nation."""
    by_nation = (
        (nation, tuple(line for line in lines_for_nation(nation) if line.serves(category))) for nation in Nation
    )
    return tuple((nation, lines) for nation, lines in by_nation if lines)


def get_helpline(key: str) -> Helpline:
    """The line, in the reader's language; on a Spanish page a Spanish-speaking stand-in for it (988 → press 2)."""
    if key not in HELPLINES_BY_KEY:
        raise KeyError(f"No helpline with key {key!r}; known keys: {', '.join(HELPLINES_BY_KEY)}")
    return in_reader_language(STAND_INS.get((key, reader_language()), HELPLINES_BY_KEY[key]))
