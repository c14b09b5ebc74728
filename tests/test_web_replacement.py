"""The review page asks for the payer's claim number when an export must be a replacement or a void (issue 16).

The page's field goes through export_sessions, the function behind the CLI's --original-reference,
so the page and the terminal accept and refuse the same things.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scribe.actions import confirm, edit
from tests.test_claim_integrity import SID, confirmed, export  # noqa: F401 (fixtures)
from tests.test_export_support import store  # noqa: F401 (fixture)
from tests.test_web_security import anon, client, guard  # noqa: F401 (fixtures)
from tests.test_x12_837p import segments


def post_export(client, guard, store, **form):
    data = {"revision": str(store.get(SID).revision), **form}
    return client.post(f"/s/{SID}/export", data=data, headers={"x-csrf-token": guard.csrf, "hx-request": "true"})


def edited(store):
    """Change the minutes of a confirmed claim that was sent, and confirm again: a new version."""
    tr = store.get(SID).extraction.treatments[0]
    changed = edit(store.get(SID), f"treatment.{tr.id}.minutes", 40)
    changed = edit(changed, "diagnoses", ["M54.50", "M62.830", "M54.2"])
    store.save(edit(changed, "soap.objective", changed.soap.objective.replace("back 30 min", "back 40 min")))
    store.save(confirm(store.get(SID), store=store))


def clm_frequency(text: str) -> str:
    return next(s for s in segments(text) if s.startswith("CLM*")).split("*")[5].split(":")[-1]


def test_no_claim_number_field_before_a_claim_was_sent(client, confirmed):
    page = client.get(f"/s/{SID}").text
    assert 'id="original-reference"' not in page and 'id="void-reference"' not in page


def test_a_replacement_takes_the_payer_claim_number_from_the_page(client, guard, confirmed):
    store, _ = confirmed
    export(store, "837p")
    page = client.get(f"/s/{SID}").text
    assert 'id="original-reference"' not in page  # the same version goes out again as it went
    assert 'id="void-reference"' in page
    edited(store)
    page = client.get(f"/s/{SID}").text
    assert "replacement" in page and 'id="original-reference"' in page
    # the claim buttons send the field (with the page's revision), the PDF's does not
    button = re.search(r'<button[^>]*id="export-837p"[^>]*>', page).group(0)
    assert 'hx-include="#rev, #original-reference"' in button
    assert "#original-reference" not in re.search(r'<button[^>]*id="export-soap-pdf"[^>]*>', page).group(0)

    # without the number: refused, as the CLI refuses it; an empty field: the CLI's check says so
    assert post_export(client, guard, store, format="837p").status_code == 422
    empty = post_export(client, guard, store, format="837p", original_reference="  ")
    assert empty.status_code == 400 and "claim number of the original" in empty.text
    assert len(store.get(SID).exports) == 1

    ok = post_export(client, guard, store, format="837p", original_reference="ICN2026A")
    assert ok.status_code == 200, ok.text
    saved = store.get(SID)
    record = saved.exports[-1]
    assert (record.frequency, record.original_reference) == ("7", "ICN2026A")
    text = Path(record.path).read_text()
    assert clm_frequency(text) == "7" and "REF*F8*ICN2026A" in segments(text)
    assert json.loads(ok.headers["hx-trigger"])["scribe:download"]["url"] == f"/s/{SID}/exports/1"
    assert "replacement</strong> of payer claim ICN2026A" in client.get(f"/s/{SID}").text


def test_void_from_the_page(client, guard, confirmed):
    store, _ = confirmed
    export(store, "837p")
    form = re.search(r'<details class="void".*?</details>', client.get(f"/s/{SID}").text, re.S).group(0)
    assert "&#34;void&#34;: &#34;1&#34;" in form or '"void": "1"' in form
    assert post_export(client, guard, store, format="837p", void="1").status_code == 422  # needs the number
    ok = post_export(client, guard, store, format="837p", void="1", original_reference="ICN1")
    assert ok.status_code == 200, ok.text
    record = store.get(SID).exports[-1]
    assert record.frequency == "8" and clm_frequency(Path(record.path).read_text()) == "8"
    page = client.get(f"/s/{SID}").text
    assert 'id="voided-note"' in page and 'id="void-reference"' not in page
    assert post_export(client, guard, store, format="837p").status_code == 422  # never sent again
