"""The iCal feed's secret token was recorded in the change history, which partners can read:
remove it from the entries written before it was excluded (meetings/models.py)."""

from django.db import migrations


def scrub(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    feed_type = ContentType.objects.filter(app_label="meetings", model="calendarfeed").first()
    if feed_type is None:
        return
    for entry in LogEntry.objects.filter(content_type=feed_type).only("pk", "changes"):
        if isinstance(entry.changes, dict) and "token" in entry.changes:
            changes = {k: v for k, v in entry.changes.items() if k != "token"}
            LogEntry.objects.filter(pk=entry.pk).update(changes=changes, changes_text="")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_reopen_reason_and_neutral_attendance"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
