"""desk: correcting a work's reading text (the writer, the flags, the browser desk)."""
