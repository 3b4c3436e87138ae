"""The connection to Neo4j that the exporter and ``kg query`` share: settings, a driver
that has proven it can log in, and the driver's errors turned into one-line kg errors."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from kg.errors import (
    KGError,
    Neo4jAuthError,
    Neo4jConnectionError,
    Neo4jNoPasswordError,
    Neo4jUnreachableError,
)
from kg.neo4j.config import Neo4jSettings

CONNECT_TIMEOUT = 10.0  # seconds to connect *and* get Bolt's answer (the driver waits 60 s for that)
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def connect(settings: Neo4jSettings) -> Driver:
    """A driver that has proven it can reach the server and log in."""
    if settings.uri.partition("://")[0].lower() not in BOLT_SCHEMES:  # the driver's http:// is a preview needing aiohttp
        raise Neo4jConnectionError(
            f"bad Neo4j URI {settings.uri!r}: kg speaks Bolt; use {', '.join(s + '://' for s in BOLT_SCHEMES)}")
    try:
        driver = GraphDatabase.driver(
            settings.uri, auth=(settings.user, settings.password), connection_timeout=CONNECT_TIMEOUT,
            connection_acquisition_timeout=CONNECT_TIMEOUT, max_transaction_retry_time=5,
        )
    except (ValueError, DriverError) as exc:
        raise Neo4jConnectionError(f"bad Neo4j URI {settings.uri!r}: {exc}") from None
    started = time.monotonic()
    try:
        driver.verify_connectivity()
        with driver.session(database=settings.database) as session:
            session.run("RETURN 1").consume()
    except AuthError:
        driver.close()
        if not settings.password:
            raise Neo4jNoPasswordError(f"Neo4j at {settings.uri} needs a password, and none was given") from None
        raise Neo4jAuthError(f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong user or password") from None
    except (ServiceUnavailable, SessionExpired, OSError) as exc:
        driver.close()
        if time.monotonic() - started >= CONNECT_TIMEOUT:  # it accepted the connection but never answered
            raise Neo4jUnreachableError(
                f"Neo4j at {settings.uri} did not answer within {CONNECT_TIMEOUT:g}s; "
                "is that the address of a Neo4j server (Bolt port), and is it overloaded?"
            ) from None
        raise Neo4jUnreachableError(
            f"cannot reach Neo4j at {settings.uri} ({first_line(exc)}); is the server running?"
        ) from None
    except ClientError as exc:
        driver.close()
        if "DatabaseNotFound" in (exc.code or ""):
            raise Neo4jConnectionError(f"Neo4j at {settings.uri} has no database {settings.database!r}") from None
        raise Neo4jConnectionError(f"Neo4j at {settings.uri}: {first_line(exc)}") from None
    except ValueError as exc:  # e.g. a port that is not a number, found only when connecting
        driver.close()
        raise Neo4jConnectionError(f"bad Neo4j URI {settings.uri!r}: {first_line(exc)}") from None
    except (DriverError, Neo4jError) as exc:  # e.g. a TLS or routing setting the server does not match
        driver.close()
        raise Neo4jConnectionError(f"Neo4j at {settings.uri}: {first_line(exc)}") from None
    return driver


def first_line(exc: BaseException) -> str:
    """The driver's message on one line; its first line may end in ":" before the reason."""
    lines = (str(exc).strip() or type(exc).__name__).splitlines()
    line = lines[0] + (" " + lines[1].strip() if lines[0].endswith(":") and len(lines) > 1 else "")
    return line[:300]


@contextmanager
def driver_errors(
    error: type[KGError], *, lost: str, refused: str, failed: str, unsendable: str | None = None
) -> Iterator[None]:
    """Turn what the driver raises into one ``error`` line. Each message may hold
    ``{reason}``, replaced by the driver's reason: ``lost`` for a lost connection,
    ``refused`` for the server's refusal, ``failed`` for other driver errors and
    ``unsendable`` for a value the driver cannot send (re-raised when None)."""

    def fail(message: str, exc: BaseException) -> KGError:
        return error(message.replace("{reason}", first_line(exc)))

    try:
        yield
    except (ServiceUnavailable, SessionExpired, OSError) as exc:
        raise fail(lost, exc) from None
    except Neo4jError as exc:
        raise fail(refused, exc) from None
    except DriverError as exc:
        raise fail(failed, exc) from None
    except (OverflowError, TypeError, ValueError) as exc:
        if unsendable is None:
            raise
        raise fail(unsendable, exc) from None
