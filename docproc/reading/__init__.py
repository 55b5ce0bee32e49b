"""Bytes to pages: sniffing, PDF text layers and structure, rendering, imaging, seals, OCR, forensic facts,
and classifying pages into documents."""
