"""Stance (interim in branch core: the stance stage is rebuilt in branch `stance`)."""
from __future__ import annotations


def annotate(doc, statements, models=None):
    return tuple(statements)
