from django.conf import settings
from django.db import migrations, models


def base_columns_from_the_default_language(apps, schema_editor):
    """The title and the competences' names were columns per language written by hand; modeltranslation
    now gives them, beside a base column holding the default language's text, as on other translated
    models. The columns per language keep their names and values."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    Certificate = apps.get_model("lms", "Certificate")
    CertificateCompetence = apps.get_model("lms", "CertificateCompetence")
    Certificate.objects.update(title=models.F(f"title_{default}"))
    CertificateCompetence.objects.update(name=models.F(f"name_{default}"))


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0010_followup_commitments_check_ins_coaching_certificate_tiers"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="title",
            field=models.CharField(default="", max_length=255, verbose_name="title"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="certificatecompetence",
            name="name",
            field=models.CharField(default="", max_length=200, verbose_name="name"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="certificate",
            name="title_ar",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="title_fr",
            field=models.CharField(max_length=255, null=True, verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="certificatecompetence",
            name="name_ar",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="certificatecompetence",
            name="name_fr",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.RunPython(base_columns_from_the_default_language, migrations.RunPython.noop),
    ]
