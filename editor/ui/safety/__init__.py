"""Nothing lost: crash-recovery journals, disk-change watching, first-save backups, the banner and its questions."""
