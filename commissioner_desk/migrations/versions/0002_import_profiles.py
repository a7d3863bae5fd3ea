"""import profiles: saved mappings for table shapes the importer cannot work out alone

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 11:39:29.832911
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("metric_key", sa.String(length=60), nullable=False),
        sa.Column("period_key", sa.String(length=16), nullable=True),
        sa.Column("column_map", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_profiles")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_import_profiles_fingerprint")),
    )


def downgrade() -> None:
    op.drop_table("import_profiles")
