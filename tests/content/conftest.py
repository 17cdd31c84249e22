from tests.content.spanish_fixtures import spanish_fixture_pages

__all__ = ["spanish_fixture_pages"]
