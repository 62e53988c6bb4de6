"""Server-rendered pages: templates, static files, and the pure helpers that turn a
record into highlighted text segments and chart geometry (no markup is built in Python:
templates escape every piece of text)."""
