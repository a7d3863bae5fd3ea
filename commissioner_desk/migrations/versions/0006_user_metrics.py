"""metrics the office defines, and figures that are not whole numbers (issue 15)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10 10:00:00

`metrics` gains its unit (count, decimal or percent), whether it is built in, who created it,
and the version and times of an edited row. `observations.value` becomes NUMERIC(20, 4), so a
decimal metric (officers as full-time equivalents) is stored exactly to four places; counts
are unchanged (db/figure_value.py reads them back as ints).
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite can add a NOT NULL column only with a constant default, and rebuilding `metrics` in
# batch mode is not safe here: dropping the old table inside the upgrade's transaction (foreign
# keys on) would cascade into metric_dimensions. So the columns are added with defaults, and
# the times set to the upgrade's own just after.
_EPOCH = sa.text("'1970-01-01 00:00:00'")


def upgrade() -> None:
    op.add_column(
        "metrics",
        sa.Column("unit", sa.String(length=16), nullable=False, server_default="count"),
    )
    op.add_column(
        "metrics", sa.Column("builtin", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.add_column("metrics", sa.Column("created_by", sa.String(length=120), nullable=True))
    op.add_column("metrics", sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    for name in ("created_at", "updated_at"):
        op.add_column(
            "metrics", sa.Column(name, sa.DateTime(), nullable=False, server_default=_EPOCH)
        )
    now = datetime.now(UTC).replace(tzinfo=None)  # naive UTC, as the app stores times
    op.get_bind().execute(
        sa.text("UPDATE metrics SET created_at = :now, updated_at = :now"), {"now": now}
    )

    _retype_value(sa.BigInteger(), sa.Numeric(precision=20, scale=4))


def _retype_value(
    old: sa.types.TypeEngine, new: sa.types.TypeEngine, using: str | None = None
) -> None:
    """observations.value as `new`. The partial indexes are dropped and made again around the
    change: PostgreSQL would rebuild them anyway, and SQLite's batch copy then never depends
    on reflecting their WHERE clause."""
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index("ix_observations_series")
        batch_op.drop_index("uq_observations_current")
    with op.batch_alter_table("observations", schema=None, recreate="auto") as batch_op:
        batch_op.alter_column(
            "value", existing_type=old, type_=new, existing_nullable=True, postgresql_using=using
        )
    _partial_indexes()


def _partial_indexes() -> None:
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index(
            "uq_observations_current",
            ["force_id", "period_id", "metric_id", "breakdown"],
            unique=True,
            sqlite_where=sa.text("is_current"),
            postgresql_where=sa.text("is_current"),
        )
        batch_op.create_index(
            "ix_observations_series",
            ["metric_id", "breakdown", "period_id", "force_id", "status", "value"],
            unique=False,
            sqlite_where=sa.text("is_current"),
            postgresql_where=sa.text("is_current"),
        )


def downgrade() -> None:
    # Fractions are rounded: the older schema holds whole numbers only.
    _retype_value(sa.Numeric(precision=20, scale=4), sa.BigInteger(), "round(value)::bigint")
    for name in ("updated_at", "created_at", "version", "created_by", "builtin", "unit"):
        op.drop_column("metrics", name)
