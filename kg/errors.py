"""One error hierarchy. Library code raises these; only the CLI prints them, as one line."""


class KGError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""


class InputError(KGError):
    """Input could not be read at all (missing file, unknown format, nothing readable)."""


class GraphFileError(KGError):
    """A saved graph directory is missing or damaged."""


class EvalDataError(KGError):
    """Gold data for ``kg eval`` is missing or malformed."""
