"""Check an X12 document with pyx12, a real X12 validator (maps for 005010X222A1 included)."""

from __future__ import annotations

import io
import json
import logging


def problems(text: str) -> list[str]:
    """Every error pyx12 reports for the document, as readable strings; [] when it is valid."""
    import pyx12.error_handler  # noqa: F401
    import pyx12.params
    import pyx12.x12n_document

    logger = logging.getLogger("pyx12")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)  # pyx12 logs every error too; we return them instead
    try:
        fd_json = io.StringIO()
        ok = pyx12.x12n_document.x12n_document(
            param=pyx12.params.params(), src_file=io.StringIO(text), fd_997=None, fd_html=None,
            fd_json=fd_json,
        )
    finally:
        logger.setLevel(previous)
    errors = list(_walk(json.loads(fd_json.getvalue() or "{}")))
    if not ok and not errors:
        errors.append("pyx12 rejected the document")
    return errors


def _walk(node, where: str = ""):
    if isinstance(node, dict):
        here = node.get("seg_id") or where
        if node.get("seg_id") and node.get("cur_line") is not None:
            here = f"{node['seg_id']} (line {node['cur_line']})"
        for err in node.get("errors", []) or []:
            if isinstance(err, dict):
                code = err.get("code") or err.get("err_cde") or ""
                msg = err.get("msg") or err.get("err_str") or json.dumps(err)
                yield f"{here}: {msg}" + (f" [{code}]" if code else "")
            else:
                yield f"{here}: {err}"
        for key, value in node.items():
            if key != "errors" and isinstance(value, (list, dict)):
                yield from _walk(value, here)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, where)
