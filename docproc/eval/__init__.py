"""The accuracy benchmark: compares what docproc read with a corpus's truth files."""
