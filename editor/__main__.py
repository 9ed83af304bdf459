"""`python -m editor` runs the same entry point as the `transcript-editor` command."""
import sys

from editor.app import main

sys.exit(main())
