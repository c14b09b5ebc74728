"""The local review web app (FastAPI + Jinja2 + vendored htmx): see scribe.web.app."""
