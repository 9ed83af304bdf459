"""Playback around the Player: the transport bar (buttons, position, rate, messages) and finding an episode's media."""
