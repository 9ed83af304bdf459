"""The transcript table: the model over the Episode, the view and its cell editors, undo commands, playback follow."""
