"""Step 1 of an import: read a file into plain rows of cells, safely.

A file's bytes are read once (`source_file`), checked against files made to harm or too large to
lay out (`limits`, the `*_extent` modules, `budget`), and read by calamine or the csv module
(`workbook`, `csv_file`) in a process of its own with a memory cap and a time limit
(`reader_process`, `reader_child`, `memory_cap`, `deadline`). Nothing here knows what a return
looks like: that is `layouts`.
"""
