"""Commissioner's Desk core: domain, database, importing, statistics, network, report content.

Pure Python. Never imports Qt (an import-linter contract in pyproject.toml checks it).
"""

__version__ = "0.1.0"
APP_NAME = "Commissioner's Desk"
# Folder names on disk (platformdirs); kept ASCII and space-free on purpose.
APP_SLUG = "CommissionersDesk"
APP_AUTHOR = "AntiSlaveryCommissioner"
