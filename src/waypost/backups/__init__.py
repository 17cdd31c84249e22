"""`waypost backup` and `waypost restore`: the database and a manifest in one folder, the keys only when asked.

A backup without its encryption keys cannot be read, and a backup with them is as sensitive as the live data, so
the keys are never mixed in silently (docs/adr/0037-backups-with-keys-kept-apart.md, docs/backups.md).
"""
