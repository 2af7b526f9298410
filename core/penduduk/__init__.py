"""The population register: wilayah, residents, families, households and the journal."""
