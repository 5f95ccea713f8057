"""The templates of the reports, edited here in the project's top-level ``templates/`` folder.

Installed (a wheel, ``pip install .``, pipx) this folder is the package ``reportgen.templates``
(pyproject.toml maps it with ``package-dir``), and an editable install maps the same name to
this very folder; so ``reportgen.templates.FOLDER`` is where the templates are, either way.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
