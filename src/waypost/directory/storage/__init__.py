"""The directory's storage code that works below the ORM: rows as plain tuples, COPY and executemany for imports,
and the page loader's two plain queries. Everything that bypasses model instances lives here and nowhere else
(docs/adr/0030-directory-packages-and-parallel-tests.md); the rest of the app goes through models.py and services.py."""
