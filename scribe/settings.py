"""Practice settings: settings.toml in the data folder (client details are scribe.clients').

A dictation never says the practice's NPI, yet every claim needs it. Settings are edited one key
at a time, from ``scribe settings set`` and from the review page, through the same functions here,
so both validate the same way.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator

from models import ProviderType
from scribe.errors import BadInput
from scribe.fields import FormPart, check_npi, check_phone, check_state, check_zip, digits_of, plain_error, validates
from scribe.fsutil import atomic_write_text
from scribe.paths import settings_path

class Practice(FormPart):
    name: str | None = Field(None, description="practice name as the payer knows it")
    address: str | None = Field(None, description="street address")
    city: str | None = Field(None, description="city")
    state: str | None = Field(None, description="two-letter state code")
    zip: str | None = Field(None, description="ZIP code; the 837P needs all 9 digits (ZIP+4)")
    phone: str | None = Field(None, description="phone number, 10 digits")
    tax_id: str | None = Field(None, description="federal tax id (EIN, 9 digits)")
    tax_id_type: Literal["EIN", "SSN"] = Field("EIN", description="EIN or SSN")
    billing_npi: str | None = Field(None, description="billing NPI (10 digits)")
    taxonomy: str | None = Field(None, description="provider taxonomy code, e.g. 225700000X for massage therapist")
    place_of_service: str = Field("11", description="place of service code (11 = office)")

    _z = validates(check_zip, "zip")
    _s = validates(check_state, "state")
    _p = validates(check_phone, "phone")
    _n = validates(check_npi, "billing_npi")

    @field_validator("tax_id")
    @classmethod
    def _tax_id(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"\d{9}", digits_of(v)):
            raise ValueError(f"'{v}' is not a tax id (9 digits)")
        return digits_of(v) if v is not None else None

    @field_validator("taxonomy")
    @classmethod
    def _taxonomy(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[0-9]{3}[0-9A-Z]{6}X", v.strip().upper()):
            raise ValueError(f"'{v}' is not a taxonomy code (10 characters ending in X, e.g. 225700000X)")
        return v.strip().upper() if v is not None else None

    @field_validator("place_of_service")
    @classmethod
    def _pos(cls, v: str) -> str:
        if not re.fullmatch(r"\d{2}", v.strip()):
            raise ValueError(f"'{v}' is not a place of service code (2 digits, 11 = office)")
        return v.strip()


class Provider(FormPart):
    first_name: str | None = Field(None, description="rendering provider's first name")
    last_name: str | None = Field(None, description="rendering provider's last name")
    credential: str | None = Field(None, description="credential printed after the name, e.g. LMT")
    npi: str | None = Field(None, description="rendering provider's own NPI (10 digits)")
    type: ProviderType = Field(ProviderType.LMT, description="LMT, PT, PTA or DC")

    _n = validates(check_npi, "npi")


class Referring(FormPart):
    """The referring or ordering provider (CMS-1500 item 17, 837P loop 2310A); a client's own wins."""

    first_name: str | None = Field(None, description="referring provider's first name (CMS-1500 item 17)")
    last_name: str | None = Field(None, description="referring provider's last name")
    npi: str | None = Field(None, description="referring provider's NPI (item 17b)")
    qualifier: Literal["DN", "DK"] = Field("DN", description="DN referring provider, DK ordering provider")

    _n = validates(check_npi, "npi")


class Submitter(FormPart):
    id: str | None = Field(None, description="837P submitter id your clearinghouse gave you")
    name: str | None = Field(None, description="837P submitter name (usually the practice)")
    contact_name: str | None = Field(None, description="person the clearinghouse can call")
    contact_phone: str | None = Field(None, description="that person's phone, 10 digits")

    _p = validates(check_phone, "contact_phone")


class Receiver(FormPart):
    id: str | None = Field(None, description="837P receiver id (the clearinghouse's)")
    name: str | None = Field(None, description="837P receiver name (the clearinghouse)")


class X12Options(FormPart):
    usage: Literal["P", "T"] = Field("P", description="P for production files, T for test files")


class Cms1500Options(FormPart):
    offset_x: float = Field(0.0, description="move CMS-1500 printing right by this many points (1/72 inch)")
    offset_y: float = Field(0.0, description="move CMS-1500 printing down by this many points (1/72 inch)")


