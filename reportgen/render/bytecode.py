"""Compiled templates kept between runs, so that a cold start does not recompile Jinja.

Jinja needs 50–140 ms to compile the 75 KB body of a Word template and ~1 ms to load the
compiled code back. The code is kept the way Python keeps ``__pycache__``: in the user's
cache folder, under a key that names everything it depends on (the source, the
environment's settings, the Jinja and Python versions), written atomically, and simply
recompiled when missing, unreadable or stale. ``REPORTGEN_CACHE=off`` turns it off;
``REPORTGEN_CACHE=<folder>`` moves it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import CodeType

import jinja2
from jinja2 import Environment, Template

VARIABLE = "REPORTGEN_CACHE"


def folder() -> Path | None:
    """Where compiled templates are kept, or None when the cache is off."""
    chosen = os.environ.get(VARIABLE)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportgen"


def fingerprint(env: Environment) -> str:
    """The settings the compiled code of ``env`` depends on."""
    finalize = env.finalize
    return repr(
        (
            jinja2.__version__,
            sys.implementation.cache_tag,
            sys.version_info[:3],
            env.autoescape,
            env.undefined.__name__,
            f"{finalize.__module__}.{finalize.__qualname__}" if finalize else None,
            env.keep_trailing_newline,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.optimized,
            (env.block_start_string, env.block_end_string),
            (env.variable_start_string, env.variable_end_string),
            (env.comment_start_string, env.comment_end_string),
            sorted(env.extensions),
        )
    )


def template(env: Environment, source: str, name: str) -> Template:
    """``env.from_string(source)``, with the compiled code kept between runs."""
    where = folder()
    if where is None:
        return env.from_string(source)
    key = hashlib.sha256(f"{fingerprint(env)}\0{name}\0{source}".encode()).hexdigest()
    path = where / f"{key[:40]}.jinja-code"
    code = _load(path)
    if code is None:
        code = env.compile(source, name)
        _dump(path, code)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _load(path: Path) -> CodeType | None:
    try:
        code = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def _dump(path: Path, code: CodeType) -> None:
    """Write atomically; a cache that cannot be written is simply not kept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps(code))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if not isinstance(sys.exc_info()[1], OSError):
            raise
