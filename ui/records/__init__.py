"""The record pages' base: Actions, Practice library and Membership are configurations of it.

page.py      RecordPage: filter bar, list beside detail, selection, counts, after-save refresh
deleting.py  delete with a question, refused on a conflict, put back by Undo
undo_offer.py  the status-bar Undo offer
combos.py    the filter bar's drop-down lists
conflicts.py what is said when someone else changed the record meanwhile
form.py      the record dialogs' form helpers (choices, messages above the form)
saving.py    where an export is saved
"""
