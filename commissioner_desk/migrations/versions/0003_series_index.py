"""series index: trend charts read a metric's current figures from the index alone

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 14:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["metric_id", "breakdown", "period_id", "force_id", "status", "value"]


def upgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_observations_series",
            COLUMNS,
            unique=False,
            sqlite_where=sa.text("is_current"),
            postgresql_where=sa.text("is_current"),
        )


def downgrade() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_observations_series",
            sqlite_where=sa.text("is_current"),
            postgresql_where=sa.text("is_current"),
        )
