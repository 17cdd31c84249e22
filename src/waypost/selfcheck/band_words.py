"""The published bands' meanings (instruments/bands.py) as catalogue entries, so a results page can show a band in
the request's language. Each English entry equals its band's label word for word (tests/selfcheck/test_spanish.py);
the Spanish is a faithful translation with no diagnosis wording, logged as hazard H-088.
"""

from __future__ import annotations

from waypost.core.wording import gettext_noop

BAND_LABELS = (
    # ketamine-use-signs
    gettext_noop("You noticed few signs (0 or 1) that ketamine may be causing problems."),
    gettext_noop("You noticed some signs (2 or 3) that ketamine may be causing problems."),
    gettext_noop("You noticed several signs (4 or 5) that ketamine may be causing problems."),
    gettext_noop("You noticed many signs (6 or more) that ketamine may be causing problems."),
    # ketamine-signs-observed
    gettext_noop(
        "You have noticed few of these signs. Signs alone cannot tell you what is happening; keep "
        "talking openly and calmly with them, and come back to this check if things change."
    ),
    gettext_noop(
        "You have noticed some of these signs. It may help to talk with them calmly at a time when they "
        "have not used, and to get confidential advice for yourself from a drugs service or helpline."
    ),
    gettext_noop(
        "You have noticed many of these signs. Consider getting confidential advice from a drugs service"
        " or a GP about how to help them, and about support for yourself too."
    ),
    # phq-9
    gettext_noop("Minimal or no symptoms of depression."),
    gettext_noop("Mild symptoms of depression."),
    gettext_noop("Moderate symptoms of depression."),
    gettext_noop("Moderately severe symptoms of depression."),
    gettext_noop("Severe symptoms of depression."),
    # gad-7
    gettext_noop("Minimal symptoms of anxiety."),
    gettext_noop("Mild symptoms of anxiety."),
    gettext_noop("Moderate symptoms of anxiety."),
    gettext_noop("Severe symptoms of anxiety."),
    # bladder-signs
    gettext_noop("You reported no urinary symptoms."),
    gettext_noop("You reported 1 or 2 urinary symptoms that can come from ketamine use."),
    gettext_noop("You reported 3 or more urinary symptoms that can come from ketamine use."),
)
