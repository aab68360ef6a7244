// Placeholder: the TUI helper replaces this file.
import CNcursesw
