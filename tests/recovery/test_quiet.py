"""`waypost recovery-outreach`: a task for people on a daily rhythm who have gone quiet, once, with consent only."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.recovery.conftest import OTHER_PHONE, enrol
from waypost.accounts.models import Organisation, User
from waypost.recovery.models import OutreachTask
from waypost.recovery.rules import Rhythm

pytestmark = pytest.mark.django_db


def run() -> str:
    output = StringIO()
    call_command("recovery_outreach", stdout=output)
    return output.getvalue().strip()


def test_adds_one_quiet_task_after_three_days_and_never_a_second(
    organisation_a: Organisation, triage_worker_a: User
) -> None:
    enrolment = enrol(organisation_a, triage_worker_a)
    enrol(organisation_a, triage_worker_a, contact=OTHER_PHONE, shares=False)
    enrol(organisation_a, triage_worker_a, contact="weekly@example.com", rhythm=Rhythm.WEEKLY)
    assert run() == "0 quiet outreach task(s) added"

    with time_machine.travel(timezone.now() + datetime.timedelta(days=3, hours=1)):
        first, second = run(), run()

    task = OutreachTask.objects.get()
    assert (first, second) == ("1 quiet outreach task(s) added", "0 quiet outreach task(s) added")
    assert (task.enrolment_id, task.trigger, task.risk) == (enrolment.pk, "quiet", 5)
    assert task.reason.startswith("They chose to check in daily and have not checked in since they joined for ")


def test_the_delivery_worker_adds_the_quiet_task_without_any_cron_job(
    organisation_a: Organisation, triage_worker_a: User
) -> None:
    from waypost.notifications.worker import PERIODIC_TASKS, run_periodic_tasks

    enrolment = enrol(organisation_a, triage_worker_a)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=3, hours=1)):
        run_periodic_tasks()

    assert "waypost.recovery.services.run_recovery_timers" in PERIODIC_TASKS
    assert list(OutreachTask.objects.values_list("enrolment_id", "trigger")) == [(enrolment.pk, "quiet")]
