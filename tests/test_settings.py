"""Practice settings (settings.toml) and client details: validation, persistence, CLI."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest

from tests.test_export_support import store  # noqa: F401  (fixture)

from scribe.errors import BadInput, NotFound
from scribe.clients import ClientDetails, get_client, require_client, update_client
from scribe.fields import npi_is_valid
from scribe.settings import load_settings, set_setting, setting_keys


@pytest.mark.parametrize("npi, ok", [
    ("1234567893", True),   # the CMS example NPI
    ("1245319599", True),
    ("1234567890", False),  # wrong check digit
    ("1245319590", False),
    ("123456789", False),   # nine digits
    ("12345678AB", False),
])
def test_npi_luhn_check_digit(npi, ok):
    assert npi_is_valid(npi) is ok


def test_settings_round_trip_through_toml(scribe_home):
    set_setting("practice.name", "Harbor Massage")
    set_setting("practice.zip", "04101-1234")
    set_setting("practice.billing_npi", "1234567893")
    set_setting("provider.type", "PT")
    set_setting("fees.commercial.97124", "$32.50")
    raw = tomllib.loads((scribe_home / "settings.toml").read_text())
    assert raw["practice"]["name"] == "Harbor Massage"
    assert raw["practice"]["zip"] == "041011234"
    s = load_settings()
    assert s.provider.type.value == "PT"
    assert s.fee("commercial", "97124") == Decimal("32.50")
    assert s.fee("medicare", "97124") is None
    set_setting("practice.name", None)  # unset
    assert load_settings().practice.name is None
    assert load_settings().practice.billing_npi == "1234567893"


@pytest.mark.parametrize("key, value, words", [
    ("practice.billing_npi", "1234567890", "not a valid NPI"),
    ("provider.npi", "12345", "not a valid NPI"),
    ("practice.zip", "041", "ZIP"),
    ("practice.state", "Maine", "two-letter"),
    ("practice.tax_id", "12-34", "tax id"),
    ("practice.taxonomy", "massage", "taxonomy"),
    ("practice.place_of_service", "office", "place of service"),
    ("provider.type", "RN", "provider.type"),
    ("fees.commercial.97124", "lots", "amount of money"),
    ("fees.commercial.9712", "30", "CPT"),
    ("practice.colour", "blue", "not a setting"),
])
def test_bad_settings_are_refused_and_nothing_is_saved(scribe_home, key, value, words):
    set_setting("practice.name", "Harbor Massage")
    before = (scribe_home / "settings.toml").read_text()
    with pytest.raises(BadInput) as exc:
        set_setting(key, value)
    assert words in str(exc.value)
    assert (scribe_home / "settings.toml").read_text() == before


def test_every_key_is_described():
    keys = dict(setting_keys())
    for key in ("practice.name", "practice.tax_id", "practice.billing_npi", "provider.npi", "practice.taxonomy",
                "provider.type", "practice.place_of_service", "submitter.id", "receiver.id", "fees.PAYER.CPT"):
        assert keys[key], key


def test_client_details_are_validated_and_stored(store):
    update_client(store, "jdoe", {"first_name": "Jane", "sex": "female", "date_of_birth": "1984-07-21",
                                  "zip": "04103", "state": "me"})
    c = get_client(store, "jdoe")
    assert (c.first_name, c.sex, c.date_of_birth.isoformat(), c.state) == ("Jane", "F", "1984-07-21", "ME")
    with pytest.raises(BadInput, match="date_of_birth"):
        update_client(store, "jdoe", {"date_of_birth": "21/07/1984"})
    with pytest.raises(BadInput, match="not a client detail"):
        update_client(store, "jdoe", {"favourite_colour": "blue"})
    with pytest.raises(BadInput, match="relationship"):
        update_client(store, "jdoe", {"relationship": "cousin"})
    update_client(store, "jdoe", {"first_name": ""})  # clears
    assert get_client(store, "jdoe").first_name is None
    assert get_client(store, "nobody") is None
    with pytest.raises(NotFound):
        require_client(store, "nobody")
    with pytest.raises(BadInput):
        get_client(store, "../etc")


def test_settings_cli(cli, scribe_home):
    assert cli("settings", "set", "practice.billing_npi", "1234567890").code == 2
    r = cli("settings", "set", "practice.billing_npi", "1234567893")
    assert r.code == 0
    assert cli("settings", "set", "fees.commercial.97140", "45").code == 0
    shown = cli("settings", "show")
    assert "1234567893" in shown.out and "fees.commercial.97140 = 45" in shown.out
    assert "(not set)" in shown.out
    assert cli("settings", "show", "--json").json()["practice"]["billing_npi"] == "1234567893"
    assert cli("settings", "unset", "practice.billing_npi").code == 0
    assert cli("settings", "show", "--json").json()["practice"]["billing_npi"] is None
    assert "practice.tax_id" in cli("settings", "keys").out


def test_client_cli(cli):
    assert cli("client", "set", "jdoe", "first_name", "Jane").code == 0
    assert cli("client", "set", "jdoe", "last_name=Doe", "date_of_birth=1984-07-21", "sex=F").code == 0
    bad = cli("client", "set", "jdoe", "date_of_birth=yesterday")
    assert bad.code == 2 and "date_of_birth" in bad.err and "Traceback" not in bad.err
    data = cli("client", "show", "jdoe", "--json").json()
    assert (data["first_name"], data["last_name"], data["sex"]) == ("Jane", "Doe", "F")
    assert "jdoe" in cli("client", "list").out
    assert cli("client", "unset", "jdoe", "sex").code == 0
    assert cli("client", "show", "jdoe", "--json").json()["sex"] is None
    assert cli("client", "show", "ghost").code == 2
    assert ClientDetails.model_fields["member_id"].description in cli("client", "keys").out
