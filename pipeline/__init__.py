"""unres: one YAML source → UN-style PDF, DOCX and HTML."""

__version__ = "0.1.0"
