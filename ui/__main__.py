import multiprocessing
import sys

from ui.cli import main

if __name__ == "__main__":
    # The frozen app starts its spreadsheet reader (a process of its own, see
    # commissioner_desk/importing/readers/reader_process.py) by running itself again: this
    # hands that run to multiprocessing instead of opening a second app. Does nothing otherwise.
    multiprocessing.freeze_support()
    sys.exit(main())
