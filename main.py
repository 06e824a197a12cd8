"""Shenzhen plan map: the viewer by default, and command-line subcommands for everything it shows.

    plan-map                      open the viewer (builds the store on first run)
    plan-map build                (re)build the store from the plan documents
    plan-map search 河套           full-text search of the plans
    plan-map --help               every command

`python main.py …` and `bash run.sh …` run the same commands; the code is in cli/.
"""

import sys

from cli.main import main

if __name__ == "__main__":
    sys.exit(main())
