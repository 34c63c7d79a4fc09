"""Topics found in a story's text, for the editor to accept or reject.

``suggest(text, language)`` names the countries, places, people, organisations
and themes the text mentions, in any of their inflected forms
(``matching.py``), from our gazetteer and the outlet's own people and topics
(``gazetteer.py``)."""

from .finder import Suggestion, find, outlet_entries, story_text, suggest

__all__ = ["Suggestion", "find", "outlet_entries", "story_text", "suggest"]
