"""The residents' own login realm: NIK + PIN issued at the counter, sessions apart from staff sessions."""
