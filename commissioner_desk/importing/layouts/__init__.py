"""Step 2 of an import: recognise how a workbook lays out its figures and turn its cells into
planned figures.

`recognise.read_any_layout` tries each layout in turn: a template return (`..template`), a long
table with Force, Period, Metric and Value columns (`long_layout`), or a published table with
police forces as rows (`wide_layout` and the `wide_*`, `table_*`, `row_roles`, `headers` and
`footnotes` modules it uses). `profiles` are the user's saved answers for tables whose file does
not say everything.
"""
