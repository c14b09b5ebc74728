"""The one-way chain after transcription: extraction -> billing -> a stored draft session.

The CLI, the eval harness and the review page all call these functions, so a claim on the
screen is always what the rules give for the facts on the screen.
"""

from __future__ import annotations

import secrets
import threading
from datetime import date, datetime, timezone
from functools import cache, lru_cache
from pathlib import Path

from models import (
    AuditAction,
    AuditEntry,
    Claim,
    Extraction,
    ProviderType,
    Proposal,
    RuleFinding,
    Session,
    SoapNote,
    Transcript,
)


def new_session_id(day: date | None = None) -> str:
    day = day or date.today()
    return f"{day:%Y%m%d}-{secrets.token_hex(3)}"


def _stamp(folder: str | None, pattern: str) -> tuple:
    """Names and mtimes of a clinic folder's files: a changed file invalidates the cache."""
    if not folder:
        return ()
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in Path(folder).glob(pattern)))


@lru_cache(maxsize=8)
def _profiles(extra_dir: str | None, _stamp: tuple = ()):
    from billing import load_profiles

    return load_profiles([Path(extra_dir)] if extra_dir else [])


@lru_cache(maxsize=8)
def _pairs(extra_dir: str | None, _stamp: tuple = ()):
    from billing import load_pairs

    csvs = sorted(Path(extra_dir).glob("*.csv")) if extra_dir else []
    return load_pairs(csvs)


def _clinic_dir(name: str) -> str | None:
    """Clinic additions live in the data folder; eval and tests may run without one."""
    from scribe import paths

    return str({"profiles": paths.profiles_dir, "pairs": paths.pairs_dir}[name]())


@lru_cache(maxsize=4)
def _clinic_words(file: str, _stamp: tuple = ()) -> str:
    from scribe import vocab

    return vocab.words_text()


def clinic_words(use_data_dir: bool = True) -> str:
    """The clinic's taught words (scribe/vocab.py) as the pipeline takes them; re-read when the
    file changes. Empty without a data folder, so eval and tests can run on shipped words only."""
    if not use_data_dir:
        return ""
    from scribe import paths  # not scribe.vocab: most practices have taught nothing, and its import costs

    file = paths.clinic_words_path()
    try:
        st = file.stat()
    except FileNotFoundError:
        return ""
    return _clinic_words(str(file), (st.st_mtime_ns, st.st_size))


def profile_registry(use_data_dir: bool = True):
    folder = _clinic_dir("profiles") if use_data_dir else None
    return _profiles(folder, _stamp(folder, "*.json"))


def pair_table(use_data_dir: bool = True):
    folder = _clinic_dir("pairs") if use_data_dir else None
    return _pairs(folder, _stamp(folder, "*.csv"))


def get_profile(name: str, use_data_dir: bool = True):
    return profile_registry(use_data_dir).get(name)


def configured_provider_type() -> str | None:
    """The provider type the practice set explicitly in settings.toml, if any."""
    from scribe.settings import load_settings

    provider = load_settings().provider
    return provider.type.value if "type" in provider.model_fields_set else None


def provider_type_for(profile, configured: str | None = None) -> ProviderType:
    """The practice's setting wins; else the profile's typical provider (LMT unless it says)."""
    if configured:
        return ProviderType(configured)
    return ProviderType(getattr(profile, "default_provider_type", None) or ProviderType.LMT)


@cache
def _code_index() -> None:
    """The ICD-10-CM index from the data folder's cache, once per process (scribe/caches.py)."""
    from scribe.caches import install_code_index

    install_code_index()


def preload(payer: str, use_data_dir: bool = True, clinic: str = "") -> None:
    """Load what extraction and billing need (spaCy, the pipeline, the code set, the payer's
    rules), so the first note costs no loading: on a thread (WarmUp) or in the analysis process."""
    from extraction import load_pipeline

    load_pipeline(clinic)
    if use_data_dir:
        _code_index()
    get_profile(payer, use_data_dir)
    pair_table(use_data_dir)


