"""Career handbook and readiness portfolio generator.

The pipeline runs one way, each folder a stage that imports only the ones before it
(tests/architecture/test_imports.py keeps it so):

- read/: files and git history into plain data that remembers positions;
- model/: the typed records of every file format (handbook.yml too);
- link/: the whole project loaded and cross-checked; releases and what changed between them;
- assess/: readiness and the views built on it, pure functions of content, portfolios and a date;
- render/: site pages, portfolios, reports, calendars, schemas and terminal views;
- write/: atomic outputs, worker processes, caches and shards;
- scaffold/: new entries, people and handbooks;
- commands/: one module per command of `handbook` (cli.py declares them).

problems.py is the one module every stage shares: located problems and user errors.
"""

__version__ = "0.1.0"
