"""The editor's widgets, table model, undo commands and actions (Qt Widgets); nothing outside the app imports it."""