class WarmUp(threading.Thread):
    """Loads what extraction and billing need (spaCy, the pipeline, the code set, the payer's
    rules) on a second thread, started before the speech model: the model decodes on one core
    and lets go of Python meanwhile, so the loading costs the therapist no time. ``join`` before
    using them; it raises what loading raised, as the same call on the main thread would."""

    def __init__(self, payer: str, use_data_dir: bool = True) -> None:
        super().__init__(name="scribe-warm-up", daemon=True)
        self.payer, self.use_data_dir = payer, use_data_dir
        self.clinic = clinic_words(use_data_dir)  # read here: a bad file is the caller's error at once
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            preload(self.payer, self.use_data_dir, self.clinic)
        except BaseException as exc:  # handed to the caller by join()
            self.error = exc

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        if self.error is not None:
            raise self.error


def warm_up(payer: str, use_data_dir: bool = True) -> WarmUp:
    thread = WarmUp(payer, use_data_dir)
    thread.start()
    return thread


def analyse(
    transcript: Transcript,
    *,
    payer: str,
    date_of_service: date | None,
    provider_type: str | None = None,
    use_data_dir: bool = True,
    clinic_vocab: bool = True,
) -> tuple[Extraction, SoapNote, Claim, list[RuleFinding]]:
    """Transcript to facts, SOAP draft, claim and findings, without touching the store.

    ``clinic_vocab``: read with the clinic's taught words (scribe/vocab.py) when there is a
    data folder; False measures what the shipped words alone give."""
    from extraction import draft_soap, extract

    extraction = extract(transcript, clinic_words(use_data_dir and clinic_vocab))
    soap = draft_soap(transcript, extraction)
    claim, findings = bill_extraction(
        extraction, payer=payer, date_of_service=date_of_service,
        provider_type=provider_type, use_data_dir=use_data_dir,
    )
    return extraction, soap, claim, findings


def bill_extraction(
    extraction: Extraction,
    *,
    payer: str,
    date_of_service: date | None,
    provider_type: str | None = None,
    use_data_dir: bool = True,
) -> tuple[Claim, list[RuleFinding]]:
    from billing import bill

    if use_data_dir:
        _code_index()
    profile = get_profile(payer, use_data_dir)
    if provider_type is None and use_data_dir:
        provider_type = configured_provider_type()
    result = bill(
        extraction,
        profile,
        provider_type=provider_type_for(profile, provider_type),
        date_of_service=date_of_service,
        pairs=pair_table(use_data_dir),
    )
    return result.claim, list(extraction.rule_findings) + list(result.rule_findings)


def build_session(
    transcript: Transcript,
    *,
    payer: str,
    date_of_service: date | None = None,
    client: str | None = None,
    provider_type: str | None = None,
    input_kind: str = "text",
    input_path: str | None = None,
    session_id: str | None = None,
) -> Session:
    """A new draft session, with what the tool proposed kept for the audit trail."""
    dos = date_of_service or date.today()
    extraction, soap, claim, findings = analyse(
        transcript, payer=payer, date_of_service=dos, provider_type=provider_type
    )
    now = datetime.now(timezone.utc)
    claim = claim.model_copy(update={"client_ref": client})
    return Session(
        id=session_id or new_session_id(dos),
        created_at=now,
        updated_at=now,
        date_of_service=dos,
        payer=payer,
        client=client,
        input_kind=input_kind,
        input_path=input_path,
        transcript=transcript,
        extraction=extraction,
        soap=soap,
        claim=claim,
        rule_findings=findings,
        proposal=Proposal(soap=soap, claim=claim, rule_findings=findings),
        audit=[AuditEntry(at=now, by="scribe", action=AuditAction.create, note=f"processed {input_kind} input")],
    )


def rebill(session: Session, provider_type: str | None = None) -> Session:
    """Recompute claim and findings from the (edited) extraction, through the billing package."""
    claim, findings = bill_extraction(
        session.extraction,
        payer=session.payer,
        date_of_service=session.date_of_service,
        provider_type=provider_type,
    )
    claim = claim.model_copy(update={"client_ref": session.client})
    return session.model_copy(update={"claim": claim, "rule_findings": findings})
