"""Every data file billing ships loads through its strict pydantic model (house style rule 2)."""

from __future__ import annotations

from importlib.resources import files

import pytest

from billing import catalog, load_pairs, load_profiles
from billing.catalog import Catalog
from billing.diagnoses import DiagnosisMap
from billing.errors import UnknownCode
from billing.messages import MessageTable, messages
from billing.pairs import PairFile
from billing.profiles import PayerProfile
from models import RuleId

MODELS = {"codes.json": Catalog, "pairs.json": PairFile, "messages.json": MessageTable,
          "diagnosis_map.json": DiagnosisMap}


def _data_files():
    root = files("billing").joinpath("data")
    top = [(c.name, MODELS.get(c.name)) for c in root.iterdir() if c.name.endswith((".json", ".csv"))]
    profiles = [(f"profiles/{c.name}", PayerProfile) for c in root.joinpath("profiles").iterdir()
                if c.name.endswith(".json")]
    return sorted(top + profiles, key=lambda pair: pair[0])


@pytest.mark.parametrize("name, model", _data_files())
def test_every_shipped_data_file_loads_strictly(name, model):
    assert model is not None, f"billing/data/{name} has no loader: add it to MODELS and to the code"
    text = files("billing").joinpath("data", *name.split("/")).read_text(encoding="utf-8")
    model.model_validate_json(text)


def test_unknown_keys_are_refused():
    with pytest.raises(ValueError, match="extra"):
        PairFile.model_validate_json('{"default_test": "distinct_regions", "pairs": [], "note": 1}')


def test_catalog():
    assert set(catalog.codes()) == {"97124", "97140", "97110", "97112", "97530", "97010", "97116", "97035"}
    assert not catalog.get_code("97010").timed and catalog.get_code("97124").timed
    assert {n.code for n in catalog.catalog().never_billable} == {"20552", "20553", "20560", "20561"}
    assert not set(catalog.codes()) & {"20552", "20553", "20560", "20561"}
    with pytest.raises(UnknownCode) as err:
        catalog.get_code("20552")
    assert "20552" in err.value.message


def test_every_rule_id_billing_raises_has_a_message():
    raised_by_billing = set(RuleId) - {RuleId.DURATION_RANGE, RuleId.LOW_CONFIDENCE}
    assert {RuleId(k.split(".")[0]) for k in messages()} == raised_by_billing


def test_loaders_accept_the_shipped_files():
    assert load_profiles().names() == ["commercial", "commercial-cms", "medicare"]
    assert {p.rule_id for p in load_pairs().all()} == {
        "PAIR_97140_97530_SEPARATE_TIME_BLOCKS", "PAIR_97140_97124_DISTINCT_REGIONS"}
