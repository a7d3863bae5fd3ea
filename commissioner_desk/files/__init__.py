"""Files the app writes: whole or not at all (safe_write), checked as their format (checks),
and every operating-system error about a file said in words a user can act on (words)."""
