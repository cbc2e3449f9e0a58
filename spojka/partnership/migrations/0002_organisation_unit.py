import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Organisations get a unit; filled in by 0003, made required by 0004."""

    dependencies = [
        ('cooperation', '0001_initial'),
        ('partnership', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='organisation',
            name='unit',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='organisations', to='cooperation.territorialunit'),
        ),
    ]
