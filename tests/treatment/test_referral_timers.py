"""Timers: no answer by the due time alerts the sending team once; a passed intake date asks for the outcome once."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.treatment.conftest import StaffClient
from waypost.accounts.models import User
from waypost.notifications.models import OutboundMessage
from waypost.notifications.worker import PERIODIC_TASKS, run_periodic_tasks
from waypost.treatment.models import Referral, ReferralEvent
from waypost.treatment.services import TimerResult, check_referral_timers

pytestmark = pytest.mark.django_db


def test_an_unanswered_referral_becomes_overdue_and_the_team_is_alerted_once(
    sent_to_b: Referral, staff_client: StaffClient, triage_worker_b: User
) -> None:
    before_due = sent_to_b.response_due_at - datetime.timedelta(minutes=1)
    assert check_referral_timers(before_due) == TimerResult(overdue=0, outcome_asked=0)

    assert check_referral_timers(sent_to_b.response_due_at) == TimerResult(overdue=1, outcome_asked=0)
    assert check_referral_timers(sent_to_b.response_due_at + datetime.timedelta(hours=1)).overdue == 0

    referral = Referral.objects.get()
    assert (referral.overdue_alerted_at, referral.business_status) == (sent_to_b.response_due_at, "Overdue")
    alert = OutboundMessage.objects.get(template="referral-overdue")
    assert (alert.recipient, alert.subject) == ("team@example.org", f"No answer yet to referral {referral.reference}")
    event = ReferralEvent.objects.last()
    assert event is not None
    assert (event.channel, event.note) == (
        "system",
        "No answer by the due time: the sending team was alerted",
    )
    provider_page = staff_client(triage_worker_b).get(f"/staff/referrals/{referral.reference}").content.decode()
    assert "Sent, waiting for the provider (Overdue)" in provider_page


def test_an_answered_referral_is_never_overdue(sent_to_b: Referral) -> None:
    Referral.objects.filter(pk=sent_to_b.pk).update(status="accepted")

    assert check_referral_timers(sent_to_b.response_due_at + datetime.timedelta(days=9)).overdue == 0


def test_a_passed_intake_date_asks_the_sender_what_happened_once(sent_to_b: Referral) -> None:
    intake = timezone.now() + datetime.timedelta(days=1)
    Referral.objects.filter(pk=sent_to_b.pk).update(status="in-progress", intake_at=intake)

    assert check_referral_timers(intake - datetime.timedelta(seconds=1)).outcome_asked == 0
    assert check_referral_timers(intake).outcome_asked == 1
    assert check_referral_timers(intake + datetime.timedelta(days=1)).outcome_asked == 0

    assert Referral.objects.get().outcome_asked_at == intake
    ask = OutboundMessage.objects.get(template="referral-outcome")
    assert ask.subject == f"What happened at the intake for referral {sent_to_b.reference}?"
    assert f"/staff/referrals/{sent_to_b.reference}" in ask.body


def test_the_command_runs_the_timers(sent_to_b: Referral, capsys: pytest.CaptureFixture[str]) -> None:
    with time_machine.travel(sent_to_b.response_due_at + datetime.timedelta(minutes=5)):
        call_command("check_referral_timers")

    assert capsys.readouterr().out == "1 overdue referral(s) alerted, 0 outcome(s) asked\n"
    assert Referral.objects.get().overdue_alerted_at is not None


def test_the_worker_runs_the_referral_timers_periodically(sent_to_b: Referral) -> None:
    assert "waypost.treatment.services.run_referral_timers" in PERIODIC_TASKS

    with time_machine.travel(sent_to_b.response_due_at):
        run_periodic_tasks()

    assert Referral.objects.get().overdue_alerted_at == sent_to_b.response_due_at
