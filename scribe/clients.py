"""Client details (in the store): what a claim needs about the client and their insurance.

A dictation never says the client's member id or date of birth, yet every claim needs them. They
are edited from ``scribe client set`` and from the review page through the same functions here,
and always come back as a ``ClientDetails`` model, never as a bare dict.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator

from scribe.errors import BadInput, NotFound
from scribe.fields import FormPart, check_npi, check_phone, check_state, check_zip, plain_error, validates

_CLIENT_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")

Relationship = Literal["self", "spouse", "child", "other"]


class ClientDetails(FormPart):
    """What a claim needs about the client and their insurance (CMS-1500 items 1a-11)."""

    first_name: str | None = Field(None, description="client's first name")
    last_name: str | None = Field(None, description="client's last name")
    date_of_birth: date | None = Field(None, description="date of birth, YYYY-MM-DD")
    sex: Literal["M", "F", "U"] | None = Field(None, description="M, F or U (unknown)")
    address: str | None = Field(None, description="street address")
    city: str | None = Field(None, description="city")
    state: str | None = Field(None, description="two-letter state code")
    zip: str | None = Field(None, description="ZIP code")
    phone: str | None = Field(None, description="phone number, 10 digits")
    member_id: str | None = Field(None, description="insurance member id (CMS-1500 item 1a)")
    group_number: str | None = Field(None, description="insurance group number (item 11)")
    payer_name: str | None = Field(None, description="insurance company name")
    payer_id: str | None = Field(None, description="payer id for electronic claims")
    insurance_type: Literal["group", "medicare", "medicaid", "tricare", "champva", "feca", "other"] = Field(
        "group", description="group (most commercial plans), medicare, medicaid, tricare, champva, feca or other"
    )
    relationship: Relationship = Field("self", description="client's relationship to the subscriber: self, spouse, child, other")
    subscriber_first_name: str | None = Field(None, description="subscriber's first name (when not self)")
    subscriber_last_name: str | None = Field(None, description="subscriber's last name (when not self)")
    subscriber_date_of_birth: date | None = Field(None, description="subscriber's date of birth (when not self)")
    subscriber_sex: Literal["M", "F", "U"] | None = Field(None, description="subscriber's sex (when not self)")
    referring_first_name: str | None = Field(None, description="this client's referring provider, first name (item 17)")
    referring_last_name: str | None = Field(None, description="this client's referring provider, last name")
    referring_npi: str | None = Field(None, description="this client's referring provider's NPI (item 17b)")

    _z = validates(check_zip, "zip")
    _s = validates(check_state, "state")
    _p = validates(check_phone, "phone")
    _n = validates(check_npi, "referring_npi")

    @field_validator("sex", "subscriber_sex", mode="before")
    @classmethod
    def _sex(cls, v: Any) -> Any:
        return v.strip().upper()[:1] if isinstance(v, str) and v.strip() else v

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


def client_keys() -> list[tuple[str, str]]:
    return [(name, f.description or "") for name, f in ClientDetails.model_fields.items()]


def check_client_id(client_id: str) -> str:
    if not _CLIENT_ID.match(client_id or ""):
        raise BadInput(f"'{client_id}' is not a client id; use letters, digits, '-', '_' or '.'.")
    return client_id


def get_client(store, client_id: str) -> ClientDetails | None:
    """The client's details, or None when nothing was ever entered for that id."""
    data = store.get_client(check_client_id(client_id))
    return None if data is None else _validated(client_id, data)


def _validated(client_id: str, data: dict[str, Any]) -> ClientDetails:
    try:
        return ClientDetails.model_validate(data)
    except ValidationError as exc:
        raise BadInput(f"The stored details of client '{client_id}' have a bad value: {plain_error(exc)}") from None


def require_client(store, client_id: str) -> ClientDetails:
    found = get_client(store, client_id)
    if found is None:
        raise NotFound(f"There is no client '{client_id}'.", f"Add details with 'scribe client set {client_id} KEY VALUE'.")
    return found


def update_client(store, client_id: str, values: dict[str, Any]) -> ClientDetails:
    """Validate and store several client fields at once; '' or None clears a field."""
    new = check_client(store, client_id, values)
    store.put_client(client_id, new.model_dump(mode="json", exclude_none=True))
    return new


def check_client(store, client_id: str, values: dict[str, Any]) -> ClientDetails:
    """The client's details as they would be with ``values``, validated but not stored."""
    current = get_client(store, client_id) or ClientDetails()
    data = current.model_dump(mode="python")
    for key, value in values.items():
        if key not in ClientDetails.model_fields:
            raise BadInput(f"'{key}' is not a client detail.", "Run 'scribe client keys' to see them all.")
        value = None if value is None or str(value).strip() == "" else value
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value.strip() if isinstance(value, str) else value
    try:
        new = ClientDetails.model_validate(data)
    except ValidationError as exc:
        raise BadInput(f"{exc.errors()[0]['loc'][0]}: {plain_error(exc)}") from None
    return new




def list_clients(store) -> dict[str, ClientDetails]:
    """Every client with details, by id."""
    return {cid: _validated(cid, data) for cid, data in store.list_clients().items()}
