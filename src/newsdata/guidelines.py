"""The version of the newsdata annotation guidelines: the one place that states it.

The guidelines are the pages under ``docs/guidelines/`` (what to annotate in an article,
where spans start and end, how they are written in JSON). Every article records the
version it follows in ``annotation.guidelines``. ``newsdata add`` stamps this constant,
and the guidelines' index page shows it through the MyST substitution
``guidelines_version`` that ``docs/conf.py`` sets from it: raise the version here and
nowhere else. This module imports nothing, so reading it costs nothing.

Examples
--------
>>> from newsdata.guidelines import GUIDELINES_VERSION
>>> [part.isdigit() for part in GUIDELINES_VERSION.split(".")]
[True, True, True]
"""

__all__ = ["GUIDELINES_VERSION"]

GUIDELINES_VERSION = "1.2.0"
"""Semantic version of the annotation guidelines (``docs/guidelines/``)."""
