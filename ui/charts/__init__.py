"""Charts for the pages and for briefing packs."""
