"""zjplan's version: a leaf, so that no module of the library imports the package's face
(``zjplan/__init__.py``, which names the public API) to learn it. pyproject.toml reads it
from here too."""

__version__ = "0.1.0"
