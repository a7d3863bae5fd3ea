"""Printing and PDF: one renderer for files, printers and preview."""
