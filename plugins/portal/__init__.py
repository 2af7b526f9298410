"""The nagari's public website: home page, articles, static pages, menu, comments (issue 21)."""
