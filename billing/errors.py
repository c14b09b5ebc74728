"""Errors a user can meet in billing, each a plain sentence and what to do.

The CLI and the review page show ``message`` and ``hint``; they never show a traceback.
"""

from __future__ import annotations


class BillingError(Exception):
    """Base of every billing error a user can meet."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class UnknownProfile(BillingError, KeyError):
    """A payer profile name that no built-in or clinic file defines."""


class UnknownCode(BillingError, KeyError):
    """A CPT code that is not in the catalog of codes this tool bills."""


class DataFileError(BillingError, ValueError):
    """A data file (profile, pair table, catalog, diagnosis map) that cannot be read."""


def unknown_profile(name: str, known: list[str]) -> UnknownProfile:
    return UnknownProfile(
        f"There is no payer profile called '{name}'.",
        f"Use one of: {', '.join(known)}; or add a JSON file to the profiles folder.",
    )


def unknown_code(code: str, known: list[str]) -> UnknownCode:
    return UnknownCode(
        f"'{code}' is not a code this tool bills.",
        f"Use one of: {', '.join(known)}.",
    )


def not_utf8(where: str, exc: UnicodeDecodeError) -> DataFileError:
    return bad_data_file(where, f"it is not UTF-8 text (bad byte at position {exc.start})")


def bad_data_file(where: str, problem: str) -> DataFileError:
    return DataFileError(
        f"The file {where} cannot be used: {problem}",
        "Fix the file (see billing/data/profiles/README.md for the format) or remove it.",
    )
