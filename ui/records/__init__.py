"""What the record pages (actions, practices, membership) share: their form helpers now, and
the one record-page base they are configurations of."""
