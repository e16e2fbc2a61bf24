"""tracker: a citable timeline and signatory tracker for the Abraham Accords."""

__version__ = "0.2.0"
