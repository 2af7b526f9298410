"""The document kit: what every printed document of a nagari needs (letters, books, reports)."""
