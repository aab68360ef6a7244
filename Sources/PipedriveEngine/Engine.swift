// Placeholder: the engine helpers replace this file.
