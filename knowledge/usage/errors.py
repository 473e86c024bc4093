"""Errors of the usage reports.

    KnowledgeError                  (knowledge.errors)
    └── UsageError                  base: catch this for any usage failure
        ├── UsageConfigError        the usage YAML file is malformed (file and field named)
        ├── UnknownProject          no such project in the usage config; lists the known ones
        └── UsageUnavailable        the site's accounting did not answer usably (reason only)

Messages are written for whoever asked; `detail` holds what only operators should see.
"""

from __future__ import annotations

from knowledge.errors import KnowledgeError


class UsageError(KnowledgeError):
    detail: str | None = None


class UsageConfigError(UsageError):
    pass


class UnknownProject(UsageError):
    def __init__(self, name: str, known: list[str]) -> None:
        self.name, self.known = name, known
        listed = ", ".join(sorted(known)) if known else "none yet"
        super().__init__(
            f"I know no project called {name}. Projects configured here: {listed} "
            "(an admin adds them to HPCBOT_USAGE_CONFIG)."
        )


class UsageUnavailable(UsageError):
    def __init__(self, project: str, reason: str, detail: str | None = None) -> None:
        self.project, self.reason, self.detail = project, reason, detail
        super().__init__(
            f"Usage of {project} is unavailable ({reason}); try again in a few minutes."
        )
