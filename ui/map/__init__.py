"""The national map drawn with QPainter: one renderer for the screen, PNG, SVG and PDF."""
