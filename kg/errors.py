"""One error hierarchy. Library code raises these; only the CLI prints them, as one line."""


class KGError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""


class InputError(KGError):
    """Input could not be read at all (missing file, unknown format, nothing readable);
    ``problems`` are the records that could not be read, for the CLI to report first."""

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


class StrictInputError(InputError):
    """``--strict`` and some records could not be read; carries them for reporting."""

    def __init__(self, problems: list) -> None:
        super().__init__(f"--strict: {len(problems)} record(s) could not be read; nothing was built")
        self.problems = problems


class GraphFileError(KGError):
    """A saved graph directory is missing or damaged."""


class EvalDataError(KGError):
    """Gold data for ``kg eval`` is missing or malformed."""


class EntityNotFoundError(KGError):
    """No node of the graph has the name or alias the user asked for."""
