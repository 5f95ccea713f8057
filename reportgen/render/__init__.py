"""Renderers: a validated report in, a document out. They never judge the data."""
