// Placeholder: the TUI helper replaces this file.
