from django.db import migrations

# The source's five categories, plus two of ours for studies none of them fits
# (Slack's real-time messaging, Uber's geospatial dispatch). Focus texts come with the content.
CATEGORIES = [
    ("E-Commerce", "e-commerce", "amazon search, marketplace, e-commerce, product, airbnb, booking"),
    ("Streaming", "streaming", "video, streaming, netflix, music, spotify, content delivery, cdn"),
    ("Databases", "databases", "dynamodb, database, nosql, s3, storage, consistency"),
    ("Serverless", "serverless", "lambda, serverless, cold start, function"),
    ("ML/AI", "ml-ai", "recommendation, machine learning, ml-powered, ranking"),
    ("Real-time Messaging", "real-time-messaging", "messaging, websocket, slack, chat"),
    ("Geospatial", "geospatial", "geospatial, dispatch, uber, location"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("casestudies", "Category")
    for order, (name, slug, keywords) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "order": order, "keywords": keywords}
        )


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0002_category_casestudy_categoryfocus_commonquestion_and_more")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