class PracticeSettings(FormPart):
    practice: Practice = Field(default_factory=Practice)
    provider: Provider = Field(default_factory=Provider)
    referring: Referring = Field(default_factory=Referring)
    submitter: Submitter = Field(default_factory=Submitter)
    receiver: Receiver = Field(default_factory=Receiver)
    x12: X12Options = Field(default_factory=X12Options)
    cms1500: Cms1500Options = Field(default_factory=Cms1500Options)
    fees: dict[str, dict[str, Decimal]] = Field(
        default_factory=dict, description="charge per unit, by payer profile and CPT code"
    )

    @field_validator("fees")
    @classmethod
    def _fees(cls, v: dict[str, dict[str, Decimal]]) -> dict[str, dict[str, Decimal]]:
        for payer, table in v.items():
            for cpt, amount in table.items():
                if not re.fullmatch(r"\d{5}", cpt):
                    raise ValueError(f"fees.{payer}.{cpt}: '{cpt}' is not a 5-digit CPT code")
                if amount < 0:
                    raise ValueError(f"fees.{payer}.{cpt}: a charge cannot be negative")
        return v

    def fee(self, payer: str, cpt: str) -> Decimal | None:
        return self.fees.get(payer, {}).get(cpt)

    def charge(self, payer: str, line) -> Decimal | None:
        """The one fee rule: the charge billing set on the line (a clinic payer profile's
        ``fee_schedule``) wins; else this practice's fee for the code x units; else None."""
        if line.charge is not None:
            return Decimal(line.charge)
        fee = self.fee(payer, line.cpt)
        return None if fee is None else Decimal(fee) * line.units


# Each settings section with the title the settings page gives it; the order is the page's.
SECTION_TITLES = {"practice": "Practice", "provider": "Provider",
                  "referring": "Referring or ordering provider (CMS-1500 box 17, 837P loop 2310A)",
                  "submitter": "Electronic claims (837P) submitter", "receiver": "Clearinghouse (837P receiver)",
                  "x12": "837P file options", "cms1500": "CMS-1500 printing"}
SECTIONS = tuple(SECTION_TITLES)


# settings.toml ---------------------------------------------------------------
def load_settings() -> PracticeSettings:
    path = settings_path()
    if not path.exists():
        return PracticeSettings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"The settings file {path} is not valid TOML ({exc}).", "Fix or remove it.") from None
    try:
        return PracticeSettings.model_validate(data)
    except ValidationError as exc:
        raise BadInput(f"The settings file {path} has a bad value: {plain_error(exc)}") from None


def save_settings(settings: PracticeSettings) -> None:
    import tomli_w

    data = settings.model_dump(mode="json", exclude_none=True)
    data["fees"] = {p: {c: str(a) for c, a in t.items()} for p, t in settings.fees.items() if t}
    header = "# Scribe practice settings. Edit with 'scribe settings set KEY VALUE'.\n"
    atomic_write_text(settings_path(), header + tomli_w.dumps(data))


def setting_keys() -> list[tuple[str, str]]:
    """Every settable key with its description, for help text and the review page's form."""
    keys = []
    for section in SECTIONS:
        model = PracticeSettings.model_fields[section].default_factory
        for name, field in model.model_fields.items():
            keys.append((f"{section}.{name}", field.description or ""))
    keys.append(("fees.PAYER.CPT", "charge per unit for a CPT code under a payer profile, e.g. fees.commercial.97124"))
    return keys


def not_a_setting(key: str) -> BadInput:
    return BadInput(f"'{key}' is not a setting.", "Run 'scribe settings show' to see them all.")


def get_setting(settings: PracticeSettings, key: str) -> Any:
    parts = key.split(".")
    if parts[0] == "fees" and len(parts) == 3:
        return settings.fee(parts[1], parts[2])
    if len(parts) == 2 and parts[0] in SECTIONS:
        return getattr(getattr(settings, parts[0]), parts[1], None)
    raise not_a_setting(key)


def set_setting(key: str, value: str | None) -> PracticeSettings:
    """Validate and save one setting; ``None`` or '' clears it. Returns the new settings."""
    new = check_setting(key, value)
    save_settings(new)
    return new


def check_setting(key: str, value: str | None) -> PracticeSettings:
    """The settings as they would be with ``key`` set, validated but not saved (the form's as-you-type check)."""
    current = load_settings()
    data = current.model_dump(mode="python")
    parts = key.strip().split(".")
    value = None if value is None or str(value).strip() == "" else str(value).strip()
    if parts[0] == "fees" and len(parts) == 3:
        table = data["fees"].setdefault(parts[1], {})
        if value is None:
            table.pop(parts[2], None)
        else:
            try:
                table[parts[2]] = Decimal(value.lstrip("$"))
            except InvalidOperation:
                raise BadInput(f"'{value}' is not an amount of money, like 30 or 32.50.") from None
    elif len(parts) == 2 and parts[0] in SECTIONS and parts[1] in data[parts[0]]:
        if value is None:
            data[parts[0]].pop(parts[1])  # back to the default
        else:
            data[parts[0]][parts[1]] = value
    else:
        raise not_a_setting(key)
    try:
        new = PracticeSettings.model_validate(data)
    except ValidationError as exc:
        raise BadInput(f"{key}: {plain_error(exc)}") from None
    return new
