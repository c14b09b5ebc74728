"""Checked values a form shares: NPI, ZIP, state, phone, and the plain sentence for a bad one.

Practice settings (scribe.settings) and client details (scribe.clients) validate the same kinds
of value the same way; the checks live here so neither module imports the other.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

US_STATE = re.compile(r"^[A-Z]{2}$")


def npi_is_valid(npi: str) -> bool:
    """NPI check digit: Luhn over '80840' + the first nine digits (CMS NPI standard)."""
    if not re.fullmatch(r"\d{10}", npi or ""):
        return False
    digits = [int(c) for c in "80840" + npi[:9]]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:  # rightmost digit of the payload is doubled
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return (10 - total % 10) % 10 == int(npi[9])


def digits_of(value: str) -> str:
    return re.sub(r"[\s()-]", "", value or "")


def check_npi(value: str | None) -> str | None:
    if value is None:
        return None
    v = digits_of(value)
    if not npi_is_valid(v):
        raise ValueError(f"'{value}' is not a valid NPI (10 digits with a correct check digit)")
    return v


def check_zip(value: str | None) -> str | None:
    if value is None:
        return None
    v = digits_of(value)
    if not re.fullmatch(r"\d{5}(\d{4})?", v):
        raise ValueError(f"'{value}' is not a ZIP code (5 digits, or 9 for ZIP+4)")
    return v


def check_state(value: str | None) -> str | None:
    if value is None:
        return None
    v = value.strip().upper()
    if not US_STATE.match(v):
        raise ValueError(f"'{value}' is not a two-letter state code such as NY")
    return v


def check_phone(value: str | None) -> str | None:
    if value is None:
        return None
    v = digits_of(value)
    if not re.fullmatch(r"\d{10}", v):
        raise ValueError(f"'{value}' is not a 10-digit phone number")
    return v


def validates(check, *fields: str):
    """One shared check (NPI, ZIP, state, phone) as a pydantic validator on the given fields."""
    return field_validator(*fields)(classmethod(lambda cls, v: check(v)))


class FormPart(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)



def plain_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    return msg[0].upper() + msg[1:] + ("" if msg.endswith(".") else ".")
