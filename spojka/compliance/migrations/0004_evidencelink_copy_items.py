"""Step 2 of 3: copy each generic link into its foreign key.

A link whose item no longer exists (the generic relation could not prevent that) is deleted: it
corrected the matching of nothing. The count is printed so that a migration log shows it.
"""

from django.db import migrations

# ContentType.model of each item → the foreign key that replaces it.
FIELDS = {"meeting": "meeting", "document": "document", "trainingevent": "training"}
MODELS = {"meeting": ("meetings", "Meeting"), "document": ("documents", "Document"),
          "trainingevent": ("training", "TrainingEvent")}


def copy_items(apps, schema_editor):
    EvidenceLink = apps.get_model("compliance", "EvidenceLink")
    orphans = []
    for link in EvidenceLink.objects.select_related("content_type").order_by("pk"):
        model_name = link.content_type.model
        field = FIELDS.get(model_name)
        exists = field and apps.get_model(*MODELS[model_name]).objects.filter(
            pk=link.object_id, unit_id=link.unit_id
        ).exists()
        if not exists:
            orphans.append(link.pk)
            continue
        setattr(link, f"{field}_id", link.object_id)
        link.save(update_fields=[f"{field}_id"])
    if orphans:
        EvidenceLink.objects.filter(pk__in=orphans).delete()
        print(f"  compliance: {len(orphans)} odkaz(ů) na smazané doklady odstraněno")


def copy_back(apps, schema_editor):
    EvidenceLink = apps.get_model("compliance", "EvidenceLink")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model_name, field in FIELDS.items():
        app_label, _name = MODELS[model_name]
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        for link in EvidenceLink.objects.filter(**{f"{field}__isnull": False}):
            link.content_type_id = content_type.pk
            link.object_id = getattr(link, f"{field}_id")
            link.save(update_fields=["content_type", "object_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0003_evidencelink_items"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_items, copy_back)]
