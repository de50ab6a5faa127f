"""The window's frame: main window, navigation, menus, actions, start-up and settings."""
