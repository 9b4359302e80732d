"""Discord adapters, one extension per feature. They parse options, call the core, render."""
