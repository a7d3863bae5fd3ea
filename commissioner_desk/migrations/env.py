"""Alembic environment: run against the connection the app hands over (see db/migrate.py)."""

from alembic import context

from commissioner_desk.db.models import Base
from commissioner_desk.db.search_index import include_name

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
    include_name=include_name,  # full-text tables are per database, not models
)
with context.begin_transaction():
    context.run_migrations()
