"""The residents' login realm: NIK and a PIN issued at the counter, sessions apart from the staff's."""
