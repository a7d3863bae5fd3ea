"""Briefing packs on paper and in PDF: the content model of commissioner_desk.reports laid out
and painted, with the preview, printer and PDF sharing one renderer."""
