"""tracker: a citable timeline and signatory tracker for the Abraham Accords."""

__version__ = "0.1.0"
