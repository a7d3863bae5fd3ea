"""Statistics over the figures held: flags and comparisons between forces."""
