"""What docproc keeps: tables and the database, sealed blobs, accounts, sessions, integrations, audit."""
