"""Reading annotations made in other tools back into a corpus's articles."""
