"""Encrypt the contact details people left with corrections: add an encrypted column, copy, drop the plain one."""

from typing import Any

from django.db import migrations

import waypost.core.encryption


def encrypt_contacts(apps: Any, schema_editor: Any) -> None:
    Correction = apps.get_model("directory", "Correction")
    for correction in Correction.objects.exclude(reporter_contact="").only("pk", "reporter_contact").iterator():
        correction.reporter_contact_encrypted = correction.reporter_contact
        correction.save(update_fields=["reporter_contact_encrypted"])


def decrypt_contacts(apps: Any, schema_editor: Any) -> None:
    Correction = apps.get_model("directory", "Correction")
    corrections = Correction.objects.filter(reporter_contact_encrypted__isnull=False)
    for correction in corrections.only("pk", "reporter_contact_encrypted").iterator():
        correction.reporter_contact = correction.reporter_contact_encrypted[:254]
        correction.save(update_fields=["reporter_contact"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_hsds_ids_derived_not_stored"),
    ]

    operations = [
        migrations.AddField(
            model_name="correction",
            name="reporter_contact_encrypted",
            field=waypost.core.encryption.EncryptedTextField(blank=True, null=True),
        ),
        migrations.RunPython(encrypt_contacts, decrypt_contacts),
        migrations.RemoveField(model_name="correction", name="reporter_contact"),
        migrations.RenameField(
            model_name="correction", old_name="reporter_contact_encrypted", new_name="reporter_contact"
        ),
    ]
