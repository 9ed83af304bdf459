"""The waveform timeline under the table: peaks, row markers, playhead, drag to retime, snap to speech."""
