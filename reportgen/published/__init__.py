"""A published report (Word file, web page, PDF, copied text) read back into the input file.

Layers, each knowing only those below it: a reader per source form (:mod:`.wordfile`,
:mod:`.webpage`, :mod:`.pdffile`, :mod:`.plaintext`) turns the file into one neutral
:class:`~reportgen.published.document.Document` (paragraphs with their runs' emphasis,
tables as grids with merges resolved); :mod:`.recogniser` finds the parts of the report in
it and :mod:`.cells` every table cell by its printed labels; :mod:`reportgen.scaffold`
writes the clerk's TOML file. :func:`reportgen.published.importer.read` does all of it.
"""
