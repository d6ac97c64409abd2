"""Tooling around editio (benchmarks, model training, the README picture, the reference
DOCX). Not part of the runtime: editio never imports it, and editing it rebuilds no book."""
