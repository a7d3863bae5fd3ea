"""National map data: boundaries, hex layout, classes, palettes and values."""
