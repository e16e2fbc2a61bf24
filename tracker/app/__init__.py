"""The application: answers, checks, exports and curation, without any CLI framework.

Imported by the front door, so this file stays empty: each module is imported where needed.
"""
