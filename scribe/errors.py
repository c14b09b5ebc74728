"""Errors a user can meet, each a plain sentence and what to do. The CLI and the page show these."""

from __future__ import annotations


class ScribeError(Exception):
    """Base for errors shown to the user. ``exit_code`` 2 = bad input or usage, 1 = refusal."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class BadInput(ScribeError):
    """The input file or text cannot be used."""


class UnsupportedFormat(BadInput):
    pass


class AudioError(BadInput):
    """Audio that is empty, silent, corrupt or too long."""


class ModelError(ScribeError):
    """A speech model that is missing or incomplete."""


class NotFound(ScribeError):
    """A session or file that does not exist."""


class Refused(ScribeError):
    """An action the rules refuse (e.g. confirming with blocking findings)."""

    exit_code = 1


class ConflictError(ScribeError):
    """Someone else saved the session since it was loaded: reload, nothing was overwritten."""

    exit_code = 1


class CannotWrite(ScribeError):
    """A file that cannot be written: a bad path, a full disk, a folder that is not ours."""


class PassphraseError(ScribeError):
    """Encrypted data with no passphrase or the wrong one, or encryption asked for but not installed."""


class SettingsMissing(Refused):
    """Export needs practice or client settings that are not filled in."""


_USER_ERROR_MODULES = ("billing.", "extraction.")


def as_user_error(exc: BaseException) -> ScribeError | None:
    """The plain-sentence form of an error a user can meet, from any package; None for bugs.

    billing and extraction cannot import scribe, so their user errors carry ``message`` and
    ``hint`` of their own; this maps them without importing those packages.
    """
    if isinstance(exc, ScribeError):
        return exc
    module = type(exc).__module__ or ""
    if module.startswith(_USER_ERROR_MODULES) and hasattr(exc, "message"):
        return BadInput(str(exc.message), str(getattr(exc, "hint", "") or ""))
    return None


def bug_report(exc: BaseException) -> str:
    """Where a bug happened without what it was about: frames and exception types, no messages.

    An exception's text can quote the note (pydantic quotes its input), so the CLI shows this by
    default instead of the full traceback; SCRIBE_DEBUG=1 shows everything.
    """
    import traceback

    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not c for c in chain):
        chain.append(current)
        current = current.__cause__ or current.__context__
    lines = []
    for e in reversed(chain):
        for frame in traceback.extract_tb(e.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        lines.append(f"{type(e).__module__}.{type(e).__qualname__}")
    return "\n".join(lines)
