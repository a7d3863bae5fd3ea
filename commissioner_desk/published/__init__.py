"""The one door for figures people see: anything shown, printed or exported comes through here,
and here the office's disclosure rule is applied (small counts, and the counts that would give
them away, are hidden)."""
