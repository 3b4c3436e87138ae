"""One error hierarchy. Library code raises these with a message that says what went
wrong; only the CLI prints them, as one line, and adds how to fix it with its own flags
(:data:`kg.cli.common.HINTS`), so no library message names a command-line option."""


class KGError(Exception):
    """Base class: a problem the user can fix."""


# ---- input ---------------------------------------------------------------------------


class InputError(KGError):
    """Input could not be read at all (missing file, unknown format, nothing readable);
    ``problems`` are the records that could not be read, for the CLI to report first."""

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


class UnknownFormatError(InputError):
    """No reader recognises a file (its extension and its first bytes)."""


class StrictInputError(InputError):
    """Strict reading was asked for and some records could not be read; carries them."""

    def __init__(self, problems: list) -> None:
        super().__init__(f"{len(problems)} record(s) could not be read; nothing was built", problems)


# ---- saved graphs, gold data, lookups ------------------------------------------------


class GraphFileError(KGError):
    """A saved graph directory is missing or damaged."""


class GraphMissingError(GraphFileError):
    """A directory holds no graph.json."""


class BuildDirError(KGError):
    """The build directory holds the graph of other input, or cannot be added to."""


class BuildLockedError(BuildDirError):
    """Another build is writing into the same directory."""


class BuildInterrupted(KGError):
    """The user stopped a build (Ctrl-C); what was extracted is in the cache."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"interrupted after {done} of {total} papers; rerun to continue")
        self.done, self.total = done, total


class EvalDataError(KGError):
    """Gold data for ``kg eval`` is missing or malformed."""


class EntityNotFoundError(KGError):
    """No node of the graph has the name or alias the user asked for."""


class DaskError(KGError):
    """Dask is missing, or its scheduler cannot be reached."""


# ---- Neo4j -----------------------------------------------------------------------------


class Neo4jProblem(KGError):
    """Base for Neo4j problems shown to the user."""


class Neo4jConnectionError(Neo4jProblem):
    """No usable connection: bad URI, unknown database, TLS or routing mismatch."""


class Neo4jUnreachableError(Neo4jConnectionError):
    """Nothing answers at the URI, or it accepted the connection but never answered."""


class Neo4jAuthError(Neo4jConnectionError):
    """The server refused the user and password."""


class Neo4jNoPasswordError(Neo4jConnectionError):
    """No password was given anywhere kg looks for one."""


class Neo4jConfigError(Neo4jProblem):
    """kg's Neo4j settings file cannot be read."""


class Neo4jServerError(Neo4jProblem):
    """The local Neo4j server could not be started or stopped (no Java, no Maven, ...)."""


class Neo4jExportError(Neo4jProblem):
    """Writing the graph failed part-way (whole batches stay written) or was refused."""


class QueryError(KGError):
    """A query could not run: bad parameters, refused by the server, connection lost."""


class QueryNotFoundError(QueryError):
    """No named query has that name."""


class WriteRefusedError(QueryError):
    """The query writes and writing was not allowed."""
