"""The template return: the workbook the office sends each force to fill in, and its reader.

`spec` says where everything goes; `writer` makes the workbook; `reader` reads a filled one
back without asking the user anything (it is the first layout the importer tries).
"""

from .reader import LAYOUT, read_template, template_version
from .spec import TEMPLATE_VERSION
from .writer import template_file_name, template_forces, write_template, write_templates

__all__ = [
    "LAYOUT",
    "TEMPLATE_VERSION",
    "read_template",
    "template_file_name",
    "template_forces",
    "template_version",
    "write_template",
    "write_templates",
]
