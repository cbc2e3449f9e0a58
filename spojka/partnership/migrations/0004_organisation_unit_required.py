import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ('cooperation', '0001_initial'),
        ('partnership', '0003_copy_shared_organisations_into_each_unit'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='organisation',
            options={'ordering': ['name', 'pk'], 'verbose_name': 'organizace', 'verbose_name_plural': 'organizace'},
        ),
        migrations.RemoveField(
            model_name='organisation',
            name='registered_by',
        ),
        migrations.AlterField(
            model_name='organisation',
            name='unit',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='organisations', to='cooperation.territorialunit'),
        ),
    ]
