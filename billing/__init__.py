"""Billing: CPT lines, units, modifiers, ICD-10-CM diagnoses and documentation checks.

A pure function of ``models.Extraction`` plus data files (billing/data); it never imports
extraction or scribe. The ICD-10-CM code set loads lazily, on the first diagnosis check.
"""

from billing.claim import BillingResult, bill
from billing.errors import BillingError, DataFileError, UnknownCode, UnknownProfile
from billing.pairs import PairEdit, PairTable, PairTest, load_pairs
from billing.profiles import PayerProfile, ProfileRegistry, load_profiles

__all__ = [
    "BillingError", "BillingResult", "DataFileError", "PairEdit", "PairTable", "PairTest", "PayerProfile",
    "ProfileRegistry", "UnknownCode", "UnknownProfile", "bill", "load_pairs", "load_profiles",
]
