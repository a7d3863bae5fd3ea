"""A meeting's minutes: the editor and its format bar, what the tab says around the text
(status, errata, unsaved minutes), and the minutes printed and exported (PDF, Word)."""
