"""Reminders: chosen on their page with neutral wording, sent once a period outside quiet hours, stopped by a link."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from waypost.notifications.models import OutboundMessage
from waypost.recovery.models import Enrolment

pytestmark = pytest.mark.django_db

EVENING = {"remind_at": "18:00", "wording": "Hello you", "quiet_from": "", "quiet_until": ""}


def local(hour: int, minute: int = 0, *, days: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def run_at(moment: datetime.datetime) -> str:
    output = StringIO()
    with time_machine.travel(moment, tick=False):
        call_command("send_recovery_reminders", stdout=output)
    return output.getvalue().strip()


def reminders() -> list[OutboundMessage]:
    return list(OutboundMessage.objects.filter(template="recovery-reminder").order_by("pk"))


def test_saves_reminders_with_the_persons_own_wording(person: Client, enrolment: Enrolment) -> None:
    response = person.post("/recovery/reminders", {**EVENING, "quiet_from": "22:00", "quiet_until": "07:00"})
    saved = Enrolment.objects.get(pk=enrolment.pk)

    assert response["Location"] == "/recovery/your-data"
    assert (saved.remind_at, saved.quiet_from, saved.quiet_until) == (
        datetime.time(18),
        datetime.time(22),
        datetime.time(7),
    )
    assert saved.reminder_wording == "Hello you"
    assert "At 18:00: “Hello you”, quiet from 22:00 to 07:00" in person.get("/recovery/your-data").content.decode()


def test_refuses_wording_that_says_what_it_is_about(person: Client, enrolment: Enrolment) -> None:
    response = person.post("/recovery/reminders", {**EVENING, "wording": "No ketamine today"})
    assert response.status_code == 200
    assert "leave out words that say what they are about" in response.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).remind_at is None


def test_sends_once_a_day_at_the_chosen_time_and_not_after_a_check_in(person: Client, enrolment: Enrolment) -> None:
    person.post("/recovery/reminders", EVENING)
    outputs = [run_at(local(17, 59)), run_at(local(18, 5)), run_at(local(21))]
    Enrolment.objects.filter(pk=enrolment.pk).update(last_check_in_at=local(9, days=1))
    next_day = run_at(local(18, 5, days=1))

    assert outputs == ["0 reminder(s) queued", "1 reminder(s) queued", "0 reminder(s) queued"]
    assert next_day == "0 reminder(s) queued"
    (message,) = reminders()
    assert message.recipient == "+447400123456"
    assert message.body.startswith("Hello you http")
    assert "/recovery/reminders/stop/" in message.body


def test_quiet_hours_hold_a_reminder_back_until_they_end(person: Client) -> None:
    person.post("/recovery/reminders", {**EVENING, "quiet_from": "17:00", "quiet_until": "19:00"})
    assert [run_at(local(18, 30)), run_at(local(19, 1))] == ["0 reminder(s) queued", "1 reminder(s) queued"]


def test_the_link_in_a_reminder_stops_them_without_signing_in(person: Client, enrolment: Enrolment) -> None:
    person.post("/recovery/reminders", EVENING)
    run_at(local(18, 5))
    found = re.search(r"/recovery/reminders/stop/(\S+)", reminders()[0].body)
    assert found is not None
    link = found.group(0)
    stranger = Client()

    preview = stranger.get(link)
    assert Enrolment.objects.get(pk=enrolment.pk).remind_at is not None
    stopped = stranger.post(link)
    again = stranger.post(link)

    assert preview.status_code == 200
    assert "Reminders stopped" in stopped.content.decode()
    assert "This link no longer works" in again.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).remind_at is None
    assert run_at(local(18, 5, days=1)) == "0 reminder(s) queued"
