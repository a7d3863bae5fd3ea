"""Where a return is validated: what is wrong with a file, cell by cell.

`cells` says what a cell may hold (a count, a marker such as [c], a metric or breakdown name);
`problems` is the located error or warning every step reports; `formula_check` explains cells
that read blank but hold a formula or an Excel error; `history_checks` compares figures with the
force's own history; `annotate` marks the problems in a copy of the file to send back.
"""
