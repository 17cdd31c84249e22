import re
from django.test import Client, override_settings
@override_settings(WAYPOST_REGION="uk", WAYPOST_REGIONS=["uk", "us"], WAYPOST_LANGUAGES=["en", "es"])
def test_dump() -> None:
    html = Client().get("/uk/es/urgent").content.decode()
    body = re.sub(r"<head>.*?</head>", "", html, flags=re.S)
    print(re.sub(r"\n\s*\n+", "\n", re.sub(r"<[^>]+>", "", body)))
