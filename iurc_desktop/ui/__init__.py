"""The PySide6 desktop interface: main window, pages, table models, workers, undo."""
