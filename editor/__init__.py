"""transcript-editor: correct podcast transcripts while listening."""
