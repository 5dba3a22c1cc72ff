"""Signals that let apps of the same level hear about each other without importing each other."""

from django.dispatch import Signal

# Sent when what a search finds may have changed without a page being published (synonyms, the
# glossary's other words): cached result pages must go (the page cache listens).
search_changed = Signal()
