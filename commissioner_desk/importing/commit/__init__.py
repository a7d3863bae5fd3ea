"""Step 3 of an import: store a checked plan, and take it back.

`store.commit_plan` stores a plan without errors as one import batch in one transaction;
`diff` says what that would change against the figures held (the preview uses the same rules);
`history` lists the batches and `undo` takes one back as a whole.
"""
